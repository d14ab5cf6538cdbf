using System.Text.Json;

namespace Kissos.PublicCatalogue;

/// <summary>What a public catalogue page tells search engines besides its body.</summary>
/// <param name="Title">The page's own title (the site name is appended).</param>
/// <param name="Description">Meta description: one or two sentences.</param>
/// <param name="CanonicalPath">The page's one URL (path and query), made absolute from the request.</param>
/// <param name="StructuredData">A schema.org object written as JSON-LD, or null.</param>
public sealed record PageHead(string Title, string Description, string CanonicalPath, object? StructuredData = null);

/// <summary>The document around every public catalogue page: head for search engines, header, navigation, footer.</summary>
public static class CataloguePage
{
    public const string SiteName = "Katalog sociálních služeb – KISSoS";

    private static readonly JsonSerializerOptions JsonLdOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string AbsoluteUrl(HttpRequest request, string pathAndQuery) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";

    /// <summary>The whole page as an HTML result with <paramref name="status"/>.</summary>
    public static IResult Result(HttpRequest request, PageHead head, Html body, int status = 200, Html scripts = default) =>
        Results.Content(Document(request, head, body, scripts).Value, "text/html; charset=utf-8", statusCode: status);

    public static Html Document(HttpRequest request, PageHead head, Html body, Html scripts = default)
    {
        // The encoder keeps Czech letters but escapes < > & ' " in strings, so the JSON cannot close the script element.
        var jsonLd = head.StructuredData is null ? Html.Empty
            : new Html("<script type=\"application/ld+json\">" + JsonSerializer.Serialize(head.StructuredData, JsonLdOptions) + "</script>");
        return Html.Of($"""
            <!doctype html>
            <html lang="cs">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{head.Title} – {SiteName}</title>
              <meta name="description" content="{head.Description}">
              <link rel="canonical" href="{AbsoluteUrl(request, head.CanonicalPath)}">
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="/css/katalog.css">
              {jsonLd}
              {scripts}
            </head>
            <body>
              <a class="skip-link" href="#obsah">Přeskočit na obsah</a>
              <header class="site-header">
                <p class="site-name"><a href="/katalog">Katalog sociálních služeb</a> <span>KISSoS – Krajský informační systém sociálních služeb</span></p>
                <nav class="site-nav" aria-label="Hlavní navigace">
                  <ul>
                    <li><a href="/katalog">Hledat službu</a></li>
                    <li><a href="/">Mapa služeb</a></li>
                    <li><a href="/?vrstva=volna-mista">Volná místa</a></li>
                    <li><a href="/sprava.html">Přihlásit</a></li>
                  </ul>
                </nav>
              </header>
              <main id="obsah">
            {body}
              </main>
              <footer class="site-footer">
                <p>Údaje pocházejí z registru poskytovatelů sociálních služeb MPSV a od poskytovatelů.</p>
                <p class="print-only">Vytištěno z {AbsoluteUrl(request, head.CanonicalPath)}</p>
              </footer>
            </body>
            </html>
            """);
    }

    /// <summary>A page saying in Czech that something is not in the catalogue, with status 404.</summary>
    public static IResult NotFound(HttpRequest request, string title, string message) =>
        Result(request, new PageHead(title, message, request.Path), Html.Of($"""
            <h1>{title}</h1>
            <p>{message}</p>
            <p><a href="/katalog">Hledat v katalogu sociálních služeb</a></p>
            """), StatusCodes.Status404NotFound);
}
