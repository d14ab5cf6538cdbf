using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Kissos.Common;
using Kissos.Data;

namespace Kissos.Hsds;

/// <summary>
/// Open data as Open Referral HSDS 3.0: the whole catalogue as a tabular data package (<c>/hsds/datapackage.zip</c>)
/// and the read endpoints of HSDA (Human Services Data API) 3.0 with their paged lists. Public and readable from
/// other sites (CORS), like the map.
/// </summary>
public static class HsdsEndpoints
{
    public const string Base = "/hsds";
    private const int DefaultPerPage = 50;
    private const int MaxPerPage = 500;

    public static void MapHsds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Base).WithTags("HSDS (open data)").AllowsCrossOrigin();
        group.MapGet("/", GetApiInfo)
            .WithSummary("Informace o API (HSDA 3.0)")
            .WithDescription("Verze HSDS, profil a adresa popisu OpenAPI.");
        group.MapGet("/datapackage.zip", GetDataPackage)
            .WithSummary("Celý katalog jako datový balíček HSDS 3.0 (ZIP)")
            .WithDescription("datapackage.json (Frictionless tabular data package) a tabulky CSV (UTF-8, čárka): organization, " +
                "organization_identifier (IČO), service, service_at_location, location (kód adresního místa RÚIAN, WGS84), address, " +
                "phone, service_area, taxonomy, taxonomy_term, attribute (druh, formy, cílové skupiny, kapacity, volná místa). " +
                "Sestaví se jednou pro každou verzi dat a stav volných míst; silný ETag, na If-None-Match odpoví 304.")
            .Produces(200, contentType: "application/zip");
        group.MapGet("/services", (HttpContext http, KissosDb db, TimeProvider clock) =>
                ListAsync(http, db, clock, HsdsTables.Service, HsdaFilter.ServiceFilters, (c, row) => c.ServiceItem(row)))
            .WithSummary("Služby po stránkách (HSDA)")
            .WithDescription("Parametry page (od 1), per_page (1–500, výchozí 50) a filtry HSDA (platí všechny zadané): search " +
                "(fulltext jako katalog: bez ohledu na diakritiku a velikost písmen, slova jako začátky, nejvýš 100 znaků), modified_after " +
                "(datum a čas ISO 8601, bez posunu UTC: služby změněné v tu chvíli nebo později), taxonomy_term_id a taxonomy_id (UUID " +
                "termínu nebo taxonomie z datového balíčku: druh, forma, cílová skupina, věková kategorie, kapacita), organization_id (UUID). " +
                "Chybná hodnota: 400 s názvem parametru. Odpověď: total_items, total_pages, page_number, size, first_page, last_page, empty a contents (služby s organizací).")
            .Produces<JsonObject>().ProducesValidationProblem();
        group.MapGet("/services/{id}", (string id, KissosDb db, TimeProvider clock, CancellationToken ct) =>
                OneAsync(id, db, clock, HsdsTables.Service, "Služba", (c, row) => c.ServiceFull(row), ct))
            .WithSummary("Služba se vším, co o ní víme (HSDA)")
            .WithDescription("Služba s organizací, telefony, územní působností (service_areas), atributy (druh, formy, cílové skupiny, " +
                "věkové kategorie, kapacity s počtem v hodnotě) a místy poskytování (service_at_locations s location a address). id je UUID.")
            .Produces<JsonObject>().ProducesProblem(404);
        group.MapGet("/organizations", (HttpContext http, KissosDb db, TimeProvider clock) =>
                ListAsync(http, db, clock, HsdsTables.Organization, HsdaFilter.OrganizationFilters, (_, row) => row))
            .WithSummary("Poskytovatelé (organizace) po stránkách (HSDA)")
            .WithDescription("Parametry page a per_page jako u služeb; search najde organizace, jejichž některá služba hledanému textu odpovídá.")
            .Produces<JsonObject>().ProducesValidationProblem();
        group.MapGet("/organizations/{id}", (string id, KissosDb db, TimeProvider clock, CancellationToken ct) =>
                OneAsync(id, db, clock, HsdsTables.Organization, "Organizace", (c, row) => c.OrganizationFull(row), ct))
            .WithSummary("Poskytovatel s IČO (organization_identifiers), telefony a službami (HSDA)")
            .Produces<JsonObject>().ProducesProblem(404);
        group.MapGet("/service_at_locations", (HttpContext http, KissosDb db, TimeProvider clock) =>
                ListAsync(http, db, clock, HsdsTables.ServiceAtLocation, HsdaFilter.ServiceFilters, (c, row) => c.AtLocationItem(row)))
            .WithSummary("Služby na místech poskytování po stránkách (HSDA)")
            .WithDescription("Parametry page, per_page a filtry jako u služeb (filtruje se podle služby; taxonomy_term_id a taxonomy_id " +
                "i podle atributů služby na místě, např. termínu volna-mista); každá položka s location a service.")
            .Produces<JsonObject>().ProducesValidationProblem();
        group.MapGet("/service_at_locations/{id}", (string id, KissosDb db, TimeProvider clock, CancellationToken ct) =>
                OneAsync(id, db, clock, HsdsTables.ServiceAtLocation, "Služba na místě", (c, row) => c.AtLocationFull(row), ct))
            .WithSummary("Služba na místě poskytování s adresou a volnými místy (HSDA)")
            .WithDescription("Atribut s termínem „volna-mista“ nese počet volných míst platných dnes (jen kde poskytovatel nějaká zveřejnil).")
            .Produces<JsonObject>().ProducesProblem(404);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static IResult GetApiInfo(HttpContext http) => TypedResults.Ok(new JsonObject
    {
        ["version"] = "3.0",
        ["profile"] = "https://docs.openreferral.org/en/v3.0/",
        ["openapi_url"] = $"{http.Request.Scheme}://{http.Request.Host}{ApiDocs.ApiDescription.DocumentPath}",
    });

    private static async Task<IResult> ListAsync(HttpContext http, KissosDb db, TimeProvider clock, HsdsTable table,
        string[] filters, Func<HsdsCatalogue, JsonObject, JsonObject> shape)
    {
        var query = new QueryParameters(http.Request, ["page", "per_page", .. filters]);
        var page = query.Int("page", 1, int.MaxValue) ?? 1;
        var perPage = query.Int("per_page", 1, MaxPerPage) ?? DefaultPerPage;
        var filter = HsdaFilter.Parse(query);
        if (!query.IsValid) return query.Problem();

        var catalogue = await HsdsCatalogue.LoadAsync(db, Today(clock), http.RequestAborted);
        var keep = await filter.PredicateAsync(catalogue, table, query, db, http.RequestAborted);
        if (!query.IsValid) return query.Problem();
        var rows = catalogue.Rows(table).Where(keep).ToList();
        var totalPages = (rows.Count + perPage - 1) / perPage;
        var contents = rows.Skip((int)Math.Min((long)(page - 1) * perPage, rows.Count)).Take(perPage).Select(r => (JsonNode)shape(catalogue, r));
        var items = new JsonArray([.. contents]);
        return TypedResults.Ok(new JsonObject
        {
            ["total_items"] = rows.Count,
            ["total_pages"] = totalPages,
            ["page_number"] = page,
            ["size"] = items.Count,
            ["first_page"] = page == 1,
            ["last_page"] = page >= totalPages,
            ["empty"] = items.Count == 0,
            ["contents"] = items,
        });
    }

    private static async Task<IResult> OneAsync(string id, KissosDb db, TimeProvider clock, HsdsTable table, string what,
        Func<HsdsCatalogue, JsonObject, JsonObject> shape, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var uuid))
            return TypedResults.Problem(statusCode: 404, title: $"{what} nenalezena", detail: $"'{id}' není UUID záznamu HSDS.");
        var catalogue = await HsdsCatalogue.LoadAsync(db, Today(clock), ct);
        return catalogue.Find(table, uuid) is { } row
            ? TypedResults.Ok(shape(catalogue, row))
            : TypedResults.Problem(statusCode: 404, title: $"{what} nenalezena", detail: $"Záznam {uuid} v katalogu není.");
    }

    /// <summary>
    /// The package is built once per content, kept under the catalogue's state as the search's answers are (data
    /// version, day and the public vacancies: CatalogueSearch.StateSql) and the day of the app's clock, then sent as the
    /// same bytes with a strong ETag (304 to If-None-Match).
    /// </summary>
    private static async Task<IResult> GetDataPackage(HttpContext http, KissosDb db, TimeProvider clock, MapAnswerCache answers)
    {
        var today = Today(clock);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"kissos-hsds.zip\"";
        return await answers.RespondAsync(db, http, $"{Base}/datapackage.zip\n{today:O}",
            async () => new MapAnswerCache.Built(await BuildPackageAsync(db, today, clock.GetUtcNow()), "application/zip"),
            missing: TypedResults.NotFound(), PublicCatalogue.CatalogueSearch.StateSql);
    }

    private static async Task<byte[]> BuildPackageAsync(KissosDb db, DateOnly today, DateTimeOffset created)
    {
        // Uncancelled: requests that missed together wait for this one build.
        var catalogue = await HsdsCatalogue.LoadAsync(db, today, CancellationToken.None);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var descriptor = archive.CreateEntry("datapackage.json", CompressionLevel.Optimal).Open())
                await descriptor.WriteAsync(Encoding.UTF8.GetBytes(HsdsTables.Descriptor(created).ToJsonString(new() { WriteIndented = true })));
            foreach (var table in HsdsTables.All)
            {
                await using var entry = archive.CreateEntry(table.Path, CompressionLevel.Optimal).Open();
                await WriteCsvAsync(entry, table, catalogue.Rows(table));
            }
        }
        return zip.ToArray();
    }

    /// <summary>
    /// RFC 4180 CSV as the data package declares it (UTF-8 without BOM, comma): a machine format, so values are written
    /// exactly, without the spreadsheet guard of the CSV exports meant for Excel.
    /// </summary>
    private static async Task WriteCsvAsync(Stream output, HsdsTable table, IEnumerable<JsonObject> rows)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var field in table.Fields) csv.WriteField(field.Name);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in table.Fields)
                csv.WriteField(Cell(row[field.Name]));
            await csv.NextRecordAsync();
        }
    }

    private static string? Cell(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.TryGetValue<Guid>(out var id) => id.ToString(),
        JsonValue v when v.TryGetValue<int>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
