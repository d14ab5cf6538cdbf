using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Json.Schema;
using Kissos.Hsds;
using Kissos.Providers;
using Kissos.Tests.Infrastructure;
using Kissos.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Hsds;

/// <summary>
/// The open data: the HSDS data package and the HSDA answers validate against Open Referral's own schema files
/// (Hsds/Schema, copied from openreferral/specification), and carry IČO, RÚIAN address codes, capacities and vacancies.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class HsdsTests(KissosApp app) : IClassFixture<KissosApp>, IAsyncLifetime
{
    private const string Home = VacancyInputs.OwnHome;            // Centrum Dominika Kokory, domov pro seniory
    private const string HomePlace = VacancyInputs.OwnHomePlace;
    private const string HomeIco = "61985929";
    private const int VacantBeds = 3;

    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "Hsds", "Schema");
    private const string SchemaBase = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";
    private static readonly Lazy<BuildOptions> Schemas = new(LoadSchemas);
    private static readonly Lazy<JsonSchema> PageSchema = new(LoadPageSchema);
    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    /// <summary>Once per class database (the lifetime runs before every test): a vacancy at the home.</summary>
    public async Task InitializeAsync()
    {
        await using var db = app.Database.Open();
        if (await db.Vacancies.AnyAsync(v => v.ServiceId == Home && v.PlaceId == HomePlace)) return;
        db.Vacancies.Add(new Vacancy
        {
            ServiceId = Home, PlaceId = HomePlace, Places = VacantBeds, AvailableFrom = VacancyInputs.Today,
            ValidUntil = VacancyInputs.Today.AddDays(30), Description = "Pokoj s výhledem", ContactName = "Sociální pracovnice",
            PublishedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_data_package_follows_the_HSDS_package_and_its_rows_validate_against_the_tabular_schema()
    {
        var (descriptor, tables) = await DownloadPackageAsync();
        var official = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "datapackage.json")))!["resources"]!.AsArray()
            .ToDictionary(r => (string)r!["name"]!, r => r!.AsObject());

        Assert.Equal("tabular-data-package", (string)descriptor["profile"]!);
        foreach (var resource in descriptor["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            var name = (string)resource["name"]!;
            Assert.True(official.TryGetValue(name, out var standard), $"{name} is no HSDS table");
            Assert.Equal((string)standard!["path"]!, (string)resource["path"]!);
            var standardFields = standard["schema"]!["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!);
            var fields = resource["schema"]!["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
            foreach (var field in fields)
            {
                var fieldName = (string)field["name"]!;
                Assert.True(standardFields.TryGetValue(fieldName, out var s), $"{name}.{fieldName} is no HSDS column");
                Assert.Equal((string?)s!["type"], (string?)field["type"]);
                Assert.Equal((string?)s["format"], (string?)field["format"]);
            }
            var required = standardFields.Values.Where(f => f!["constraints"]?["required"]?.GetValue<bool>() == true).Select(f => (string)f!["name"]!);
            Assert.Empty(required.Except(fields.Select(f => (string)f["name"]!)));
            Assert.Equal(fields.Select(f => (string)f["name"]!), tables[name].Header);

            // Required cells, unique ids and foreign keys, as a Frictionless validator checks them.
            var rows = tables[name].Rows;
            foreach (var field in fields.Where(f => f["constraints"]!["required"]!.GetValue<bool>()))
                Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[(string)field["name"]!]), $"{name}.{field["name"]} is empty"));
            Assert.Equal(rows.Count, rows.Select(r => r["id"]).Distinct().Count());
            foreach (var key in resource["schema"]!["foreignKeys"]!.AsArray())
            {
                var ids = tables[(string)key!["reference"]!["resource"]!].Rows.Select(r => r["id"]).ToHashSet();
                var column = (string)key["fields"]!;
                Assert.All(rows.Where(r => r[column].Length > 0), r => Assert.Contains(r[column], ids));
            }
        }

        var tabular = new JsonObject();
        foreach (var resource in descriptor["resources"]!.AsArray())
        {
            var name = (string)resource!["name"]!;
            var types = resource["schema"]!["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string)f!["type"]!);
            tabular[name] = new JsonArray([.. tables[name].Rows.Select(row => (JsonNode)Typed(row, types))]);
        }
        AssertValid("tabular.json", tabular);
    }

    [Fact]
    public async Task The_package_maps_ico_ruian_codes_capacity_and_vacancies()
    {
        var (_, tables) = await DownloadPackageAsync();
        await using var db = app.Database.Open();
        var service = await db.Services.AsNoTracking().Include(s => s.Places).ThenInclude(p => p.Place).SingleAsync(s => s.Id == Home);
        var serviceId = HsdsIds.Of("service", Home).ToString();

        var organization = tables["organization_identifier"].Rows.Single(r => r["identifier"] == HomeIco);
        Assert.Equal(HsdsCatalogue.IcoScheme, organization["identifier_scheme"]);
        Assert.Equal(organization["organization_id"], tables["service"].Rows.Single(r => r["id"] == serviceId)["organization_id"]);

        var place = service.Places.Single(p => p.PlaceId == HomePlace).Place!;
        var atLocation = tables["service_at_location"].Rows.Single(r => r["service_id"] == serviceId);
        var location = tables["location"].Rows.Single(r => r["id"] == atLocation["location_id"]);
        Assert.Equal(place.AddressPointCode!.Value.ToString(CultureInfo.InvariantCulture), location["external_identifier"]);
        Assert.Equal(HsdsCatalogue.RuianAddressPoint, location["external_identifier_type"]);
        Assert.Equal(place.PostCode, tables["address"].Rows.Single(r => r["location_id"] == location["id"])["postal_code"]);

        var terms = tables["taxonomy_term"].Rows.ToDictionary(r => r["id"]);
        var attributes = tables["attribute"].Rows.Select(a => (a["link_id"], terms[a["taxonomy_term_id"]]["code"], a["value"])).ToList();
        Assert.NotEmpty(service.Capacities);
        foreach (var capacity in service.Capacities)
            Assert.Contains((serviceId, $"{capacity.Form}:{capacity.CapacityType}", capacity.Amount.ToString(CultureInfo.InvariantCulture)), attributes);
        Assert.Contains((atLocation["id"], "volna-mista", VacantBeds.ToString(CultureInfo.InvariantCulture)), attributes);
        Assert.Contains((serviceId, "id", Home), attributes);
    }

    [Theory]
    [InlineData("/hsds/services", "compiled/service_list.json")]
    [InlineData("/hsds/organizations", "compiled/organization_list.json")]
    [InlineData("/hsds/service_at_locations", "compiled/service_at_location_list.json")]
    public async Task Each_HSDA_list_is_paged_as_HSDA_says_and_its_items_validate(string list, string itemSchema)
    {
        var first = await GetAsync($"{list}?per_page=7");
        var second = await GetAsync($"{list}?per_page=7&page=2");

        AssertValidPage(first);
        Assert.Equal(7, (int)first["size"]!);
        Assert.True((bool)first["first_page"]!);
        Assert.False((bool)second["first_page"]!);
        Assert.Equal(((int)first["total_items"]! + 6) / 7, (int)first["total_pages"]!);
        var ids = first["contents"]!.AsArray().Concat(second["contents"]!.AsArray()).Select(i => (string)i!["id"]!).ToList();
        Assert.Equal(14, ids.Distinct().Count());
        foreach (var item in first["contents"]!.AsArray()) AssertValid(itemSchema, item!);

        var beyond = await GetAsync($"{list}?page=100000");
        Assert.True((bool)beyond["empty"]! && (bool)beyond["last_page"]!);
    }

    [Fact]
    public async Task Each_HSDA_record_validates_and_nests_what_belongs_to_it()
    {
        var service = await GetAsync($"/hsds/services/{HsdsIds.Of("service", Home)}");
        AssertValid("service.json", service);
        Assert.Equal(HomeIco, (string)(await GetAsync($"/hsds/organizations/{(string)service["organization_id"]!}"))["organization_identifiers"]![0]!["identifier"]!);
        var atLocation = service["service_at_locations"]!.AsArray().Single()!;
        Assert.NotNull(atLocation["location"]!["addresses"]![0]!["postal_code"]);

        var organization = await GetAsync($"/hsds/organizations/{(string)service["organization_id"]!}");
        AssertValid("organization.json", organization);
        Assert.Contains(organization["services"]!.AsArray(), s => (string)s!["id"]! == (string)service["id"]!);

        var full = await GetAsync($"/hsds/service_at_locations/{(string)atLocation["id"]!}");
        AssertValid("service_at_location.json", full);
        Assert.Equal(VacantBeds.ToString(CultureInfo.InvariantCulture),
            (string)full["attributes"]!.AsArray().Single(a => (string)a!["taxonomy_term"]!["code"]! == "volna-mista")!["value"]!);
    }

    [Fact]
    public async Task The_data_package_is_built_once_per_content_and_answers_304_to_its_etag()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/hsds/datapackage.zip");
        var again = await client.GetAsync("/hsds/datapackage.zip");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(etag, again.Headers.ETag);
        // The descriptor's "created" is the build's time: equal bytes are the kept answer, not a second build.
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment; filename=\"kissos-hsds.zip\"", again.Content.Headers.ContentDisposition?.ToString());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/hsds/datapackage.zip");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        // An edit (it moves the data version) and a vacancy (it does not) each give a new package.
        var description = $"Popis {Guid.NewGuid():N}";
        await EditHomeAsync(description);
        var (_, edited) = await DownloadPackageAsync();
        Assert.Equal(description, edited["service"].Rows.Single(r => r["id"] == HsdsIds.Of("service", Home).ToString())["description"]);

        await using var db = app.Database.Open();
        var vacancy = await db.Vacancies.SingleAsync(v => v.ServiceId == Home && v.PlaceId == HomePlace);
        try
        {
            vacancy.Places = VacantBeds + 2;
            await db.SaveChangesAsync();
            var (_, vacant) = await DownloadPackageAsync();
            var atLocation = HsdsIds.Of("service-at-location", $"{Home}:{HomePlace}").ToString();
            Assert.Equal((VacantBeds + 2).ToString(CultureInfo.InvariantCulture), vacant["attribute"].Rows.Single(a =>
                a["link_id"] == atLocation && a["taxonomy_term_id"] == HsdsIds.Of("taxonomy-term", "volna-mista:volna-mista").ToString())["value"]);
            Assert.NotEqual(etag, (await client.GetAsync("/hsds/datapackage.zip")).Headers.ETag);
        }
        finally
        {
            vacancy.Places = VacantBeds;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Search_finds_what_the_catalogue_search_finds_in_any_case_order_and_diacritics()
    {
        var all = (int)(await GetAsync("/hsds/services?per_page=1"))["total_items"]!;
        var found = await ListAsync("/hsds/services?search=prerov");
        Assert.InRange(found.Count, 1, all - 1);
        Assert.Equal(Ids(found), Ids(await ListAsync("/hsds/services?search=P%C5%98EROV")));

        await using var db = app.Database.Open();
        var catalogue = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = await Kissos.PublicCatalogue.CatalogueSearch.RunAsync(db,
                new Kissos.Map.ServiceFilter(null, null, null, null, null, null, null, "prerov", null), page, CancellationToken.None);
            catalogue.AddRange(result.Items.Select(i => HsdsIds.Of("service", i.Id).ToString()));
            if (catalogue.Count >= result.Total) break;
        }
        // The catalogue lists current services; HSDS also the ended ones, as inactive.
        Assert.Equal(catalogue.Order(), found.Where(s => (string)s["status"]! == "active").Select(s => (string)s["id"]!).Order());

        var home = HsdsIds.Of("service", Home).ToString();
        Assert.Contains(home, Ids(await ListAsync("/hsds/services?search=kokory%20dominika")));
        var organizations = await ListAsync("/hsds/organizations?search=kokory", "compiled/organization_list.json");
        Assert.Contains(HsdsIds.Of("organization", HomeIco).ToString(), Ids(organizations));
        var atLocations = await ListAsync("/hsds/service_at_locations?search=kokory", "compiled/service_at_location_list.json");
        Assert.Contains(home, atLocations.Select(a => (string)a["service_id"]!));
    }

    [Fact]
    public async Task Modified_after_keeps_the_services_changed_on_or_after_the_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await EditHomeAsync($"Upraveno {Guid.NewGuid():N}");
        var home = HsdsIds.Of("service", Home).ToString();

        var changed = await ListAsync($"/hsds/services?modified_after={Uri.EscapeDataString(before.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK"))}");
        Assert.Contains(home, Ids(changed));
        Assert.All(changed, s => Assert.True(DateTimeOffset.Parse((string)s["last_modified"]!, CultureInfo.InvariantCulture) >= before.AddSeconds(-1)));
        Assert.Equal(Ids(changed), Ids(await ListAsync($"/hsds/services?modified_after={before.ToOffset(TimeSpan.FromHours(1)):yyyy-MM-dd'T'HH:mm:ss.fff}+01:00")));
        Assert.DoesNotContain(home, Ids(await ListAsync($"/hsds/services?modified_after={DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-dd'T'HH:mm:ss'Z'}")));
        var atLocations = await ListAsync($"/hsds/service_at_locations?modified_after={before:yyyy-MM-dd'T'HH:mm:ss}", "compiled/service_at_location_list.json");
        Assert.Contains(home, atLocations.Select(a => (string)a["service_id"]!));
    }

    [Fact]
    public async Task Taxonomy_and_organization_filters_keep_the_services_with_that_term_taxonomy_or_provider()
    {
        await EditHomeAsync("Domov pro seniory", targetGroups: ["24"]); // the registry's extract has no target groups
        await using var db = app.Database.Open();
        var homeService = await db.Services.AsNoTracking().SingleAsync(s => s.Id == Home);
        var services = await db.Services.AsNoTracking().Select(s => new { s.Id, s.DruhCode, s.TargetGroups, s.ProviderIco }).ToListAsync();
        string[] Expected(Func<(string DruhCode, List<string> TargetGroups, string ProviderIco), bool> which) =>
            [.. services.Where(s => which((s.DruhCode, s.TargetGroups, s.ProviderIco))).Select(s => HsdsIds.Of("service", s.Id).ToString()).Order()];

        var druh = HsdsIds.Of("taxonomy-term", $"druh:{homeService.DruhCode}");
        var ofDruh = Expected(s => s.DruhCode == homeService.DruhCode);
        Assert.InRange(ofDruh.Length, 2, services.Count - 1);
        Assert.Equal(ofDruh, Ids(await ListAsync($"/hsds/services?taxonomy_term_id={druh}")));

        var seniors = HsdsIds.Of("taxonomy-term", "cilova-skupina:24");
        Assert.Contains(HsdsIds.Of("service", Home).ToString(), Expected(s => s.TargetGroups.Contains("24")));
        Assert.Equal(Expected(s => s.TargetGroups.Contains("24")), Ids(await ListAsync($"/hsds/services?taxonomy_term_id={seniors}")));
        var withGroup = Expected(s => s.TargetGroups.Count > 0);
        Assert.InRange(withGroup.Length, 1, services.Count - 1);
        Assert.Equal(withGroup, Ids(await ListAsync($"/hsds/services?taxonomy_id={HsdsIds.Of("taxonomy", "cilova-skupina")}")));

        var organization = HsdsIds.Of("organization", HomeIco);
        Assert.Equal(Expected(s => s.ProviderIco == HomeIco), Ids(await ListAsync($"/hsds/services?organization_id={organization}")));
        Assert.Equal(Expected(s => s.ProviderIco == HomeIco && s.DruhCode == homeService.DruhCode),
            Ids(await ListAsync($"/hsds/services?organization_id={organization}&taxonomy_term_id={druh}")));

        // Vacancies are attributes of the service at the location: the term finds the place with the vacancy.
        var vacant = await ListAsync($"/hsds/service_at_locations?taxonomy_term_id={HsdsIds.Of("taxonomy-term", "volna-mista:volna-mista")}",
            "compiled/service_at_location_list.json");
        var withVacancy = (await db.Vacancies.Where(v => v.WithdrawnAt == null && v.ValidUntil >= VacancyInputs.Today)
                .GroupBy(v => new { v.ServiceId, v.PlaceId }).Where(g => g.Sum(v => v.Places) > 0).Select(g => g.Key).ToListAsync())
            .Select(v => HsdsIds.Of("service-at-location", $"{v.ServiceId}:{v.PlaceId}").ToString()).Order();
        Assert.Contains(HsdsIds.Of("service-at-location", $"{Home}:{HomePlace}").ToString(), Ids(vacant));
        Assert.Equal(withVacancy, Ids(vacant));
    }

    [Theory]
    [InlineData("/hsds/services/mpsv-4365", HttpStatusCode.NotFound, null)]
    [InlineData("/hsds/services/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound, null)]
    [InlineData("/hsds/organizations?per_page=abc", HttpStatusCode.BadRequest, "per_page")]
    [InlineData("/hsds/services?organization_id=61985929", HttpStatusCode.BadRequest, "organization_id")]
    [InlineData("/hsds/services?modified_after=30.11.2026", HttpStatusCode.BadRequest, "modified_after")]
    [InlineData("/hsds/services?modified_after=2026-13-01T00:00:00Z", HttpStatusCode.BadRequest, "modified_after")]
    [InlineData("/hsds/service_at_locations?modified_after=yesterday", HttpStatusCode.BadRequest, "modified_after")]
    [InlineData("/hsds/services?taxonomy_term_id=druh:13", HttpStatusCode.BadRequest, "taxonomy_term_id")]
    [InlineData("/hsds/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000", HttpStatusCode.BadRequest, "taxonomy_term_id")]
    [InlineData("/hsds/service_at_locations?taxonomy_id=00000000-0000-0000-0000-000000000000", HttpStatusCode.BadRequest, "taxonomy_id")]
    [InlineData("/hsds/organizations?taxonomy_id=00000000-0000-0000-0000-000000000000", HttpStatusCode.BadRequest, "taxonomy_id")]
    [InlineData("/hsds/services?search=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", HttpStatusCode.BadRequest, "search")]
    public async Task Bad_requests_get_problem_details(string url, HttpStatusCode expected, string? parameter)
    {
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (parameter is not null)
            Assert.Equal([parameter], JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private sealed record Table(string[] Header, List<Dictionary<string, string>> Rows);

    private async Task<(JsonObject Descriptor, Dictionary<string, Table> Tables)> DownloadPackageAsync()
    {
        using var response = await app.CreateClient().GetAsync("/hsds/datapackage.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var descriptor = JsonNode.Parse(zip.GetEntry("datapackage.json")!.Open())!.AsObject();
        var tables = new Dictionary<string, Table>();
        foreach (var resource in descriptor["resources"]!.AsArray())
        {
            using var reader = new StreamReader(zip.GetEntry((string)resource!["path"]!)!.Open());
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            csv.Read();
            csv.ReadHeader();
            var header = csv.HeaderRecord!;
            var rows = new List<Dictionary<string, string>>();
            while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!));
            tables[(string)resource["name"]!] = new Table(header, rows);
        }
        return (descriptor, tables);
    }

    /// <summary>A CSV row as the tabular schema's JSON: numbers as numbers, empty cells left out.</summary>
    private static JsonObject Typed(Dictionary<string, string> row, Dictionary<string, string> types)
    {
        var json = new JsonObject();
        foreach (var (name, value) in row.Where(c => c.Value.Length > 0))
            json[name] = types[name] == "number" ? JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        return json;
    }

    private async Task EditHomeAsync(string description, List<string>? targetGroups = null)
    {
        var url = $"/api/my/services/{Home}";
        var provider = await app.ClientAsync(ApiClient.Provider);
        var edit = JsonSerializer.Deserialize<ServiceEdit>((await provider.JsonAsync(await provider.GetAsync(url), HttpStatusCode.OK)).GetRawText(), JsonSerializerOptions.Web)!;
        await provider.JsonAsync(await provider.PutAsync(url, edit with { Description = description, TargetGroups = targetGroups ?? edit.TargetGroups }), HttpStatusCode.OK);
    }

    /// <summary>Every item of an HSDA list (one page of up to 500), the page and the items validated.</summary>
    private async Task<List<JsonObject>> ListAsync(string url, string itemSchema = "compiled/service_list.json")
    {
        var page = await GetAsync(url + (url.Contains('?') ? "&" : "?") + "per_page=500");
        AssertValidPage(page);
        Assert.True((bool)page["last_page"]!, $"{url}: more than one page");
        var items = page["contents"]!.AsArray().Select(i => i!.AsObject()).ToList();
        foreach (var item in items) AssertValid(itemSchema, item);
        return items;
    }

    private static string[] Ids(IEnumerable<JsonObject> items) => [.. items.Select(i => (string)i["id"]!).Order()];

    private async Task<JsonObject> GetAsync(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static void AssertValidPage(JsonObject page)
    {
        Report(PageSchema.Value.Evaluate(JsonSerializer.SerializeToElement(page), Strict), "Page");
        Assert.IsType<JsonArray>(page["contents"]);
    }

    private static void AssertValid(string schemaFile, JsonNode instance)
    {
        var schema = Schemas.Value.SchemaRegistry.Get(new Uri(SchemaBase + schemaFile)) as JsonSchema
            ?? throw new InvalidOperationException($"{schemaFile} is not loaded");
        Report(schema.Evaluate(JsonSerializer.SerializeToElement(instance), Strict), schemaFile);
    }

    private static void Report(EvaluationResults results, string schemaFile)
    {
        var errors = (results.Details ?? []).Append(results).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Distinct().Take(20).ToList();
        Assert.True(results.IsValid, $"{schemaFile}:\n{string.Join("\n", errors)}");
    }

    /// <summary>HSDA's Page (from its OpenAPI document), with every property required: KISSoS answers all of them.</summary>
    private static JsonSchema LoadPageSchema()
    {
        var page = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "openapi.json")))!["components"]!["schemas"]!["Page"]!.DeepClone().AsObject();
        page["required"] = new JsonArray([.. page["properties"]!.AsObject().Select(p => (JsonNode)p.Key)]);
        return JsonSchema.FromText(page.ToJsonString(), Schemas.Value, new Uri(SchemaBase + "page.json"));
    }

    /// <summary>
    /// Every shipped schema under the address its relative $refs resolve against; the compiled tabular schema refers to
    /// its sibling object schemas, so it is placed beside them.
    /// </summary>
    private static BuildOptions LoadSchemas()
    {
        // HSDS's schemas are draft 2020-12 with extra keywords of their own (name, core, constraints…), which that dialect ignores.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        var files = Directory.GetFiles(SchemaFolder, "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("datapackage.json" or "openapi.json"))
            .Select(f => (Uri: new Uri(SchemaBase + (Path.GetFileName(f) == "tabular.json" ? "tabular.json" : Path.GetRelativePath(SchemaFolder, f))), Text: File.ReadAllText(f)))
            .ToList();
        // A schema is built once those it refers to are registered: build in rounds until none is left.
        while (files.Count > 0)
        {
            var failures = new List<Exception>();
            foreach (var file in files.ToList())
            {
                try
                {
                    JsonSchema.FromText(file.Text, options, file.Uri);
                    files.Remove(file);
                }
                catch (Exception e) when (e is not IOException)
                {
                    failures.Add(new InvalidOperationException(file.Uri.ToString(), e));
                }
            }
            if (failures.Count == files.Count && files.Count > 0) throw new AggregateException(failures);
        }
        return options;
    }
}
