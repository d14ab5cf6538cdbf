using System.Net;
using System.Text.RegularExpressions;
using Kissos.Providers;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.PublicCatalogue;

/// <summary>
/// Search results kept per state of the data (PublicCatalogue/SearchAnswerCache.cs) are the pages made without
/// keeping, and every change the search shows moves them on: a service edit (data version), a vacancy published,
/// changed or withdrawn (no data version).
/// </summary>
[Collection(DatabaseCollection.Name)]
public partial class SearchAnswerCacheTests(KissosApp app) : IClassFixture<KissosApp>
{
    private sealed class UncachedApp : KissosApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kissos:CacheAnswers", "false");
        }
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static int Total(string html) => int.Parse(TotalPattern().Match(html).Groups[1].Value);

    [Theory]
    [InlineData("/katalog")]
    [InlineData("/katalog?kraj=CZ071&orp=7107")]
    [InlineData("/katalog?druh=13&forma=pob&kraj=CZ072")]
    [InlineData("/katalog?q=domov&cilova=24&strana=2")]
    [InlineData("/katalog?volne=true")]
    public async Task A_kept_answer_is_the_page_made_without_keeping(string url)
    {
        await using var uncached = new UncachedApp { SharedDatabase = app.Database };
        await uncached.InitializeAsync();
        using var cached = app.CreateClient();

        var expected = await PageAsync(uncached.CreateClient(), url);
        Assert.Equal(expected, await PageAsync(cached, url)); // made and kept
        Assert.Equal(expected, await PageAsync(cached, url)); // kept
    }

    [Fact]
    public async Task A_service_edit_moves_the_answer_and_an_unversioned_write_does_not()
    {
        const string url = "/katalog?q=hipoterapie";
        using var client = app.CreateClient();
        Assert.Equal(0, Total(await PageAsync(client, url)));

        // A write that bypasses the data version is not seen: the answer is the kept one.
        await using (var db = app.Database.Open())
        {
            var service = await db.Services.SingleAsync(s => s.Id == VacancyInputs.ForeignHome);
            service.Description = "Nabízíme hipoterapii.";
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, Total(await PageAsync(client, url)));

        var provider = await app.ClientAsync(ApiClient.Provider);
        var serviceUrl = $"/api/my/services/{VacancyInputs.OwnHome}";
        var edit = System.Text.Json.JsonSerializer.Deserialize<ServiceEdit>(
            (await provider.JsonAsync(await provider.GetAsync(serviceUrl), HttpStatusCode.OK)).GetRawText(), System.Text.Json.JsonSerializerOptions.Web)!;
        await provider.JsonAsync(await provider.PutAsync(serviceUrl, edit with { Description = "Hipoterapie v zahradě domova." }), HttpStatusCode.OK);

        var after = await PageAsync(client, url);
        Assert.Equal(2, Total(after));
        Assert.Contains($"data-id=\"{VacancyInputs.OwnHome}\"", after);
    }

    [Fact]
    public async Task Publishing_changing_and_withdrawing_a_vacancy_each_move_the_answer()
    {
        using var client = app.CreateClient();
        var provider = await app.ClientAsync(ApiClient.Provider);
        await using (var db = app.Database.Open())
            Assert.False(await db.Vacancies.AnyAsync(v => v.ServiceId == VacancyInputs.OwnHome && v.WithdrawnAt == null));
        var none = await PageAsync(client, "/katalog?volne=true");

        var created = await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid() with { Places = 2 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var published = await PageAsync(client, "/katalog?volne=true");
        Assert.Equal(Total(none) + 1, Total(published));
        Assert.Contains("volná místa: 2", published);

        await provider.JsonAsync(await provider.PutAsync($"/api/my/vacancies/{id}",
            VacancyInputs.Valid() with { Places = 5, Version = created.GetProperty("version").GetUInt32() }), HttpStatusCode.OK);
        Assert.Contains("volná místa: 5", await PageAsync(client, "/katalog?volne=true"));

        await provider.JsonAsync(await provider.DeleteAsync($"/api/my/vacancies/{id}"), HttpStatusCode.NoContent);
        Assert.Equal(Total(none), Total(await PageAsync(client, "/katalog?volne=true")));
    }

    [GeneratedRegex("data-total=\"(\\d+)\"")]
    private static partial Regex TotalPattern();
}
