using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kissos.Ogc;

/// <summary>The HTML page of each OGC API resource (conformance class "HTML"), in Czech, from the same data as the JSON.</summary>
public static class OgcHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string? text) => Encoder.Encode(text ?? "");

    private static string Page(OgcRequest r, string title, IEnumerable<(string Label, string? Href)> trail, string body, string? mapGeoJson = null)
    {
        var crumbs = string.Join(" › ", trail.Select(t => t.Href is null ? E(t.Label) : $"<a href=\"{E(t.Href)}\">{E(t.Label)}</a>"));
        var site = r.SiteRoot;
        var map = mapGeoJson is null ? "" :
            $"""
            <div id="ogc-map" role="region" aria-label="Mapa prvků z tabulky"></div>
            <script type="application/geo+json" id="ogc-features">{ScriptData(mapGeoJson)}</script>
            <script src="{E(site)}/lib/leaflet/leaflet.js"></script>
            <script src="{E(site)}/js/leaflet-cs.js"></script>
            <script src="{E(site)}/js/ogc-page.js"></script>
            """;
        var mapStyle = mapGeoJson is null ? "" : $"<link rel=\"stylesheet\" href=\"{E(site)}/lib/leaflet/leaflet.css\">";
        return $$"""
            <!doctype html>
            <html lang="cs">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{E(title)}} – {{E(OgcEndpoints.Title)}}</title>
              <link rel="icon" href="{{E(site)}}/favicon.svg" type="image/svg+xml">
              {{mapStyle}}
              <style>
                body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1f2933; }
                nav { font-size: .9rem; margin-bottom: 1rem; }
                table { border-collapse: collapse; width: 100%; font-size: .9rem; }
                th, td { border-bottom: 1px solid #d9dee3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
                th { background: #f3f5f7; }
                code { font-size: .85rem; }
                #ogc-map { height: 22rem; margin: 1rem 0; border: 1px solid #d9dee3; }
                .links li { margin: .2rem 0; }
              </style>
            </head>
            <body>
              <nav aria-label="Drobečková navigace">{{crumbs}}</nav>
              <main>
              <h1>{{E(title)}}</h1>
              {{map}}
              {{body}}
              </main>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// JSON as the text of a data block: '&lt;' (which occurs only inside strings) as \u003c, so no "&lt;/script" or
    /// "&lt;!--" in the data can end the block or change how the parser reads it; JSON.parse gives the same value.
    /// </summary>
    public static string ScriptData(string json) => json.Replace("<", "\\u003c");

    private static (string, string?) Home(OgcRequest r) => ("OGC API", r.Url("", [new("f", "html")]));

    private static string Links(JsonNode? links) => links is JsonArray list
        ? "<h2>Odkazy</h2><ul class=\"links\">" + string.Concat(list.Select(l =>
            $"<li><a href=\"{E((string?)l!["href"])}\">{E((string?)l["title"])}</a> <code>rel={E((string?)l["rel"])}</code> <code>{E((string?)l["type"])}</code></li>")) + "</ul>"
        : "";

    public static string Landing(OgcRequest r, JsonNode doc) => Page(r, (string)doc["title"]!, [("OGC API", null)],
        $"""
        <p>{E((string?)doc["description"])}</p>
        <ul>
          <li><a href="{E(r.Url("/collections", [new("f", "html")]))}">Kolekce</a> – vrstvy s prvky</li>
          <li><a href="{E(r.Url("/conformance", [new("f", "html")]))}">Třídy shody</a></li>
          <li><a href="{E(r.Url("/api", [new("f", "html")]))}">Definice API</a> (<a href="{E(r.Url("/api"))}">OpenAPI 3.0 JSON</a>)</li>
        </ul>
        <p>V QGIS: Vrstva › Přidat vrstvu › Přidat vektorovou vrstvu › Protokol OGC API – Features, adresa <code>{E(r.Root)}</code>.</p>
        {Links(doc["links"])}
        """);

    public static string Conformance(OgcRequest r, JsonNode doc) => Page(r, "Třídy shody", [Home(r), ("Třídy shody", null)],
        "<ul>" + string.Concat(((JsonArray)doc["conformsTo"]!).Select(c => $"<li><code>{E((string?)c)}</code></li>")) + "</ul>" + Links(doc["links"]));

    public static string Api(OgcRequest r, JsonNode doc)
    {
        var body = new StringBuilder($"<p>{E((string?)doc["info"]!["description"])}</p><p><a href=\"{E(r.Url("/api", [new("f", "json")]))}\">OpenAPI 3.0 (JSON)</a></p>");
        foreach (var (path, item) in (JsonObject)doc["paths"]!)
        {
            var get = item!["get"]!;
            body.Append($"<h2><code>GET {E(path)}</code></h2><p>{E((string?)get["summary"])}</p>");
            if (get["parameters"] is JsonArray { Count: > 0 } parameters)
            {
                body.Append("<table><thead><tr><th>parametr</th><th>v</th><th>popis</th></tr></thead><tbody>");
                foreach (var p in parameters)
                {
                    var resolved = p!["$ref"] is { } reference
                        ? doc["components"]!["parameters"]![((string)reference!).Split('/')[^1]]!
                        : p;
                    body.Append($"<tr><td><code>{E((string?)resolved["name"])}</code></td><td>{E((string?)resolved["in"])}</td><td>{E((string?)resolved["description"])}</td></tr>");
                }
                body.Append("</tbody></table>");
            }
        }
        return Page(r, "Definice API", [Home(r), ("API", null)], body.ToString());
    }

    public static string Collections(OgcRequest r, JsonNode doc)
    {
        var rows = string.Concat(((JsonArray)doc["collections"]!).Select(c =>
        {
            var id = (string)c!["id"]!;
            return $"<tr><td><a href=\"{E(r.Url($"/collections/{id}", [new("f", "html")]))}\">{E((string?)c["title"])}</a></td>" +
                   $"<td><code>{E(id)}</code></td><td>{E((string?)c["description"])}</td>" +
                   $"<td><a href=\"{E(r.Url($"/collections/{id}/items", [new("f", "html")]))}\">prvky</a></td></tr>";
        }));
        return Page(r, "Kolekce", [Home(r), ("Kolekce", null)],
            $"<table><thead><tr><th>název</th><th>id</th><th>popis</th><th></th></tr></thead><tbody>{rows}</tbody></table>{Links(doc["links"])}");
    }

    public static string Collection(OgcRequest r, OgcCollection c, JsonNode doc)
    {
        var bbox = doc["extent"]?["spatial"]?["bbox"]?[0] is JsonArray b ? string.Join(", ", b.Select(x => x!.ToJsonString())) : "prázdná kolekce";
        var interval = doc["extent"]?["temporal"]?["interval"]?[0] is JsonArray t
            ? $"<dt>Časový rozsah</dt><dd>{E((string?)t[0] ?? "..")} – {E((string?)t[1] ?? "..")} (parametr <code>datetime</code> vybírá služby platné v daném čase)</dd>"
            : "";
        var properties = string.Concat(c.Properties.Select(p =>
            $"<tr><td><code>{E(p.Name)}</code></td><td>{E(p.Title)}</td><td>{E(p.Type)}</td><td>{(c.Filters.Contains(p.Name) ? $"<code>?{E(p.Name)}=…</code>" : "")}</td></tr>"));
        return Page(r, c.Title, [Home(r), ("Kolekce", r.Url("/collections", [new("f", "html")])), (c.Title, null)],
            $"""
            <p>{E(c.Description)}</p>
            <p><a href="{E(r.Url($"/collections/{c.Id}/items", [new("f", "html")]))}">Zobrazit prvky</a></p>
            <dl>
              <dt>Geometrie</dt><dd>{E(c.GeometryType)}</dd>
              <dt>Rozsah (CRS84)</dt><dd>{E(bbox)}</dd>
              {interval}
              <dt>Souřadnicové systémy (<code>crs</code>, <code>bbox-crs</code>)</dt><dd>{string.Join("<br>", OgcCrs.Supported.Select(x => $"<code>{E(x.Uri)}</code>"))}</dd>
              <dt>Uložení (<code>storageCrs</code>)</dt><dd><code>{E(OgcCrs.Storage.Uri)}</code></dd>
            </dl>
            <h2>Vlastnosti</h2>
            <table><thead><tr><th>vlastnost</th><th>význam</th><th>typ</th><th>filtr</th></tr></thead><tbody>{properties}</tbody></table>
            {Links(doc["links"])}
            """);
    }

    private static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.True => "ano",
        JsonValueKind.False => "ne",
        JsonValueKind.Array when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
            string.Join(", ", v.EnumerateArray().Select(x => x.GetString())),
        _ => v.GetRawText(),
    };

    private static string? MapData(OgcCrs crs, ArrayBufferWriter<byte> geoJson) =>
        crs == OgcCrs.Crs84 ? Encoding.UTF8.GetString(geoJson.WrittenSpan) : null;

    public static string Items(OgcRequest r, OgcCollection c, OgcCrs crs, OgcData.Page page, IEnumerable<JsonObject> links, ArrayBufferWriter<byte> geoJson)
    {
        var names = c.Properties.Select(p => p.Name).ToList();
        var rows = new StringBuilder();
        foreach (var f in page.Features)
        {
            using var properties = JsonDocument.Parse(f.Json);
            var href = r.Url($"/collections/{c.Id}/items/{Uri.EscapeDataString(f.Id)}", crs == OgcCrs.Crs84 ? [new("f", "html")] : [new("crs", crs.Uri), new("f", "html")]);
            rows.Append($"<tr><td><a href=\"{E(href)}\">{E(f.Id)}</a></td>");
            foreach (var name in names) rows.Append($"<td>{E(Value(properties.RootElement.GetProperty("properties").GetProperty(name)))}</td>");
            rows.Append("</tr>");
        }
        var next = links.FirstOrDefault(l => (string?)l["rel"] == "next");
        return Page(r, $"{c.Title}: prvky", [Home(r), ("Kolekce", r.Url("/collections", [new("f", "html")])), (c.Title, r.Url($"/collections/{c.Id}", [new("f", "html")])), ("Prvky", null)],
            $"""
            <p>Vyhovuje {page.Matched} prvků, na této stránce {page.Features.Count}. Souřadnice: <code>{E(crs.Uri)}</code>.
            {(next is null ? "" : $"<a href=\"{E((string?)next["href"])}\">Další stránka</a>")}</p>
            <table><thead><tr><th>id</th>{string.Concat(names.Select(n => $"<th>{E(n)}</th>"))}</tr></thead><tbody>{rows}</tbody></table>
            {Links(new JsonArray([.. links.Select(l => l.DeepClone())]))}
            """, MapData(crs, geoJson));
    }

    public static string Item(OgcRequest r, OgcCollection c, OgcCrs crs, OgcData.FeatureRow feature, IEnumerable<JsonObject> links, ArrayBufferWriter<byte> geoJson)
    {
        using var json = JsonDocument.Parse(feature.Json);
        var properties = json.RootElement.GetProperty("properties");
        var rows = string.Concat(c.Properties.Select(p =>
            $"<tr><th scope=\"row\">{E(p.Title)} <code>{E(p.Name)}</code></th><td>{E(Value(properties.GetProperty(p.Name)))}</td></tr>"));
        return Page(r, $"{c.Title}: {feature.Id}",
            [Home(r), ("Kolekce", r.Url("/collections", [new("f", "html")])), (c.Title, r.Url($"/collections/{c.Id}", [new("f", "html")])),
             ("Prvky", r.Url($"/collections/{c.Id}/items", [new("f", "html")])), (feature.Id, null)],
            $"<table><tbody>{rows}</tbody></table>{Links(new JsonArray([.. links.Select(l => l.DeepClone())]))}",
            MapData(crs, geoJson));
    }
}
