using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Common;

/// <summary>The inputs that once answered 500, each the first of its kind: now 400 with Czech problem details.</summary>
[Collection(DatabaseCollection.Name)]
public class BadInputTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string ServiceUrl = $"/api/my/services/{VacancyInputs.OwnHome}";

    [Theory]
    [InlineData("/api/map/services?q=%00")]
    [InlineData("/api/map/services?q=a%01b")]
    [InlineData("/api/vacancies?druh=%00")]
    [InlineData("/ogc/collections/services/items?druh=%00")]
    [InlineData("/ogc/collections/places/items?obecCode=x%00")]
    [InlineData("/ogc/collections/services/items?cursor=AA")]
    [InlineData("/ogc/collections/obce/items?cursor=AAE")]
    [InlineData("/ogc/collections/obce/items?%00=1")]
    [InlineData("/api/catalogue/services/a%01b")] // (NUL in a path never reaches the app: the server refuses to decode it)
    [InlineData("/api/territory/kraje?bbox=17,49,17,49")]
    [InlineData("/api/map/services?bbox=17,49,17,49")]
    [InlineData("/ogc/collections/obce/items?bbox=17,49,17,49")]
    [InlineData("/ogc/collections/places/items?bbox=17,49,18,49")]
    [InlineData("/api/audit?to=9999-12-31")]
    [InlineData("/api/registers/demand?on=0001-01-01")]
    public async Task A_control_character_or_a_malformed_parameter_gets_400(string url)
    {
        var client = await app.ClientAsync(ApiClient.Admin);

        using var response = await client.GetAsync(url);

        await AssertCzechProblemAsync(response);
    }

    public static TheoryData<string, string> ServiceBodies => new()
    {
        { "{}", "places" },
        { """{"places": null}""", "places" },
        { """{"webs": [null]}""", "webs" },
        { """{"webs": [], "emails": [], "phones": [], "capacities": [null], "targetGroups": [], "ageCategories": [], "places": [], "catchmentObce": [], "catchmentOrp": []}""", "capacities" },
        { """{"places": [null]}""", "places" },
        { """{"places": [{"facilityName": null, "obecCode": "500496"}]}""", "places[0]" },
    };

    [Theory]
    [MemberData(nameof(ServiceBodies))]
    public async Task A_service_body_with_missing_or_null_members_gets_400_naming_the_field(string changes, string field)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var body = changes == "{}" ? new JsonObject() : await EditWithAsync(provider, changes);

        using var response = await provider.Http.PutAsync(ServiceUrl, Json(body.ToJsonString()));

        var problem = await AssertCzechProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error under '{field}': {problem}");
    }

    [Fact]
    public async Task A_vacancy_without_a_service_gets_400_naming_the_field()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var body = JsonSerializer.SerializeToNode(VacancyInputs.Valid(), JsonSerializerOptions.Web)!;
        body["serviceId"] = null;

        var problem = await AssertCzechProblemAsync(await provider.Http.PostAsync("/api/my/vacancies", Json(body.ToJsonString())));
        Assert.True(problem.GetProperty("errors").TryGetProperty("serviceId", out _), problem.ToString());

        var empty = await AssertCzechProblemAsync(await provider.Http.PostAsync("/api/my/vacancies", Json("{}")));
        Assert.True(empty.GetProperty("errors").TryGetProperty("serviceId", out _), empty.ToString());
    }

    [Theory]
    [InlineData("description")]
    [InlineData("contactName")]
    [InlineData("barrierNote")]
    public async Task NUL_inside_vacancy_text_gets_400(string member)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        var body = JsonSerializer.SerializeToNode(VacancyInputs.Valid(), JsonSerializerOptions.Web)!;
        body[member] = "Pokoj\u0000 s koupelnou";

        await AssertCzechProblemAsync(await provider.Http.PostAsync("/api/my/vacancies", Json(body.ToJsonString())));
    }

    [Theory]
    [InlineData("""{"description": "Popis\u0000"}""")]
    [InlineData("""{"webs": ["www.\u0000.cz"]}""")]
    [InlineData("""{"places": [{"street": "Hlavní\u0000", "facilityName": "x", "obecCode": "500496"}]}""")]
    public async Task NUL_inside_service_text_gets_400(string changes)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);

        await AssertCzechProblemAsync(await provider.Http.PutAsync(ServiceUrl, Json((await EditWithAsync(provider, changes)).ToJsonString())));
    }

    [Theory]
    [InlineData("""{"text":"x","list":["x"]}""")]
    [InlineData("sluzba;\"a\"b;c\n")]
    [InlineData("\"neukončená uvozovka\n")]
    public async Task A_register_import_that_is_not_CSV_gets_400(string body)
    {
        var provider = await app.ClientAsync(ApiClient.Provider);

        using var response = await provider.Http.PostAsync("/api/my/registers/applicants", new StringContent(body, Encoding.UTF8, "text/csv"));

        await AssertCzechProblemAsync(response);
    }

    /// <summary>The service's edit form data with the given members replaced.</summary>
    private static async Task<JsonNode> EditWithAsync(ApiClient client, string changes)
    {
        var edit = JsonNode.Parse(await (await client.GetAsync(ServiceUrl)).Content.ReadAsStringAsync())!;
        foreach (var (key, value) in JsonNode.Parse(changes)!.AsObject()) edit[key] = value?.DeepClone();
        return edit;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>400, problem details, a Czech title (it has a letter with a diacritic).</summary>
    private static async Task<JsonElement> AssertCzechProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Matches("[áčďéěíňóřšťúůýž]", problem.GetProperty("title").GetString());
        return problem;
    }
}
