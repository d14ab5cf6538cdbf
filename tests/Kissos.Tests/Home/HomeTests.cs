using System.Net;
using System.Net.Http.Headers;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Home;

/// <summary>The nástěnka on the real PostGIS: staff write in their kraj, accounts read what their audience is.</summary>
[Collection(DatabaseCollection.Name)]
public class HomeTests(KissosApp app) : IClassFixture<KissosApp>
{
    // The demo provider keeps 61985929 (Kokory, CZ071) and 73632783 (Diakonie Valašské Meziříčí, CZ072);
    // the demo municipality is Kokory (CZ071); the demo regional account is Zlínský kraj (CZ072).
    private static string Today => DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd");
    private static string InDays(int days) => DateOnly.FromDateTime(DateTime.Now).AddDays(days).ToString("yyyy-MM-dd");

    private static object Announcement(string title, string audience = "kraj", string? druh = null, string? kraj = null,
        string? validFrom = null, string? validTo = null) =>
        new { kraj, title, text = "<script>alert(1)</script> **Důležité**", validFrom = validFrom ?? Today, validTo, audience, druh };

    private static async Task<List<string>> TitlesAsync(ApiClient client, string url) =>
        (await client.JsonAsync(await client.GetAsync(url), HttpStatusCode.OK)).EnumerateArray()
            .Select(a => a.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Announcements_reach_their_audience_while_valid()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var staff = await app.ClientAsync(ApiClient.Regional);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        var admin = await app.ClientAsync(ApiClient.Admin);
        await using var db = app.Database.Open();
        var providedDruh = await db.Services.Where(s => s.ProviderIco == "73632783").Select(s => s.DruhCode).FirstAsync();
        var providerDruhy = await db.Services.Where(s => s.ProviderIco == "73632783" || s.ProviderIco == "61985929").Select(s => s.DruhCode).ToListAsync();
        var otherDruh = await db.Druhy.Where(d => !providerDruhy.Contains(d.Code)).Select(d => d.Code).FirstAsync();

        var created = await staff.JsonAsync(await staff.PostAsync("/api/home/announcements", Announcement($"Kraj {run}")), HttpStatusCode.Created);
        Assert.Equal("CZ072", created.GetProperty("krajNuts3").GetString());
        await staff.JsonAsync(await staff.PostAsync("/api/home/announcements", Announcement($"Druh {run}", "druh", providedDruh)), HttpStatusCode.Created);
        await staff.JsonAsync(await staff.PostAsync("/api/home/announcements", Announcement($"Cizí druh {run}", "druh", otherDruh)), HttpStatusCode.Created);
        await staff.JsonAsync(await staff.PostAsync("/api/home/announcements", Announcement($"Budoucí {run}", validFrom: InDays(3))), HttpStatusCode.Created);
        await staff.JsonAsync(await staff.PostAsync("/api/home/announcements", Announcement($"Prošlá {run}", validFrom: InDays(-10), validTo: InDays(-1))), HttpStatusCode.Created);
        await admin.JsonAsync(await admin.PostAsync("/api/home/announcements", Announcement($"Všem {run}", "vsichni", kraj: "CZ071")), HttpStatusCode.Created);

        var forProvider = (await TitlesAsync(provider, "/api/home/announcements")).Where(t => t.EndsWith(run)).ToHashSet();
        Assert.Equal(new HashSet<string> { $"Kraj {run}", $"Druh {run}", $"Všem {run}" }, forProvider);
        var forMunicipality = (await TitlesAsync(municipality, "/api/home/announcements")).Where(t => t.EndsWith(run)).ToHashSet();
        Assert.Equal(new HashSet<string> { $"Všem {run}" }, forMunicipality); // Kokory lies in CZ071
        var forStaff = (await TitlesAsync(staff, "/api/home/announcements")).Where(t => t.EndsWith(run)).ToHashSet();
        Assert.Equal(new HashSet<string> { $"Kraj {run}", $"Druh {run}", $"Cizí druh {run}", $"Všem {run}" }, forStaff);
        var managed = (await TitlesAsync(staff, "/api/home/announcements/all")).Where(t => t.EndsWith(run)).ToHashSet();
        Assert.Equal(new HashSet<string> { $"Kraj {run}", $"Druh {run}", $"Cizí druh {run}", $"Budoucí {run}", $"Prošlá {run}" }, managed);

        // Staff text comes back exactly as written: the page shows it as text, the API never rewrites it into markup.
        var text = (await provider.JsonAsync(await provider.GetAsync("/api/home/announcements"), HttpStatusCode.OK)).EnumerateArray()
            .First(a => a.GetProperty("title").GetString() == $"Kraj {run}").GetProperty("text").GetString();
        Assert.Equal("<script>alert(1)</script> **Důležité**", text);
    }

    [Fact]
    public async Task Staff_change_only_their_own_kraj()
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        var admin = await app.ClientAsync(ApiClient.Admin);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var foreign = await admin.JsonAsync(await admin.PostAsync("/api/home/contacts",
            new { kraj = "CZ071", name = "Jana Olomoucká", agenda = "Rozpočet", email = "jana@example.cz" }), HttpStatusCode.Created);
        var id = foreign.GetProperty("id").GetString();
        var change = new { name = "Přepsáno", agenda = "x", email = "x@example.cz" };

