using System.Net;
using System.Text;
using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Providers;
using Kissos.Registers;
using Kissos.Tests.Infrastructure;
using Kissos.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Accounts;

/// <summary>Every endpoint × every role, with the status each must get: authorization is enforced by the server.</summary>
[Collection(DatabaseCollection.Name)]
public class AuthorizationMatrixTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string OwnService = "mpsv-4365";      // Centrum Dominika Kokory (CZ071), of the demo provider
    private const string OtherService = "mpsv-128";     // Domov pro seniory Koryčany (CZ072), another provider

    // Columns: anonymous, provider, municipality, regional (CZ072), admin.
    public static TheoryData<string, string, int[]> Matrix => new()
    {
        { "GET", "/api/map/services?druh=13", [200, 200, 200, 200, 200] },
        { "GET", "/api/vacancies", [200, 200, 200, 200, 200] },
        // Vector tiles are public and kept per data version alike for every account; a tile off the territory is empty.
        { "GET", "/tiles/obce.json", [200, 200, 200, 200, 200] },
        { "GET", "/tiles/services/10/561/349.mvt", [200, 200, 200, 200, 200] },
        { "GET", "/tiles/services/8/100/100.mvt", [204, 204, 204, 204, 204] },
        // The public catalogue's pages: the same for everyone, whatever kraj or IČO an account is bound to.
        { "GET", "/katalog?q=domov&kraj=CZ071", [200, 200, 200, 200, 200] },
        { "GET", "/poskytovatel/61985929", [200, 200, 200, 200, 200] },
        { "GET", $"/sluzba/{OwnService}", [200, 200, 200, 200, 200] },
        { "GET", $"/sluzba/{OtherService}", [200, 200, 200, 200, 200] },
        { "GET", "/sitemap.xml", [200, 200, 200, 200, 200] },
        { "GET", "/api/account/me", [401, 200, 200, 200, 200] },
        { "GET", "/api/account/session", [200, 200, 200, 200, 200] },
        { "GET", "/api/my/services", [401, 200, 403, 200, 200] },
        { "GET", $"/api/my/services/{OwnService}", [401, 200, 403, 403, 200] },
        { "GET", $"/api/my/services/{OtherService}", [401, 403, 403, 200, 200] },
        { "GET", "/api/my/vacancies", [401, 200, 403, 200, 200] },
        { "POST", "/api/my/vacancies", [401, 403, 403, 403, 201] }, // a CZ071 home of another provider
        { "DELETE", $"/api/my/vacancies/{Guid.Empty}", [401, 404, 403, 404, 404] },
        { "GET", "/api/audit", [401, 403, 403, 200, 200] },
        { "GET", "/api/admin/users", [401, 403, 403, 403, 200] },
        { "POST", "/api/admin/users", [401, 403, 403, 403, 400] },
        { "GET", "/api/my/notices", [401, 200, 200, 200, 200] },
        { "POST", $"/api/my/notices/{Guid.Empty}/read", [401, 404, 404, 404, 404] }, // only the account's own notice
        { "GET", "/api/home/announcements", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/announcements/all", [401, 403, 403, 200, 200] },
        { "GET", "/api/home/documents", [401, 200, 200, 200, 200] },
        { "GET", $"/api/home/documents/{Guid.Empty}/file", [401, 404, 404, 404, 404] },
        { "GET", "/api/home/contacts", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/faq", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/forms", [401, 200, 200, 200, 200] },
        // Writes name CZ071: the regional account of CZ072 is out of scope (403), the administrator may.
        { "POST", "/api/home/announcements", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/contacts", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/faq", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/documents", [401, 403, 403, 403, 201] },
        { "POST", $"/api/home/documents/{Guid.Empty}/versions?nazev=a.pdf", [401, 403, 403, 404, 404] },
        { "PUT", $"/api/home/announcements/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/announcements/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "PUT", $"/api/home/contacts/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/faq/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/documents/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "PUT", "/api/admin/users/poskytovatel@demo.kissos.cz/statutory", [401, 403, 403, 403, 204] },
        // Catalogue CSV of the management page: the regional account (CZ072) exports its kraj and imports rows of it;
        // a row of a CZ071 service or provider (the ?charset=utf-8 rows, see Body) is refused with its line (400).
        { "GET", "/api/staff/catalogue/services.csv", [401, 403, 403, 200, 200] },
        { "GET", "/api/staff/catalogue/providers.csv", [401, 403, 403, 200, 200] },
        { "POST", "/api/staff/catalogue/services.csv", [401, 403, 403, 200, 200] },
        { "POST", "/api/staff/catalogue/services.csv?charset=utf-8", [401, 403, 403, 400, 200] },
        { "POST", "/api/staff/catalogue/providers.csv", [401, 403, 403, 200, 200] },
        { "POST", "/api/staff/catalogue/providers.csv?charset=utf-8", [401, 403, 403, 400, 200] },
        // Open data (HSDS/HSDA) and the API description: public.
        { "GET", "/hsds/datapackage.zip", [200, 200, 200, 200, 200] },
        { "GET", "/hsds/services?per_page=1", [200, 200, 200, 200, 200] },
        { "GET", "/hsds/services/00000000-0000-0000-0000-000000000000", [404, 404, 404, 404, 404] },
        { "GET", "/hsds/organizations?per_page=1", [200, 200, 200, 200, 200] },
        { "GET", "/hsds/organizations/00000000-0000-0000-0000-000000000000", [404, 404, 404, 404, 404] },
        { "GET", "/hsds/service_at_locations?per_page=1", [200, 200, 200, 200, 200] },
        { "GET", "/hsds/service_at_locations/00000000-0000-0000-0000-000000000000", [404, 404, 404, 404, 404] },
        { "GET", "/hsds", [200, 200, 200, 200, 200] },
        { "GET", "/openapi/v1.json", [200, 200, 200, 200, 200] },
        { "GET", "/scalar/", [200, 200, 200, 200, 200] },
    };

    // Columns: anonymous, provider, statutory representative (of the provider's IČO), municipality, regional (CZ072),
    // regional of another kraj (CZ071), admin. Forms: a form id nobody has (404 where the role may ask), a kraj that is
    // not the regional account's (400).
    public static TheoryData<string, string, int[]> FormsMatrix => new()
    {
        { "GET", "/api/my/forms", [401, 200, 200, 403, 403, 403, 200] },
        { "POST", "/api/my/forms", [401, 403, 403, 403, 403, 403, 400] },   // a service of another provider; admin: not in a network
        { "GET", $"/api/my/forms/{Guid.Empty}", [401, 404, 404, 403, 403, 403, 404] },
        { "PUT", $"/api/my/forms/{Guid.Empty}", [401, 404, 404, 403, 403, 403, 404] },
        { "POST", $"/api/my/forms/{Guid.Empty}/check", [401, 404, 404, 403, 403, 403, 404] },
        { "POST", $"/api/my/forms/{Guid.Empty}/submit", [401, 404, 404, 403, 403, 403, 404] },
        { "GET", $"/api/my/forms/{Guid.Empty}/xlsx", [401, 404, 404, 403, 403, 403, 404] },
        { "PUT", $"/api/my/forms/{Guid.Empty}/xlsx", [401, 404, 404, 403, 403, 403, 404] },
        { "GET", $"/api/forms/{Guid.Empty}/xlsx", [401, 403, 403, 403, 404, 404, 404] },
        { "GET", "/api/forms?year=2026&term=1&kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", "/api/forms?year=2026&term=1&kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },
        { "GET", $"/api/forms/{Guid.Empty}", [401, 403, 403, 403, 404, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/approve", [401, 403, 403, 403, 404, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/return", [401, 403, 403, 403, 404, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/reopen", [401, 403, 403, 403, 404, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/exception", [401, 403, 403, 403, 404, 404, 404] },
        { "GET", "/api/forms/templates?kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", "/api/forms/templates/1", [401, 403, 403, 403, 404, 200, 200] },        // the first default template is Olomoucký kraj's
        { "POST", "/api/forms/templates", [401, 403, 403, 403, 400, 400, 400] },
        { "POST", "/api/forms/templates/copy?kraj=CZ071", [401, 403, 403, 403, 400, 404, 404] },
        { "GET", "/api/forms/terms?kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "PUT", "/api/forms/terms/2030/1?kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },
        { "GET", "/api/forms/network?kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "PUT", "/api/forms/network/2030/mpsv-4365?kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },  // a CZ071 service
        { "DELETE", "/api/forms/network/2030/mpsv-128?kraj=CZ072", [401, 403, 403, 403, 404, 400, 404] },
        { "POST", "/api/forms/network/2030/import?kraj=CZ071", [401, 403, 403, 403, 400, 400, 400] },
        { "GET", "/api/forms/export?year=2026&term=1&kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", $"/api/forms/{Guid.Empty}/csv?set=jednotky", [401, 403, 403, 403, 404, 404, 404] },
        { "GET", $"/api/my/forms/{Guid.Empty}/csv?set=jednotky", [401, 404, 404, 403, 403, 403, 404] },
        // Výkaz skutečnost: the family's list and overview, the canonical file and signed versions of a form nobody has.
        { "GET", "/api/my/forms?year=2026&family=vykaz-skutecnost", [401, 200, 200, 403, 403, 403, 200] },
        { "GET", $"/api/my/forms/{Guid.Empty}/canonical", [401, 404, 404, 403, 403, 403, 404] },
        { "GET", $"/api/my/forms/{Guid.Empty}/signatures/1", [401, 404, 404, 403, 403, 403, 404] },
        { "GET", $"/api/forms/{Guid.Empty}/canonical", [401, 403, 403, 403, 404, 404, 404] },
        { "GET", $"/api/forms/{Guid.Empty}/signatures/1", [401, 403, 403, 403, 404, 404, 404] },
        { "GET", "/api/forms?year=2026&term=3&family=vykaz-skutecnost&kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", "/api/forms?year=2026&term=3&family=vykaz-skutecnost&kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },
        // Every report of the year as one table, and the sums per druh or ORP (own kraj only; admin names the kraj).
        { "GET", "/api/forms/export?year=2026&family=vykaz-skutecnost&kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", "/api/forms/export?year=2026&family=vykaz-skutecnost&kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },
        { "GET", "/api/forms/sums?year=2026&family=vykaz-skutecnost&by=orp&kraj=CZ072", [401, 403, 403, 403, 200, 400, 200] },
        { "GET", "/api/forms/sums?year=2026&family=vykaz-skutecnost&by=druh&kraj=CZ071", [401, 403, 403, 403, 400, 200, 200] },
        { "GET", "/api/forms/sums?year=2026&family=vykaz-skutecnost&format=csv", [401, 403, 403, 403, 200, 200, 400] },   // admin must name the kraj
    };

    private const string OtherKrajRegional = "olomouc-matice@test.kissos.cz";
    private static readonly string?[] Accounts = [null, ApiClient.Provider, ApiClient.Municipality, ApiClient.Regional, ApiClient.Admin];
    private static readonly string?[] FormAccounts =
        [null, ApiClient.Provider, Kissos.Tests.Forms.FormEndpointTests.Statutory, ApiClient.Municipality, ApiClient.Regional, OtherKrajRegional, ApiClient.Admin];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_the_designed_status(string method, string url, int[] expected) =>
        Assert.Equal(expected, await StatusesAsync(method, url, Accounts));

    [Theory]
    [MemberData(nameof(FormsMatrix))]
    public async Task Each_role_gets_the_designed_status_of_the_forms(string method, string url, int[] expected)
    {
        var admin = await app.ClientAsync(ApiClient.Admin);
        var created = await admin.PostAsync("/api/admin/users",
            new { email = OtherKrajRegional, password = Kissos.Accounts.DemoAccounts.Password, role = "regional", kraj = "CZ071" });
        // Created by the first row; later rows are told it exists.
        Assert.True(created.StatusCode == HttpStatusCode.Created || (await created.Content.ReadAsStringAsync()).Contains("už existuje"), $"{created.StatusCode}");
        Assert.Equal(expected, await StatusesAsync(method, url, FormAccounts));
    }

    private async Task<List<int>> StatusesAsync(string method, string url, string?[] accounts)
    {
        var actual = new List<int>();
        foreach (var account in accounts)
        {
            var client = await app.ClientAsync(account);
            using var response = method switch
            {
                "GET" => await client.GetAsync(url),
                "DELETE" => await client.DeleteAsync(url),
                "PUT" => await client.PutAsync(url, Body(url)),
                _ when Body(url) is string csv => await client.Http.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv")),
                _ => await client.PostAsync(url, Body(url)),
            };
            actual.Add((int)response.StatusCode);
        }
        return actual;
    }

    /// <summary>Catalogue CSV rows exactly as exported, so that an accepted import changes nothing the other rows rely on.</summary>
    private const string ServicesHeader =
        "id;identifikator;nazev;ico;druh;formy;kapacity;cilove_skupiny;vekove_kategorie;v_siti_kraje;platnost_od;platnost_do;popis;weby;emaily;telefony;pusobnost_obce;pusobnost_orp\r\n";

    private static object Body(string url) => url switch
    {
        "/api/staff/catalogue/services.csv" => ServicesHeader +
            $"{OtherService};;Domov pro seniory Koryčany;68684053;13;pob;pob:luzka=22;;;;2007-01-01;;;www.dpskorycany.cz;reditel@dpskorycany.cz;776 556 187|571 165 331;;\r\n",
        "/api/staff/catalogue/services.csv?charset=utf-8" => ServicesHeader +
            $"{OwnService};;Centrum Dominika Kokory, příspěvková organizace;61985929;13;pob;pob:luzka=32;;;;2012-01-01;;;www.dominikakokory.cz;centrum@dominikakokory.cz;581292611;;\r\n",
        "/api/staff/catalogue/providers.csv" => "ico;nazev;pravni_forma;web;email;telefon\r\n68684053;Domov pro seniory Koryčany;;;;\r\n",
        "/api/staff/catalogue/providers.csv?charset=utf-8" => "ico;nazev;pravni_forma;web;email;telefon\r\n61985929;Centrum Dominika Kokory, příspěvková organizace;;;;\r\n",
        _ when url.Contains("vacancies") => VacancyInputs.Valid(VacancyInputs.ForeignHome, VacancyInputs.ForeignHomePlace),
        _ when url.StartsWith("/api/home/announcements") => new
            { kraj = "CZ071", title = "Matice", text = "Text", validFrom = VacancyInputs.Today, audience = "kraj" },
        _ when url.StartsWith("/api/home/contacts") => new { kraj = "CZ071", name = "Matice", agenda = "Rozpočet", email = "matice@example.cz" },
        _ when url.StartsWith("/api/home/faq") => new { kraj = "CZ071", question = "Otázka", answer = "Odpověď" },
        _ when url.StartsWith("/api/home/documents") => new { kraj = "CZ071", kind = "metodika", module = "Rozpočet", year = 2026, title = "Metodika" },
        _ when url.StartsWith("/api/my/notices") => new { },
        _ when url.Contains("/statutory") => new { icos = new[] { "61985929" } },
        _ when url.Contains("/api/my/forms") => new { serviceId = OtherService, year = 2026, term = 1, version = 1, values = new { } },
        _ when url.Contains("/templates/copy") => new { fromYear = 1999, toYear = 2030 },
        _ when url.Contains("/terms/") => new { name = "Plánovaný", dataAsOf = "2030-05-31", dueTo = "2030-06-30" },
        _ when url.Contains("/network/") => new { units = 2.5, beds = 10 },
        _ when url.Contains("/api/forms") => new { reason = "důvod" },
        _ => new { email = "", password = "", role = "nobody" },
    };
}

/// <summary>
/// Every write endpoint with an entity outside the account's scope, named directly and reached through a child of
/// an entity in scope (a place of a service that lies in another kraj, a vacancy there, another provider's place):
/// refused, and the entity is unchanged. Reads of regional staff stay in their kraj too. (A place shared with
/// another provider's service is not refused but copied for the edited service: ServiceEditTests.)
/// </summary>
[Collection(DatabaseCollection.Name)]
public class ScopeMatrixTests(KissosApp app) : IClassFixture<KissosApp>, IAsyncLifetime
{
    private const string Cz071Home = VacancyInputs.OwnHome;       // Kokory (CZ071), the demo provider's
    private const string Cz072Home = "mpsv-128";                 // Koryčany (CZ072), another provider's, residential
    private const string Cz072HomePlace = "misto-80149756";
    private const string Cz071PlaceOfCz072Home = VacancyInputs.ForeignHomePlace; // linked below: a CZ072 home with a place in CZ071
    private const string TwoKraje = "mpsv-6831";                 // places in Zlín, Staré Město (CZ072) and Prostějov (CZ071)
    private const string ProstejovPlace = "misto-24805491";
    private const string Olomouc = "500496";

    private ApiClient _provider = null!, _regional = null!, _admin = null!;

    public async Task InitializeAsync()
    {
        await using (var db = app.Database.Open())
            if (!await db.ServicePlaces.AnyAsync(sp => sp.ServiceId == Cz072Home && sp.PlaceId == Cz071PlaceOfCz072Home)) // once per class
            {
                db.ServicePlaces.Add(new ServicePlace { ServiceId = Cz072Home, PlaceId = Cz071PlaceOfCz072Home, FacilityName = "Pobočka v Olomouckém kraji" });
                await db.SaveChangesAsync();
            }
        (_provider, _regional, _admin) = (await app.ClientAsync(ApiClient.Provider), await app.ClientAsync(ApiClient.Regional), await app.ClientAsync(ApiClient.Admin));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ServiceEdit> EditOf(string serviceId) => JsonSerializer.Deserialize<ServiceEdit>(
        (await _admin.JsonAsync(await _admin.GetAsync($"/api/my/services/{serviceId}"), HttpStatusCode.OK)).GetRawText(), JsonSerializerOptions.Web)!;

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected) =>
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} → {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");

    [Fact]
    public async Task A_service_out_of_scope_is_not_edited_directly()
    {
        var cz072 = await EditOf(Cz072Home);
        var cz071 = await EditOf(Cz071Home);

        await Expect(await _provider.PutAsync($"/api/my/services/{Cz072Home}", cz072 with { Description = "cizí" }), HttpStatusCode.Forbidden);
        await Expect(await _regional.PutAsync($"/api/my/services/{Cz071Home}", cz071 with { Description = "cizí" }), HttpStatusCode.Forbidden);

        await using var db = app.Database.Open();
        Assert.DoesNotContain(await db.Services.Where(s => s.Id == Cz072Home || s.Id == Cz071Home).Select(s => s.Description).ToListAsync(), d => d == "cizí");
    }

    [Fact]
    public async Task Regional_staff_do_not_change_a_place_in_another_kraj_through_a_service_in_theirs()
    {
        var edit = await EditOf(TwoKraje);
        var prostejov = edit.Places.Single(p => p.Id == ProstejovPlace);
        var others = edit.Places.Where(p => p.Id != ProstejovPlace).ToList();
        var url = $"/api/my/services/{TwoKraje}";

        await Expect(await _regional.PutAsync(url, edit with { Places = [.. others, prostejov with { Street = "Jiná" }] }), HttpStatusCode.Forbidden);
        await Expect(await _regional.PutAsync(url, edit with { Places = [.. others, prostejov with { FacilityName = "Jiný název" }] }), HttpStatusCode.Forbidden);
        await Expect(await _regional.PutAsync(url, edit with { Places = others }), HttpStatusCode.Forbidden); // unlinking it
        await Expect(await _regional.PutAsync(url, edit with { Places = [.. edit.Places, new PlaceEdit(null, "Nové", null, 1, null, null, Olomouc, null)] }), HttpStatusCode.Forbidden);
        await Expect(await _regional.PutAsync(url, edit with { Places = [prostejov, .. others.Select(p => p with { ObecCode = Olomouc, Point = null })] }), HttpStatusCode.Forbidden);
        var saved = await _regional.PutAsync(url, edit with { Description = "změna v kraji" }); // the service itself is theirs
        await Expect(saved, HttpStatusCode.OK);

        await using var db = app.Database.Open();
        var place = await db.Places.AsNoTracking().SingleAsync(p => p.Id == ProstejovPlace);
        Assert.Equal(prostejov.Street, place.Street);
        Assert.Equal(prostejov.ObecCode, place.ObecCode);
        Assert.Equal(edit.Places.Count, await db.ServicePlaces.CountAsync(sp => sp.ServiceId == TwoKraje));
        Assert.Equal(prostejov.FacilityName, (await db.ServicePlaces.SingleAsync(sp => sp.ServiceId == TwoKraje && sp.PlaceId == ProstejovPlace)).FacilityName);
    }

    [Fact]
    public async Task A_vacancy_is_not_published_for_a_service_or_at_a_place_out_of_scope()
    {
        await using var db = app.Database.Open();
        var before = await db.Vacancies.CountAsync();

        await Expect(await _provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid(VacancyInputs.ForeignHome, VacancyInputs.ForeignHomePlace)), HttpStatusCode.Forbidden);
        await Expect(await _provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid(Cz071Home, VacancyInputs.ForeignHomePlace)), HttpStatusCode.BadRequest);
        await Expect(await _regional.PostAsync("/api/my/vacancies", VacancyInputs.Valid(Cz071Home, VacancyInputs.OwnHomePlace)), HttpStatusCode.Forbidden);
        await Expect(await _regional.PostAsync("/api/my/vacancies", VacancyInputs.Valid(Cz072Home, Cz071PlaceOfCz072Home)), HttpStatusCode.Forbidden);
        await Expect(await _regional.PostAsync("/api/my/vacancies", VacancyInputs.Valid(Cz072Home, Cz072HomePlace)), HttpStatusCode.Created);

        Assert.Equal(before + 1, await db.Vacancies.CountAsync());
    }

    private async Task<Vacancy> PublishAsync(ApiClient client, string service, string place) =>
        JsonSerializer.Deserialize<Vacancy>((await client.JsonAsync(await client.PostAsync("/api/my/vacancies", VacancyInputs.Valid(service, place)), HttpStatusCode.Created)).GetRawText(), JsonSerializerOptions.Web)!;

    private static VacancyInput Input(Vacancy v, string? service = null, string? place = null) =>
        VacancyInputs.Valid(service ?? v.ServiceId, place ?? v.PlaceId) with { Places = 9, Version = v.Version };

    [Fact]
    public async Task A_vacancy_out_of_scope_is_neither_changed_nor_withdrawn()
    {
        var foreign = await PublishAsync(_admin, VacancyInputs.ForeignHome, VacancyInputs.ForeignHomePlace);
        var own = await PublishAsync(_provider, Cz071Home, VacancyInputs.OwnHomePlace);
        var cz071PlaceOfCz072 = await PublishAsync(_admin, Cz072Home, Cz071PlaceOfCz072Home);
        var regionals = await PublishAsync(_regional, Cz072Home, Cz072HomePlace);

        await Expect(await _provider.PutAsync($"/api/my/vacancies/{foreign.Id}", Input(foreign)), HttpStatusCode.NotFound);
        await Expect(await _provider.DeleteAsync($"/api/my/vacancies/{foreign.Id}"), HttpStatusCode.NotFound);
        await Expect(await _provider.PutAsync($"/api/my/vacancies/{own.Id}", Input(own, VacancyInputs.ForeignHome, VacancyInputs.ForeignHomePlace)), HttpStatusCode.Forbidden);
        await Expect(await _regional.PutAsync($"/api/my/vacancies/{own.Id}", Input(own)), HttpStatusCode.NotFound);
        await Expect(await _regional.DeleteAsync($"/api/my/vacancies/{own.Id}"), HttpStatusCode.NotFound);
        await Expect(await _regional.PutAsync($"/api/my/vacancies/{cz071PlaceOfCz072.Id}", Input(cz071PlaceOfCz072)), HttpStatusCode.NotFound);
        await Expect(await _regional.DeleteAsync($"/api/my/vacancies/{cz071PlaceOfCz072.Id}"), HttpStatusCode.NotFound);
        await Expect(await _regional.PutAsync($"/api/my/vacancies/{regionals.Id}", Input(regionals, place: Cz071PlaceOfCz072Home)), HttpStatusCode.Forbidden);

        await using var db = app.Database.Open();
        var stored = await db.Vacancies.AsNoTracking().ToListAsync();
        Assert.All(stored, v => Assert.Null(v.WithdrawnAt));
        Assert.All(stored, v => Assert.Equal(2, v.Places));
        Assert.Equal(Cz072HomePlace, stored.Single(v => v.Id == regionals.Id).PlaceId);
        var listed = (await _regional.JsonAsync(await _regional.GetAsync("/api/my/vacancies"), HttpStatusCode.OK)).EnumerateArray()
            .Select(v => v.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(regionals.Id, listed);
        Assert.DoesNotContain(cz071PlaceOfCz072.Id, listed);
        Assert.DoesNotContain(own.Id, listed);
    }

    [Fact]
    public async Task Registers_of_services_out_of_scope_are_not_imported()
    {
        const string applicants = "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;datum_zadosti;obec;nepriznive_situace;cilova_skupina;naleharost;stav;datum_stavu";
        const string users = "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;zahajeni;ukonceni;duvod_ukonceni;obec;navazujici_sluzba";
        static StringContent Csv(params string[] lines) => new(string.Join("\r\n", lines), Encoding.UTF8, "text/csv");

        foreach (var (client, service) in new[] { (_provider, Cz072Home), (_regional, Cz071Home) })
        {
            foreach (var (register, csv) in new[]
                     {
                         ("applicants", Csv(applicants, $"{service};;Jan;Novák;1940-01-01;2026-02-01;{Olomouc};vek;24;2;waiting;")),
                         ("users", Csv(users, $"{service};;Jan;Novák;1940-01-01;2025-01-01;;;{Olomouc};")),
                     })
            {
                var problem = await client.JsonAsync(await client.Http.PostAsync($"/api/my/registers/{register}", csv), HttpStatusCode.BadRequest);
                Assert.Contains("nemůžete spravovat", problem.GetProperty("rows")[0].GetProperty("message").GetString());
            }
        }

        await using var db = app.Database.Open();
        Assert.Equal(0, await db.Applicants.CountAsync() + await db.ServiceUsers.CountAsync());
    }

    [Fact]
    public async Task A_quarterly_snapshot_of_one_kraj_keeps_the_other_krajs_quarter()
    {
        var quarter = new DateOnly(2026, 6, 30);
        await using (var db = app.Database.Open())
        {
            db.UserSnapshots.AddRange(
                new UserSnapshot { ServiceId = Cz071Home, QuarterEnd = quarter, ObecCode = Olomouc, Users = 7 },
                new UserSnapshot { ServiceId = Cz072Home, QuarterEnd = quarter, ObecCode = Olomouc, Users = 3 });
            await db.SaveChangesAsync();
        }

        await _regional.JsonAsync(await _regional.PostAsync("/api/registers/snapshots", new { quarterEnd = quarter }), HttpStatusCode.OK);

        await using var check = app.Database.Open();
        // CZ072's row is recomputed (no users recorded: gone); CZ071's stays as it was.
        Assert.Equal([(Cz071Home, 7)], (await check.UserSnapshots.Where(s => s.QuarterEnd == quarter).ToListAsync()).Select(s => (s.ServiceId, s.Users)));
    }

    [Fact]
    public async Task Regional_staff_read_the_audit_of_their_kraj_only()
    {
        var own = await EditOf(Cz071Home);
        await _provider.JsonAsync(await _provider.PutAsync($"/api/my/services/{Cz071Home}", own with { Description = "v Olomouckém kraji" }), HttpStatusCode.OK);
        var cz072 = await EditOf(Cz072Home);
        await _regional.JsonAsync(await _regional.PutAsync($"/api/my/services/{Cz072Home}", cz072 with { Description = "ve Zlínském kraji" }), HttpStatusCode.OK);

        async Task<List<string>> Audit(ApiClient client, string query) =>
            (await client.JsonAsync(await client.GetAsync($"/api/audit?{query}"), HttpStatusCode.OK)).EnumerateArray()
                .Select(a => $"{a.GetProperty("entity").GetString()}:{a.GetProperty("entityId").GetString()}:{a.GetProperty("userName").GetString()}").ToList();

        Assert.NotEmpty(await Audit(_admin, $"entityId={Cz071Home}"));
        Assert.Empty(await Audit(_regional, $"entityId={Cz071Home}"));
        Assert.Empty(await Audit(_regional, $"user={ApiClient.Provider}"));
        Assert.Contains($"Service:{Cz072Home}:{ApiClient.Regional}", await Audit(_regional, "limit=500"));
        Assert.DoesNotContain(await Audit(_regional, "limit=500"), a => a.Contains(Cz071Home));
    }
}
