using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Common;

/// <summary>Every text and list a client sends has a maximum, checked by the server, with a Czech message naming the field.</summary>
[Collection(DatabaseCollection.Name)]
public class LimitTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string ServiceUrl = $"/api/my/services/{VacancyInputs.OwnHome}";

    private static string Text(int length) => new('a', length);
    private static JsonArray Items(int count, int length = 10) => new([.. Enumerable.Range(0, count).Select(i => (JsonNode?)(i.ToString() + Text(length)).Substring(0, length))]);

    /// <summary>A member of the service edit set one past its maximum, the field the error must be under, and the label it must name.</summary>
    public static TheoryData<string, string, string> ServiceOverLimits => new()
    {
        { Set("description", JsonValue.Create(Text(CatalogueLimits.Description + 1))), "description", "Popis" },
        { Set("webs", Items(100_000, 20)), "webs", "Weby" },
        { Set("webs", new JsonArray(Text(CatalogueLimits.Web + 1))), "webs", "Weby" },
        { Set("emails", Items(CatalogueLimits.Contacts + 1)), "emails", "E-maily" },
        { Set("phones", new JsonArray(Text(CatalogueLimits.Phone + 1))), "phones", "Telefony" },
        { Set("targetGroups", Items(CatalogueLimits.Codes + 1)), "targetGroups", "Cílové skupiny" },
        { Set("catchmentObce", Items(CatalogueLimits.CatchmentObce + 1, 6)), "catchmentObce", "Působnost v obcích" },
        { Set("catchmentOrp", Items(CatalogueLimits.CatchmentOrp + 1, 4)), "catchmentOrp", "Působnost v ORP" },
        { Place("street", Text(1_000_000)), "places[0]", "Ulice" },
        { Place("facilityName", Text(CatalogueLimits.Name + 1)), "places[0]", "Název zařízení" },
        { Place("orientationNumber", Text(CatalogueLimits.OrientationNumber + 1)), "places[0]", "Číslo orientační" },
        { Place("postCode", Text(CatalogueLimits.PostCode + 1)), "places[0]", "PSČ" },
    };

    private static string Set(string member, JsonNode value) => new JsonObject { [member] = value }.ToJsonString();
    private static string Place(string member, string value) => new JsonObject { ["place"] = new JsonObject { [member] = value } }.ToJsonString();

    [Theory]
    [MemberData(nameof(ServiceOverLimits))]
    public async Task A_service_edit_over_a_limit_gets_400_naming_the_field(string change, string field, string label)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var edit = JsonNode.Parse(await (await provider.GetAsync(ServiceUrl)).Content.ReadAsStringAsync())!;
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
            if (key == "place") foreach (var (m, v) in value!.AsObject()) edit["places"]![0]![m] = v?.DeepClone();
            else edit[key] = value?.DeepClone();

        using var response = await provider.Http.PutAsync(ServiceUrl, new StringContent(edit.ToJsonString(), Encoding.UTF8, "application/json"));

        var problem = await provider.JsonAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains($"„{label}“"));
        Assert.Contains(messages, m => m!.Contains("nejvýš"));
    }

    [Fact]
    public async Task A_service_edit_at_the_limits_is_saved()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var edit = JsonNode.Parse(await (await provider.GetAsync(ServiceUrl)).Content.ReadAsStringAsync())!;
        edit["description"] = Text(CatalogueLimits.Description);
        edit["phones"] = new JsonArray(Text(CatalogueLimits.Phone));
        edit["places"]![0]!["street"] = Text(CatalogueLimits.Street);

        await provider.JsonAsync(await provider.Http.PutAsync(ServiceUrl, new StringContent(edit.ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("serviceId", 101)]
    [InlineData("placeId", 101)]
    [InlineData("description", 2001)]
    [InlineData("contactName", 201)]
    [InlineData("barrierNote", 2001)]
    public async Task A_vacancy_over_a_limit_gets_400_naming_the_field(string member, int length)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var body = JsonSerializer.SerializeToNode(VacancyInputs.Valid(), JsonSerializerOptions.Web)!;
        body[member] = Text(length);

        var problem = await provider.JsonAsync(
            await provider.Http.PostAsync("/api/my/vacancies", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out _), problem.ToString());
    }

    [Fact]
    public async Task An_account_over_a_limit_gets_400_naming_the_field()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var problem = await admin.JsonAsync(await admin.PostAsync("/api/admin/users",
            new { email = Text(300) + "@x.cz", password = "Dlouhe-heslo-2026", role = "provider", icos = new[] { "61985929" } }), HttpStatusCode.BadRequest);

        Assert.Contains("E-mail", problem.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task A_register_import_cell_over_the_limit_is_reported_with_its_line()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var csv = string.Join(';', Kissos.Registers.RegisterCsv.ApplicantColumns) + "\n" +
                  $"{VacancyInputs.OwnHome};;Jan;{Text(CsvRow.MaxCell + 1)};1.1.1950;2026-01-05;500496;;;1;waiting;\n";

        var problem = await provider.JsonAsync(
            await provider.Http.PostAsync("/api/my/registers/applicants", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);

        var row = problem.GetProperty("rows")[0];
        Assert.Equal(2, row.GetProperty("line").GetInt32());
        Assert.Contains("prijmeni", row.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_catalogue_import_over_a_limit_is_refused_with_the_line_and_the_column()
    {
        await using var db = app.Database.Open();
        const string header = "id;identifikator;nazev;ico;druh;formy;kapacity;cilove_skupiny;vekove_kategorie;v_siti_kraje;platnost_od;platnost_do;popis;weby;emaily;telefony;pusobnost_obce;pusobnost_orp";
        var webs = string.Join('|', Enumerable.Range(0, CatalogueLimits.Contacts + 1).Select(i => $"www.x{i}.cz"));
        var csv = $"{header}\nmpsv-6276;;Osobní asistence;73632783;3;ter;ter:klient=2;24;;ano;2020-01-01;;{Text(CatalogueLimits.Description + 1)};;;;;\n" +
                  $"mpsv-6277;;Odlehčovací služby;73632783;8;ter;;;;;;;;{webs};;;;\n";

        var error = await Assert.ThrowsAsync<ImportFailedException>(() => CatalogueCsv.ImportServicesAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

        Assert.Collection(error.Errors,
            e => { Assert.Equal(2, e.Number); Assert.Contains("popis", e.Message); },
            e => { Assert.Equal(3, e.Number); Assert.Contains("weby", e.Message); });
    }
}

/// <summary>Kestrel refuses a body above the limit before any endpoint reads it; register imports may send more.</summary>
[Collection(DatabaseCollection.Name)]
public class RequestBodyLimitTests(KissosServer server) : IClassFixture<KissosServer>
{
    [Fact]
    public async Task A_json_body_over_the_limit_gets_413_and_an_import_may_be_larger()
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var client = await ApiClient.CreateAsync(http, ApiClient.Provider);
        var big = new string('a', (int)RequestLimits.Body + 1000);

        using var json = await client.Http.PutAsync($"/api/my/services/{VacancyInputs.OwnHome}",
            new StringContent($"{{\"description\":\"{big}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);

        var csv = string.Join(';', Kissos.Registers.RegisterCsv.ApplicantColumns) + "\n" + string.Concat(Enumerable.Repeat($"x;{new string(' ', 1000)}\n", 2000));
        using var import = await client.Http.PostAsync("/api/my/registers/applicants", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode); // read whole and refused for its rows, not for its size
    }
}