        using (var put = await staff.PutAsync($"/api/home/contacts/{id}", change)) Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        using (var delete = await staff.DeleteAsync($"/api/home/contacts/{id}")) Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using (var post = await staff.PostAsync("/api/home/contacts", new { kraj = "CZ071", name = "X", agenda = "Y", email = "x@example.cz" }))
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using (var post = await provider.PostAsync("/api/home/contacts", change)) Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using (var post = await admin.PostAsync("/api/home/contacts", change)) // an administrator names the kraj
            Assert.Contains("kraj", (await admin.JsonAsync(post, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var own = await staff.JsonAsync(await staff.PostAsync("/api/home/contacts",
            new { name = "Michaela Zlínská", agenda = "Rozpočet a vyúčtování", email = "michaela@example.cz", phone = "577 043 339" }), HttpStatusCode.Created);
        var ownId = own.GetProperty("id").GetString();
        await staff.JsonAsync(await staff.PutAsync($"/api/home/contacts/{ownId}",
            new { name = "Michaela Zlínská", agenda = "Výkazy", email = "michaela@example.cz", sortOrder = 1 }), HttpStatusCode.OK);
        var contacts = await provider.JsonAsync(await provider.GetAsync("/api/home/contacts"), HttpStatusCode.OK);
        Assert.Contains(contacts.EnumerateArray(), c => c.GetProperty("id").GetString() == ownId && c.GetProperty("agenda").GetString() == "Výkazy");
        Assert.Contains(contacts.EnumerateArray(), c => c.GetProperty("id").GetString() == id); // the provider has a service in CZ071 too
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        Assert.DoesNotContain((await municipality.JsonAsync(await municipality.GetAsync("/api/home/contacts"), HttpStatusCode.OK)).EnumerateArray(),
            c => c.GetProperty("id").GetString() == ownId);

        using (var delete = await staff.DeleteAsync($"/api/home/contacts/{ownId}")) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await using var db = app.Database.Open();
        Assert.Equal(["created", "updated", "deleted"], await db.AuditEntries.Where(a => a.EntityId == ownId)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field()
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        var problem = await staff.JsonAsync(await staff.PostAsync("/api/home/announcements",
            new { title = "", text = "x", validFrom = Today, validTo = InDays(-1), audience = "druh" }), HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "title", "validTo", "druh" }, fields);
        problem = await staff.JsonAsync(await staff.PostAsync("/api/home/faq", new { question = "Kdy?", answer = " " }), HttpStatusCode.BadRequest);
        Assert.Equal(["answer"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        problem = await staff.JsonAsync(await staff.PostAsync("/api/home/documents",
            new { kind = "kniha", module = "Rozpočet", year = 1999, title = "M" }), HttpStatusCode.BadRequest);
        Assert.Equal(new HashSet<string> { "kind", "year" }, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet());
    }

    [Fact]
    public async Task Documents_keep_every_version_and_readers_get_the_newest()
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        var document = await staff.JsonAsync(await staff.PostAsync("/api/home/documents",
            new { kind = "navod", module = "Rozpočet a vyúčtování", year = 2026, title = "Návod k rozpočtu" }), HttpStatusCode.Created);
        var id = document.GetProperty("id").GetString();
        await staff.JsonAsync(await Upload(staff, id, "navod.pdf", "%PDF-1.4 první"), HttpStatusCode.Created);
        await staff.JsonAsync(await Upload(staff, id, "navod-oprava.pdf", "%PDF-1.4 druhá"), HttpStatusCode.Created);
        var refused = await staff.JsonAsync(await Upload(staff, id, "stranka.html", "<script>x</script>"), HttpStatusCode.BadRequest);
        Assert.Contains("nazev", refused.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var listed = (await provider.JsonAsync(await provider.GetAsync("/api/home/documents"), HttpStatusCode.OK)).EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == id);
        Assert.Equal([2, 1], listed.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));

        using var newest = await provider.GetAsync($"/api/home/documents/{id}/file");
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Equal("%PDF-1.4 druhá", await newest.Content.ReadAsStringAsync());
        Assert.Equal("attachment", newest.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("navod-oprava.pdf", newest.Content.Headers.ContentDisposition?.FileNameStar);
        using var first = await provider.GetAsync($"/api/home/documents/{id}/file?verze=1");
        Assert.Equal("%PDF-1.4 první", await first.Content.ReadAsStringAsync());
        using var missing = await provider.GetAsync($"/api/home/documents/{id}/file?verze=3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var outOfScope = await municipality.GetAsync($"/api/home/documents/{id}/file"); // Kokory is in CZ071
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);

        using (var delete = await staff.DeleteAsync($"/api/home/documents/{id}")) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await provider.GetAsync($"/api/home/documents/{id}/file");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Faq_is_read_in_its_kraj_and_my_forms_is_empty_without_a_forms_module()
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        var question = $"Kdy se odevzdává 3. termín? {Guid.NewGuid():N}";
        await staff.JsonAsync(await staff.PostAsync("/api/home/faq", new { question, answer = "Do **5. 2.** následujícího roku." }), HttpStatusCode.Created);
        var provider = await app.ClientAsync(ApiClient.Provider);
        Assert.Contains((await provider.JsonAsync(await provider.GetAsync("/api/home/faq"), HttpStatusCode.OK)).EnumerateArray(),
            f => f.GetProperty("question").GetString() == question);
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        Assert.DoesNotContain((await municipality.JsonAsync(await municipality.GetAsync("/api/home/faq"), HttpStatusCode.OK)).EnumerateArray(),
            f => f.GetProperty("question").GetString() == question);
        Assert.Equal(0, (await provider.JsonAsync(await provider.GetAsync("/api/home/forms"), HttpStatusCode.OK)).GetArrayLength());
    }

    private static Task<HttpResponseMessage> Upload(ApiClient client, string? id, string name, string content)
    {
        var body = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.Http.PostAsync($"/api/home/documents/{id}/versions?nazev={Uri.EscapeDataString(name)}", body);
    }
}
