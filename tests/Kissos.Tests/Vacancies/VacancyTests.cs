using System.Net;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Kissos.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Vacancies;

[Collection(DatabaseCollection.Name)]
public class VacancyTests(KissosApp app) : IClassFixture<KissosApp>
{
    private static IEnumerable<JsonElement> Features(JsonElement fc) => fc.GetProperty("features").EnumerateArray();

    private async Task<JsonElement> PublishAsync(ApiClient provider, VacancyInput input) =>
        await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", input), HttpStatusCode.Created);

    [Fact]
    public async Task A_published_vacancy_is_public_with_its_place_and_contact()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var created = await PublishAsync(provider, VacancyInputs.Valid() with { Description = "Pokoj u zahrady" });
        var id = created.GetProperty("id").GetString();

        var anonymous = await app.ClientAsync(null);
        var list = await anonymous.JsonAsync(await anonymous.GetAsync("/api/vacancies?kraj=CZ071&druh=13&bezbarierove=true"), HttpStatusCode.OK);
        var feature = Features(list).Single(f => f.GetProperty("id").GetString() == id);
        var p = feature.GetProperty("properties");

        Assert.Equal("Pokoj u zahrady", p.GetProperty("description").GetString());
        Assert.Equal("Centrum Dominika Kokory, příspěvková organizace", p.GetProperty("providerName").GetString());
        Assert.Equal("581 292 611", p.GetProperty("contactPhone").GetString());
        Assert.Equal("senioři", p.GetProperty("targetGroupName").GetString());
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Filters_by_distance_barriers_and_territory_narrow_the_list()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var accessible = (await PublishAsync(provider, VacancyInputs.Valid())).GetProperty("id").GetString();
        var stairs = (await PublishAsync(provider, VacancyInputs.Valid() with { BarrierFree = false, Floor = 2, Lift = false })).GetProperty("id").GetString();
        var anonymous = await app.ClientAsync(null);

        async Task<List<string?>> Ids(string query) =>
            Features(await anonymous.JsonAsync(await anonymous.GetAsync("/api/vacancies" + query), HttpStatusCode.OK))
                .Select(f => f.GetProperty("id").GetString()).ToList();

        var barrierFree = await Ids("?bezbarierove=true");
        var nearKokory = await Ids("?near=17.376,49.496&radiusKm=5");   // Kokory
        var nearZlin = await Ids("?near=17.666,49.226&radiusKm=10");    // Zlín, ~40 km away
        var zlinskyKraj = await Ids("?kraj=CZ072");

