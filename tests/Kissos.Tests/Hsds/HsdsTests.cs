using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Json.Schema;
using Kissos.Hsds;
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

    [Theory]
    [InlineData("/hsds/services/mpsv-4365", HttpStatusCode.NotFound)]
    [InlineData("/hsds/services/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/hsds/organizations?per_page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/hsds/services?organization_id=61985929", HttpStatusCode.BadRequest)]
    [InlineData("/hsds/services?search=domov", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_get_problem_details(string url, HttpStatusCode expected)
    {
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
