using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Common;
using Microsoft.Net.Http.Headers;

namespace Kissos.Ogc;

public enum OgcFormat { Json, Html }

/// <summary>
/// One request to the OGC API: its strict query, the representation asked for (f=json|html, else the Accept
/// header), and absolute links back into the API that keep the request's other parameters.
/// </summary>
public sealed class OgcRequest
{
    public const string Base = "/ogc";
    public const string GeoJson = JsonQuery.GeoJson;
    public const string Json = "application/json";
    public const string Html = "text/html";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpContext _http;

    public OgcRequest(HttpContext http, params string[] allowed)
    {
        _http = http;
        Query = new QueryParameters(http.Request, ["f", .. allowed]);
        Format = Negotiate(http.Request, Query);
        http.Response.Headers.Vary = HeaderNames.Accept;
    }

    public QueryParameters Query { get; }
    public OgcFormat Format { get; }

    /// <summary>The API's root URL as the client reached it.</summary>
    public string Root => $"{_http.Request.Scheme}://{_http.Request.Host}{_http.Request.PathBase}{Base}";

    /// <summary>The site's root (for the page's scripts and styles).</summary>
    public string SiteRoot => $"{_http.Request.PathBase}";

    private static OgcFormat Negotiate(HttpRequest request, QueryParameters query)
    {
        switch (query.Get("f"))
        {
            case "json": return OgcFormat.Json;
            case "html": return OgcFormat.Html;
            case null: break;
            default:
                query.AddError("f", "f je 'json' nebo 'html'.");
                return OgcFormat.Json;
        }
        // The first acceptable type by quality decides; a browser asks for text/html first, GIS clients for JSON.
        foreach (var type in request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.Quality == 0) continue;
            if (type.MediaType.Equals(Html, StringComparison.OrdinalIgnoreCase)) return OgcFormat.Html;
            if (type.MediaType.Value is { } m && (m.Contains("json", StringComparison.OrdinalIgnoreCase) || m == "*/*" || m == "application/*"))
                return OgcFormat.Json;
        }
        return OgcFormat.Json;
    }

    /// <summary>A URL in the API: <paramref name="path"/> under /ogc with the given query (values encoded for a query).</summary>
    public string Url(string path, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var pairs = query?.Select(p => $"{Escape(p.Key)}={Escape(p.Value)}").ToList() ?? [];
        return Root + path + (pairs.Count > 0 ? "?" + string.Join('&', pairs) : "");
    }

    /// <summary>
    /// Percent-encodes a query value but keeps ':', '/', '@' and ',' (allowed in a query by RFC 3986), so CRS URIs
    /// and boxes stay readable and a client that appends its own parameters recognises them in our links.
    /// </summary>
    private static string Escape(string value) => Uri.EscapeDataString(value)
        .Replace("%3A", ":").Replace("%2F", "/").Replace("%40", "@").Replace("%2C", ",");

    /// <summary>The current request's parameters with some replaced or removed (null value), in their order.</summary>
    public List<KeyValuePair<string, string>> CurrentQuery(params (string Key, string? Value)[] changes)
    {
        var result = _http.Request.Query
            .Where(p => changes.All(c => c.Key != p.Key))
            .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()))
            .ToList();
        result.AddRange(changes.Where(c => c.Value is not null).Select(c => KeyValuePair.Create(c.Key, c.Value!)));
        return result;
    }

    /// <summary>Links to this resource as JSON (self) and as HTML (alternate), or the other way round.</summary>
    public IEnumerable<JsonObject> SelfLinks(string path, string jsonType, params (string Key, string? Value)[] keep)
    {
        var json = Link(Url(path, CurrentQuery([.. keep, ("f", "json")])), "self", jsonType, "tento dokument");
        var html = Link(Url(path, CurrentQuery([.. keep, ("f", "html")])), "alternate", Html, "tento dokument jako HTML");
        if (Format == OgcFormat.Html)
        {
            json["rel"] = "alternate";
            html["rel"] = "self";
            json["title"] = "tento dokument jako JSON";
            html["title"] = "tento dokument";
        }
        return [json, html];
    }

    public static JsonObject Link(string href, string rel, string type, string title) =>
        new() { ["href"] = href, ["rel"] = rel, ["type"] = type, ["title"] = title };

    /// <summary>Answers a JSON document or its HTML page with a strong ETag (304 when the client has it).</summary>
    public IResult Respond(JsonNode document, string jsonType, Func<JsonNode, string> html) =>
        Format == OgcFormat.Html
            ? RespondHtml(html(document))
            : JsonQuery.Respond(_http, JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions), jsonType);

    public IResult RespondHtml(string page) =>
        JsonQuery.Respond(_http, System.Text.Encoding.UTF8.GetBytes(page), Html + "; charset=utf-8");

    /// <summary>The bytes of a built JSON body, or of its HTML page when the request asked for HTML.</summary>
    public MapAnswerCache.Built Answer(ArrayBufferWriter<byte> body, string contentType, Func<string> html) =>
        Format == OgcFormat.Html
            ? new(System.Text.Encoding.UTF8.GetBytes(html()), Html + "; charset=utf-8")
            : new(body.WrittenSpan.ToArray(), contentType);

    /// <summary>
    /// What an answer depends on besides the data: the representation and the whole URL as the client reached it
    /// (links in the answer are absolute and keep the request's parameters).
    /// </summary>
    public string AnswerKey =>
        $"{Format} {_http.Request.Scheme}://{_http.Request.Host}{_http.Request.PathBase}{_http.Request.Path}{_http.Request.QueryString}";

    public void SetContentCrs(OgcCrs crs) => _http.Response.Headers["Content-Crs"] = crs.ContentCrs;
}