        Assert.Contains(accessible, barrierFree);
        Assert.DoesNotContain(stairs, barrierFree);
        Assert.Contains(accessible, nearKokory);
        Assert.Contains(stairs, nearKokory);
        Assert.DoesNotContain(accessible, nearZlin);
        Assert.DoesNotContain(accessible, zlinskyKraj);
    }

    [Fact]
    public async Task Expired_and_withdrawn_vacancies_disappear_from_the_public()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var withdrawn = (await PublishAsync(provider, VacancyInputs.Valid())).GetProperty("id").GetString();
        var expiring = (await PublishAsync(provider, VacancyInputs.Valid())).GetProperty("id").GetString();
        await provider.JsonAsync(await provider.DeleteAsync($"/api/my/vacancies/{withdrawn}"), HttpStatusCode.NoContent);
        await using (var db = app.Database.Open())
            await db.Vacancies.Where(v => v.Id == Guid.Parse(expiring!))
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.AvailableFrom, VacancyInputs.Today.AddDays(-10))
                    .SetProperty(v => v.ValidUntil, VacancyInputs.Today.AddDays(-1)));

        var anonymous = await app.ClientAsync(null);
        var ids = Features(await anonymous.JsonAsync(await anonymous.GetAsync("/api/vacancies"), HttpStatusCode.OK))
            .Select(f => f.GetProperty("id").GetString()).ToList();
        var mine = await provider.JsonAsync(await provider.GetAsync("/api/my/vacancies"), HttpStatusCode.OK);

        Assert.DoesNotContain(withdrawn, ids);
        Assert.DoesNotContain(expiring, ids);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/vacancies/{expiring}")).StatusCode);
        Assert.Contains(mine.EnumerateArray(), v => v.GetProperty("id").GetString() == withdrawn); // the provider still sees it
    }

    public static TheoryData<string, VacancyInput> BadInputs => new()
    {
        { "places", VacancyInputs.Valid() with { Places = -1 } },
        { "validUntil", VacancyInputs.Valid() with { AvailableFrom = VacancyInputs.Today.AddDays(-20), ValidUntil = VacancyInputs.Today.AddDays(-1) } },
        { "availableFrom", VacancyInputs.Valid() with { AvailableFrom = VacancyInputs.Today.AddDays(40) } },
        { "description", VacancyInputs.Valid() with { Description = new string('x', 2001) } },
        { "contactEmail", VacancyInputs.Valid() with { ContactEmail = "není e-mail" } },
        { "targetGroup", VacancyInputs.Valid() with { TargetGroup = "99" } },
        { "placeId", VacancyInputs.Valid() with { PlaceId = VacancyInputs.ForeignHomePlace } },
        { "serviceId", VacancyInputs.Valid("mpsv-6276", "misto-25928821") }, // osobní asistence is not residential
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_clear_error_and_nothing_is_stored(string field, VacancyInput input)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        await using var db = app.Database.Open();
        var before = await db.Vacancies.CountAsync();

        var problem = await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", input), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(before, await db.Vacancies.CountAsync());
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_problem_details()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        using var content = new StringContent("""{"serviceId": "mpsv-4365", "places": "dvě"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await provider.Http.PostAsync("/api/my/vacancies", content);

        var problem = await provider.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Požadavek nelze přečíst", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_second_writer_gets_a_conflict_and_the_first_change_stays()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var created = await PublishAsync(provider, VacancyInputs.Valid());
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetUInt32();

        var first = await provider.PutAsync($"/api/my/vacancies/{id}", VacancyInputs.Valid() with { Places = 3, Version = version });
        var second = await provider.PutAsync($"/api/my/vacancies/{id}", VacancyInputs.Valid() with { Places = 7, Version = version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var conflict = await provider.JsonAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("změnil někdo jiný", conflict.GetProperty("title").GetString());
        await using var db = app.Database.Open();
        Assert.Equal(3, (await db.Vacancies.SingleAsync(v => v.Id == Guid.Parse(id!))).Places);
    }

    [Fact]
    public async Task Another_provider_can_neither_see_nor_change_the_vacancy()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var created = await PublishAsync(provider, VacancyInputs.Valid());
        var id = created.GetProperty("id").GetString();
        var admin = await app.ClientAsync(ApiClient.Admin);
        await admin.JsonAsync(await admin.PostAsync("/api/admin/users", new
        {
            email = "jiny@example.cz", password = "Jine-heslo-2026", role = "provider", icos = new[] { "61985864" },
        }), HttpStatusCode.Created);
        var other = await ApiClient.CreateAsync(app.CreateClient(), "jiny@example.cz", "Jine-heslo-2026");

        var theirs = await other.JsonAsync(await other.GetAsync("/api/my/vacancies"), HttpStatusCode.OK);
        var change = await other.PutAsync($"/api/my/vacancies/{id}", VacancyInputs.Valid() with { Places = 9, Version = created.GetProperty("version").GetUInt32() });
        var withdraw = await other.DeleteAsync($"/api/my/vacancies/{id}");

        Assert.DoesNotContain(theirs.EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_log_with_who_and_what()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var created = await PublishAsync(provider, VacancyInputs.Valid());
        var id = created.GetProperty("id").GetString();
        await provider.JsonAsync(await provider.PutAsync($"/api/my/vacancies/{id}",
            VacancyInputs.Valid() with { Places = 5, Version = created.GetProperty("version").GetUInt32() }), HttpStatusCode.OK);

        var admin = await app.ClientAsync(ApiClient.Admin); // the demo regional account is Zlínský kraj's; this home is in Olomoucký
        var log = await admin.JsonAsync(await admin.GetAsync($"/api/audit?entity=Vacancy&entityId={id}"), HttpStatusCode.OK);
        var entries = log.EnumerateArray().ToList();

        Assert.Equal(["updated", "created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(ApiClient.Provider, e.GetProperty("userName").GetString()));
        var update = entries[0];
        Assert.Equal(2, update.GetProperty("oldValues").GetProperty("Places").GetInt32());
        Assert.Equal(5, update.GetProperty("newValues").GetProperty("Places").GetInt32());
    }
}
