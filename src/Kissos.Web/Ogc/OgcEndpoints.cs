using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Common;
using Kissos.Data;

namespace Kissos.Ogc;

/// <summary>
/// OGC API – Features (Part 1 Core with GeoJSON, HTML and OpenAPI 3.0; Part 2 CRS by reference) over the public
/// layers under /ogc: the landing page, conformance, the API definition, collections and their items.
/// </summary>
public static class OgcEndpoints
{
    public static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ];

    public const string Title = "KISSoS – OGC API Features";

    public static void MapOgc(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(OgcRequest.Base).WithTags("OGC API Features").WithMapRequestLimit().AllowsCrossOrigin();
        group.MapGet("", GetLanding);
        group.MapGet("/conformance", GetConformance);
        group.MapGet("/api", GetApi);
        group.MapGet("/collections", GetCollections);
        group.MapGet("/collections/{collectionId}", GetCollection);
        group.MapGet("/collections/{collectionId}/items", GetItems);
        group.MapGet("/collections/{collectionId}/items/{featureId}", GetItem);
    }

    private static IResult GetLanding(HttpContext http)
    {
        var r = new OgcRequest(http);
        if (!r.Query.IsValid) return r.Query.Problem();
        var doc = new JsonObject
        {
            ["title"] = Title,
            ["description"] = "Veřejné vrstvy Krajského informačního systému sociálních služeb: kraje, ORP, obce, sociální služby, místa poskytování a územní působnost služeb.",
            ["links"] = new JsonArray([
                .. r.SelfLinks("", OgcRequest.Json),
                OgcRequest.Link(r.Url("/api"), "service-desc", OgcRequest.OpenApi, "definice API (OpenAPI 3.0)"),
                OgcRequest.Link(r.Url("/api", [new("f", "html")]), "service-doc", OgcRequest.Html, "dokumentace API"),
                OgcRequest.Link(r.Url("/conformance"), "conformance", OgcRequest.Json, "třídy shody"),
                OgcRequest.Link(r.Url("/collections"), "data", OgcRequest.Json, "kolekce"),
            ]),
        };
        return r.Respond(doc, OgcRequest.Json, d => OgcHtml.Landing(r, d));
    }

    private static IResult GetConformance(HttpContext http)
    {
        var r = new OgcRequest(http);
        if (!r.Query.IsValid) return r.Query.Problem();
        var doc = new JsonObject
        {
            ["conformsTo"] = new JsonArray([.. ConformsTo.Select(c => JsonValue.Create(c))]),
            ["links"] = new JsonArray([.. r.SelfLinks("/conformance", OgcRequest.Json)]),
        };
        return r.Respond(doc, OgcRequest.Json, d => OgcHtml.Conformance(r, d));
    }

    private static IResult GetApi(HttpContext http)
    {
        var r = new OgcRequest(http);
        if (!r.Query.IsValid) return r.Query.Problem();
        return r.Respond(OgcOpenApi.Document(r.Root), OgcRequest.OpenApi, d => OgcHtml.Api(r, d));
    }

    private static async Task<IResult> GetCollections(HttpContext http, KissosDb db)
    {
        var r = new OgcRequest(http);
        if (!r.Query.IsValid) return r.Query.Problem();
        var collections = new JsonArray();
        foreach (var c in OgcCollections.All)
            collections.Add(CollectionDocument(r, c, await OgcData.ExtentAsync(db, c, http.RequestAborted), OgcCrs.Crs84));
        var doc = new JsonObject
        {
            ["links"] = new JsonArray([.. r.SelfLinks("/collections", OgcRequest.Json)]),
            ["collections"] = collections,
        };
        return r.Respond(doc, OgcRequest.Json, d => OgcHtml.Collections(r, d));
    }

    private static async Task<IResult> GetCollection(string collectionId, HttpContext http, KissosDb db)
    {
        if (OgcCollections.Find(collectionId) is not { } c) return CollectionNotFound(collectionId);
        // crs is accepted here too: the collection's links to its items then keep it (a client that opens a
        // collection "in EPSG:5514" follows them).
        var r = new OgcRequest(http, "crs");
        var crs = OgcItemsQuery.ParseCrs(r.Query, "crs");
        if (!r.Query.IsValid) return r.Query.Problem();
        var doc = CollectionDocument(r, c, await OgcData.ExtentAsync(db, c, http.RequestAborted), crs);
        doc["links"] = new JsonArray([.. r.SelfLinks($"/collections/{c.Id}", OgcRequest.Json), .. ((JsonArray)doc["links"]!).Select(l => l!.DeepClone())]);
        return r.Respond(doc, OgcRequest.Json, d => OgcHtml.Collection(r, c, d));
    }

    private static JsonObject CollectionDocument(OgcRequest r, OgcCollection c, OgcData.Extent extent, OgcCrs crs)
    {
        var crsQuery = crs == OgcCrs.Crs84 ? [] : new List<KeyValuePair<string, string>> { new("crs", crs.Uri) };
        var spatial = extent.Bbox is { } b
            ? new JsonObject { ["bbox"] = new JsonArray(new JsonArray(b[0], b[1], b[2], b[3])), ["crs"] = OgcCrs.Crs84Uri }
            : null;
        var temporal = c.Temporal is null ? null : new JsonObject
        {
            ["interval"] = new JsonArray(new JsonArray(Instant(extent.Start), Instant(extent.End))),
            ["trs"] = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
        };
        var doc = new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["description"] = c.Description,
            ["itemType"] = "feature",
            ["crs"] = new JsonArray([.. OgcCrs.Supported.Select(x => JsonValue.Create(x.Uri))]),
            ["storageCrs"] = OgcCrs.Storage.Uri,
            ["links"] = new JsonArray(
                OgcRequest.Link(r.Url($"/collections/{c.Id}/items", crsQuery), "items", OgcRequest.GeoJson, $"{c.Title}: prvky"),
                OgcRequest.Link(r.Url($"/collections/{c.Id}/items", [.. crsQuery, new("f", "html")]), "items", OgcRequest.Html, $"{c.Title}: prvky jako HTML")),
        };
        if (spatial is not null || temporal is not null)
        {
            var extentNode = new JsonObject();
            if (spatial is not null) extentNode["spatial"] = spatial;
            if (temporal is not null) extentNode["temporal"] = temporal;
            doc["extent"] = extentNode;
        }
        return doc;

        static JsonNode? Instant(DateOnly? date) => date is { } d ? JsonValue.Create($"{d:yyyy-MM-dd}T00:00:00Z") : null;
    }

    // Features are map data: an answer is made once per data version and request (MapAnswerCache), and its build
    // is not cancelled with the request that started it (others may be waiting for it).
    private static async Task<IResult> GetItems(string collectionId, HttpContext http, KissosDb db, MapAnswerCache answers)
    {
        if (OgcCollections.Find(collectionId) is not { } c) return CollectionNotFound(collectionId);
        var r = new OgcRequest(http, OgcItemsQuery.Allowed(c));
        var query = OgcItemsQuery.Parse(c, r.Query);
        if (!r.Query.IsValid) return r.Query.Problem();
        r.SetContentCrs(query.Crs);
        return await answers.RespondAsync(db, http, r.AnswerKey, () => ItemsAsync(r, c, query, db), missing: TypedResults.NotFound());
    }

    private static async Task<MapAnswerCache.Built?> ItemsAsync(OgcRequest r, OgcCollection c, OgcItemsQuery query, KissosDb db)
    {
        var page = await OgcData.PageAsync(db, query, CancellationToken.None);
        var path = $"/collections/{c.Id}/items";
        var links = new List<JsonObject>(r.SelfLinks(path, OgcRequest.GeoJson))
        {
            OgcRequest.Link(r.Url($"/collections/{c.Id}"), "collection", OgcRequest.Json, c.Title),
        };
        if (page.Next is { } next)
        {
            var nextQuery = r.CurrentQuery((OgcItemsQuery.CursorParameter, Cursor.Encode(next)), ("f", r.Format == OgcFormat.Html ? "html" : null));
            links.Add(OgcRequest.Link(r.Url(path, nextQuery), "next", r.Format == OgcFormat.Html ? OgcRequest.Html : OgcRequest.GeoJson, "další stránka"));
        }

        // The features go in as PostgreSQL made them; only the envelope is written here.
        var body = new ArrayBufferWriter<byte>(64 + page.Features.Sum(f => f.Json.Length + 1) + 4096);
        body.Write("{\"type\":\"FeatureCollection\",\"features\":["u8);
        for (var i = 0; i < page.Features.Count; i++)
        {
            if (i > 0) body.Write(","u8);
            body.Write(page.Features[i].Json);
        }
        body.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"],\"numberMatched\":{page.Matched},\"numberReturned\":{page.Features.Count},\"links\":")));
        using (var w = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = OgcRequest.JsonOptions.Encoder }))
            JsonSerializer.Serialize(w, new JsonArray([.. links]), OgcRequest.JsonOptions);
        body.Write("}"u8);
        return r.Answer(body, OgcRequest.GeoJson, () => OgcHtml.Items(r, c, query.Crs, page, links, body));
    }

    private static async Task<IResult> GetItem(string collectionId, string featureId, HttpContext http, KissosDb db, MapAnswerCache answers)
    {
        if (OgcCollections.Find(collectionId) is not { } c) return CollectionNotFound(collectionId);
        var r = new OgcRequest(http, "crs");
        var crs = OgcItemsQuery.ParseCrs(r.Query, "crs");
        if (!r.Query.IsValid) return r.Query.Problem();
        r.SetContentCrs(crs);
        return await answers.RespondAsync(db, http, r.AnswerKey, () => ItemAsync(r, c, crs, featureId, db),
            missing: TypedResults.Problem(statusCode: 404, title: "Prvek nenalezen", detail: $"Kolekce '{c.Id}' nemá prvek '{featureId}'."));
    }

    private static async Task<MapAnswerCache.Built?> ItemAsync(OgcRequest r, OgcCollection c, OgcCrs crs, string featureId, KissosDb db)
    {
        if (await OgcData.FeatureAsync(db, c, crs, featureId, CancellationToken.None) is not { } feature) return null;

        var links = new List<JsonObject>(r.SelfLinks($"/collections/{c.Id}/items/{Uri.EscapeDataString(featureId)}", OgcRequest.GeoJson))
        {
            OgcRequest.Link(r.Url($"/collections/{c.Id}"), "collection", OgcRequest.Json, c.Title),
        };
        // The Feature as PostgreSQL made it, with its links added before the closing brace.
        var body = new ArrayBufferWriter<byte>(feature.Json.Length + 1024);
        body.Write(feature.Json.AsSpan(0, feature.Json.Length - 1));
        body.Write(",\"links\":"u8);
        using (var w = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = OgcRequest.JsonOptions.Encoder }))
            JsonSerializer.Serialize(w, new JsonArray([.. links]), OgcRequest.JsonOptions);
        body.Write("}"u8);
        return r.Answer(body, OgcRequest.GeoJson, () => OgcHtml.Item(r, c, crs, feature, links, body));
    }

    private static IResult CollectionNotFound(string id) => TypedResults.Problem(statusCode: 404, title: "Kolekce nenalezena",
        detail: $"Kolekce '{id}' neexistuje. Kolekce: {string.Join(", ", OgcCollections.All.Select(c => c.Id))}.");
}
