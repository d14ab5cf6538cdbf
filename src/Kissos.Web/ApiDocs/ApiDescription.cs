using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Kissos.ApiDocs;

/// <summary>
/// The description of the JSON API: an OpenAPI 3.1 document at <c>/openapi/v1.json</c> made by ASP.NET Core from the
/// endpoints (their doc comments, summaries, descriptions and declared answers), and a reference page at
/// <c>/scalar</c> whose script is served by the app itself (Scalar's assets are embedded in its package: no CDN).
/// </summary>
public static class ApiDescription
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    public static IServiceCollection AddKissosApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddOperationTransformer(EndpointDocs.Apply).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "KISSoS API",
                Version = "v1",
                Description =
                    "JSON API Krajského informačního systému sociálních služeb. Veřejné čtení (katalog, mapa, území, " +
                    "dlaždice, OGC API Features, HSDA) nevyžaduje přihlášení a odpovídá i na požadavky z jiných webů (CORS). " +
                    "Ostatní koncové body vyžadují přihlášení cookie a u změn hlavičku X-XSRF-TOKEN (GET /api/account/antiforgery). " +
                    "Chyby jsou problem details podle RFC 7807 v češtině (application/problem+json); chybné parametry dotazu " +
                    "uvádí pole errors (parametr → zprávy), zamítnuté importy pole rows (řádek → zpráva). " +
                    "Souřadnice jsou WGS84 (EPSG:4326, stupně), není-li uvedeno jinak; kapacity v jednotkách svého typu (lůžka, klienti, …).",
            };
            return Task.CompletedTask;
        }));

    public static void MapKissosApiDescription(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath);
        routes.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("KISSoS API – referenční dokumentace")
            .WithOpenApiRoutePattern(DocumentPath)
            // Nothing leaves the site: no web fonts, no telemetry, no proxy, no AI agent.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
    }
}
