using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kissos.Common;
using Kissos.Ogc;
using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Kissos.Tests.Ogc;

[Collection(DatabaseCollection.Name)]
public class OgcApiTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string SJtsk = "http://www.opengis.net/def/crs/EPSG/0/5514";
    private const string Epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";

    private static IEnumerable<JsonElement> Features(JsonElement collection) => collection.GetProperty("features").EnumerateArray();

    private static IEnumerable<JsonElement> Links(JsonElement doc) => doc.GetProperty("links").EnumerateArray();

    private static string Href(JsonElement doc, string rel, string type) =>
        Links(doc).Single(l => l.GetProperty("rel").GetString() == rel && l.GetProperty("type").GetString() == type).GetProperty("href").GetString()!;

    /// <summary>Every "links" array anywhere in a document.</summary>
    private static IEnumerable<JsonElement> AllLinks(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p =>
            p.Name == "links" && p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray() : AllLinks(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(AllLinks),
        _ => [],
    };

    private static string PathAndQuery(string href) => new Uri(href).PathAndQuery;

    [Fact]
    public async Task Landing_page_links_to_the_api_conformance_and_collections()
    {
        var landing = await app.GetJsonAsync("/ogc");

        Assert.EndsWith("/ogc/api", Href(landing, "service-desc", OgcRequest.OpenApi));
        Assert.Contains("/ogc/api", Href(landing, "service-doc", "text/html"));
        Assert.EndsWith("/ogc/conformance", Href(landing, "conformance", "application/json"));
        Assert.EndsWith("/ogc/collections", Href(landing, "data", "application/json"));
        Assert.Contains("f=html", Href(landing, "alternate", "text/html"));

        var conformance = await app.GetJsonAsync("/ogc/conformance");
        var classes = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var c in new[] { "core", "geojson", "html", "oas30" })
            Assert.Contains($"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{c}", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs", classes);
    }

    [Fact]
    public async Task Every_link_of_every_resource_has_rel_and_type()
    {
        string[] urls =
        [
            "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/obce", "/ogc/collections/obce/items?limit=2",
            "/ogc/collections/services/items?druh=13&limit=2", "/ogc/collections/obce/items/500496",
        ];
        foreach (var url in urls)
        {
            var links = AllLinks(await app.GetJsonAsync(url)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, l =>
            {
                Assert.False(string.IsNullOrEmpty(l.GetProperty("rel").GetString()), url);
                Assert.False(string.IsNullOrEmpty(l.GetProperty("type").GetString()), url);
                Assert.StartsWith("http://", l.GetProperty("href").GetString());
            });
        }
    }

    [Fact]
    public async Task Api_definition_is_openapi_3_0_with_the_items_of_every_collection()
    {
        using var response = await app.CreateClient().GetAsync("/ogc/api");
        var api = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/vnd.oai.openapi+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3.0", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        Assert.StartsWith("3.0.", api.GetProperty("openapi").GetString());
        var paths = api.GetProperty("paths");
        foreach (var c in OgcCollections.All)
        {
            Assert.True(paths.TryGetProperty($"/collections/{c.Id}/items", out var items), c.Id);
            var parameters = items.GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Select(p => p.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1] : p.GetProperty("name").GetString()).ToList();
            Assert.Contains("limit", parameters);
            Assert.Contains("crs", parameters);
            Assert.All(c.Filters, f => Assert.Contains(f, parameters));
            Assert.Equal(c.Temporal is not null, parameters.Contains("datetime"));
            Assert.True(paths.TryGetProperty($"/collections/{c.Id}/items/{{featureId}}", out _));
        }
    }

    [Fact]
    public async Task Collections_list_the_public_layers_with_extent_and_crs()
    {
        var collections = (await app.GetJsonAsync("/ogc/collections")).GetProperty("collections").EnumerateArray().ToList();

        Assert.Equal(["kraje", "orp", "obce", "services", "places", "catchment-areas"], collections.Select(c => c.GetProperty("id").GetString()));
        var obce = collections.Single(c => c.GetProperty("id").GetString() == "obce");
        Assert.Equal(SJtsk, obce.GetProperty("storageCrs").GetString());
        var crs = obce.GetProperty("crs").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains(OgcCrs.Crs84Uri, crs);
        Assert.Contains(SJtsk, crs);
        var bbox = obce.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.InRange(bbox[0], 12.0, 12.1); // Aš, the westernmost obec
        Assert.InRange(bbox[2], 18.8, 18.9); // Bílá / Hrčava in the east
        var services = collections.Single(c => c.GetProperty("id").GetString() == "services");
        Assert.Equal("1951-01-01T00:00:00Z", services.GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0][0].GetString());
    }

    [Fact]
    public async Task Paging_by_next_links_returns_every_feature_exactly_once()
    {
        await using var db = app.Database.Open();
        var expected = await db.Obce.Where(o => db.Orp.Any(r => r.CsuCode == o.OrpCsuCode && r.KrajNuts3 == "CZ071"))
            .Select(o => o.Code).OrderBy(c => c).ToListAsync();

        var seen = new List<string>();
        var pages = 0;
        string? url = "/ogc/collections/obce/items?krajNuts3=CZ071&limit=50";
        while (url is not null)
        {
            var page = await app.GetJsonAsync(url);
            pages++;
            Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt32());
            Assert.Equal(Features(page).Count(), page.GetProperty("numberReturned").GetInt32());
            seen.AddRange(Features(page).Select(f => f.GetProperty("id").GetString()!));
            var next = Links(page).Where(l => l.GetProperty("rel").GetString() == "next").ToList();
            Assert.All(next, l => Assert.Equal(JsonQuery.GeoJson, l.GetProperty("type").GetString()));
            // The cursor is opaque: no offset, no key in plain sight.
            Assert.All(next, l => Assert.DoesNotContain("offset", l.GetProperty("href").GetString()));
            url = next.Count == 0 ? null : PathAndQuery(next[0].GetProperty("href").GetString()!);
        }

        Assert.Equal(402, expected.Count);
        Assert.Equal((402 + 49) / 50, pages);
        Assert.Equal(expected, seen); // each once, in key order
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_clamped_not_rejected()
    {
        var page = await app.GetJsonAsync("/ogc/collections/obce/items?limit=100000");

        Assert.Equal(OgcItemsQuery.MaxLimit, page.GetProperty("numberReturned").GetInt32());
        Assert.Equal(6258, page.GetProperty("numberMatched").GetInt32());
        Assert.Contains(Links(page), l => l.GetProperty("rel").GetString() == "next");
    }

    [Theory]
    [InlineData("/ogc/collections/obce/items?sort=name")]
    [InlineData("/ogc/collections/obce/items?datetime=2024-01-01")] // obce have no time
    [InlineData("/ogc/collections/obce/items?druh=13")] // not a property of obce
    [InlineData("/ogc/collections/obce/items?limit=0")]
    [InlineData("/ogc/collections/obce/items?limit=ten")]
    [InlineData("/ogc/collections/obce/items?crs=EPSG:3857")]
    [InlineData("/ogc/collections/obce/items?bbox=17,49,16")]
    [InlineData("/ogc/collections/obce/items?bbox=18,49,17,50")]
    [InlineData("/ogc/collections/obce/items?cursor=***")]
    [InlineData("/ogc/collections/obce/items?limit=10&limit=20")]
    [InlineData("/ogc/collections/services/items?datetime=../..")]
    [InlineData("/ogc/collections/services/items?datetime=2024-13-01")]
    [InlineData("/ogc/collections/obce/items/500496?limit=1")]
    [InlineData("/ogc/collections?f=xml")]
    [InlineData("/ogc?page=2")]
    public async Task Unknown_or_malformed_parameters_get_400(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_collection_or_feature_is_404()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ogc/collections/vacancies/items")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ogc/collections/obce/items/999999")).StatusCode);
    }

    [Theory]
    [InlineData("/ogc/collections")]
    [InlineData("/ogc/collections/obce/items?krajNuts3=CZ072&limit=20")]
    [InlineData("/ogc/collections/obce/items/500496")]
    [InlineData("/ogc/collections/obce/items?limit=5&f=html")]
    public async Task A_strong_etag_answers_304_when_the_client_has_the_resource(string url)
    {
        using var client = app.CreateClient();
        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task Crs84_and_sjtsk_coordinates_agree_after_transformation()
    {
        var crs84 = Features(await app.GetJsonAsync("/ogc/collections/places/items?limit=1000")).ToList();
        using var response = await app.CreateClient().GetAsync($"/ogc/collections/places/items?limit=1000&crs={SJtsk}");
        var sjtsk = Features(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement).ToList();

        Assert.Equal($"<{SJtsk}>", response.Headers.GetValues("Content-Crs").Single());
        Assert.Equal(crs84.Select(f => f.GetProperty("id").GetString()), sjtsk.Select(f => f.GetProperty("id").GetString()));
        var compared = 0;
        foreach (var (a, b) in crs84.Zip(sjtsk))
        {
            if (a.GetProperty("geometry").ValueKind == JsonValueKind.Null) continue;
            var lonLat = a.GetProperty("geometry").GetProperty("coordinates");
            var xy = b.GetProperty("geometry").GetProperty("coordinates");
            Assert.InRange(xy[0].GetDouble(), -905_000, -430_000); // Křovák East North, metres
            var wgs84 = Crs.ToWgs84(new Point(xy[0].GetDouble(), xy[1].GetDouble()) { SRID = Crs.SJtsk }).Coordinate;
            Assert.Equal(lonLat[0].GetDouble(), wgs84.X, 2e-5); // ~1.5 m: ProjNet vs PostGIS and 6 decimals
            Assert.Equal(lonLat[1].GetDouble(), wgs84.Y, 2e-5);
            compared++;
        }
        Assert.True(compared > 200, $"compared {compared} places");
    }

    [Fact]
    public async Task Epsg4326_is_latitude_first_and_crs84_longitude_first()
    {
        using var client = app.CreateClient();
        using var crs84 = await client.GetAsync("/ogc/collections/obce/items/500496");
        using var epsg = await client.GetAsync($"/ogc/collections/obce/items/500496?crs={Epsg4326}");
        var a = JsonDocument.Parse(await crs84.Content.ReadAsStringAsync()).RootElement.GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        var b = JsonDocument.Parse(await epsg.Content.ReadAsStringAsync()).RootElement.GetProperty("geometry").GetProperty("coordinates")[0][0][0];

        Assert.Equal($"<{OgcCrs.Crs84Uri}>", crs84.Headers.GetValues("Content-Crs").Single());
        Assert.Equal($"<{Epsg4326}>", epsg.Headers.GetValues("Content-Crs").Single());
        Assert.InRange(a[0].GetDouble(), 17.1, 17.5); // Olomouc: longitude 17.25
        Assert.Equal(a[0].GetDouble(), b[1].GetDouble());
        Assert.Equal(a[1].GetDouble(), b[0].GetDouble());
    }

    [Fact]
    public async Task A_bbox_selects_the_same_features_in_every_bbox_crs()
    {
        static IEnumerable<string> Ids(JsonElement page) => Features(page).Select(f => f.GetProperty("id").GetString()!).Order();
        // A box around Olomouc city, in CRS84 (lon/lat), EPSG:4326 (lat/lon) and, covering it, in S-JTSK metres.
        var crs84 = Ids(await app.GetJsonAsync("/ogc/collections/places/items?bbox=17.2,49.55,17.33,49.64")).ToList();
        var epsg = Ids(await app.GetJsonAsync($"/ogc/collections/places/items?bbox=49.55,17.2,49.64,17.33&bbox-crs={Epsg4326}")).ToList();
        var box = Crs.ToSJtsk(new Point(17.265, 49.595) { SRID = Crs.Wgs84 }).Coordinate;
        var sjtsk = Ids(await app.GetJsonAsync(
            $"/ogc/collections/places/items?bbox={box.X - 3000:F0},{box.Y - 3000:F0},{box.X + 3000:F0},{box.Y + 3000:F0}&bbox-crs={SJtsk}")).ToList();

        Assert.NotEmpty(crs84);
        Assert.Equal(crs84, epsg);
        Assert.NotEmpty(sjtsk);
        Assert.Subset(crs84.ToHashSet(), sjtsk.ToHashSet()); // 6 km square lies inside the ~9.4 × 10 km box
    }

    [Fact]
    public async Task Property_filters_and_datetime_select_the_matching_services()
    {
        await using var db = app.Database.Open();
        var druh13 = await db.Services.CountAsync(s => s.DruhCode == "13");
        var on = new DateOnly(2005, 6, 1);
        var valid2005 = await db.Services.CountAsync(s => (s.ValidFrom == null || s.ValidFrom <= on) && (s.ValidTo == null || s.ValidTo >= on));

        var byDruh = await app.GetJsonAsync("/ogc/collections/services/items?druh=13&limit=1000");
        var byForm = await app.GetJsonAsync("/ogc/collections/services/items?forms=ter&limit=1000");
        var inTime = await app.GetJsonAsync("/ogc/collections/services/items?datetime=2005-06-01T12:00:00Z&limit=1000");
        var interval = await app.GetJsonAsync("/ogc/collections/services/items?datetime=../2005-06-01&limit=1000");

        Assert.Equal(druh13, byDruh.GetProperty("numberMatched").GetInt32());
        Assert.All(Features(byDruh), f => Assert.Equal("13", f.GetProperty("properties").GetProperty("druh").GetString()));
        Assert.NotEmpty(Features(byForm));
        Assert.All(Features(byForm), f => Assert.Contains("ter", f.GetProperty("properties").GetProperty("forms").EnumerateArray().Select(x => x.GetString())));
        Assert.Equal(valid2005, inTime.GetProperty("numberMatched").GetInt32());
        Assert.InRange(valid2005, 1, 253); // some services started later
        Assert.Equal(valid2005, interval.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task One_feature_carries_its_properties_and_links()
    {
        var olomouc = await app.GetJsonAsync("/ogc/collections/obce/items/500496");

        Assert.Equal("Feature", olomouc.GetProperty("type").GetString());
        Assert.Equal("500496", olomouc.GetProperty("id").GetString());
        Assert.Equal("Olomouc", olomouc.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("CZ071", olomouc.GetProperty("properties").GetProperty("krajNuts3").GetString());
        Assert.EndsWith("/ogc/collections/obce", Href(olomouc, "collection", "application/json"));
        Assert.Contains("f=html", Href(olomouc, "alternate", "text/html"));
    }

    [Fact]
    public async Task A_browser_gets_a_readable_html_page_of_each_resource()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        foreach (var (url, text) in new[]
                 {
                     ("/ogc", "OGC API"), ("/ogc/conformance", "ogcapi-features-1/1.0/conf/core"), ("/ogc/api", "/collections/obce/items"),
                     ("/ogc/collections", "Místa poskytování"), ("/ogc/collections/obce", "krajNuts3"),
                     ("/ogc/collections/obce/items?orpCsuCode=7107", "Velký Týnec"), ("/ogc/collections/obce/items/500496", "Olomouc"),
                 })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<!doctype html>", html);
            Assert.Contains(text, html);
        }
        // GIS clients ask for JSON and get it from the same URL.
        using var json = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal("application/json", (await client.SendAsync(json)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_bare_sql_printed_for_an_items_url_returns_what_the_api_answers()
    {
        const string url = "/ogc/collections/obce/items?krajNuts3=CZ071&limit=30";
        var api = await app.GetJsonAsync(url);
        await using var db = app.Database.Open();

        var statements = (await OgcPsql.SqlAsync(db, url)).Split(" \\;\n");

        Assert.Equal(2, statements.Length); // a full first page also asks for the count
        await using var connection = new Npgsql.NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<string>();
        await using (var page = new Npgsql.NpgsqlCommand(statements[0], connection))
        await using (var reader = await page.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        await using var count = new Npgsql.NpgsqlCommand(statements[1], connection);
        Assert.Equal(Features(api).Select(f => f.GetProperty("id").GetString()), ids.Take(30));
        Assert.Equal(31, ids.Count);
        Assert.Equal(api.GetProperty("numberMatched").GetInt64(), (long)(await count.ExecuteScalarAsync())!);
    }
}
