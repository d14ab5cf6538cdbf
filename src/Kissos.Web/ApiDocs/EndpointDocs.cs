using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kissos.ApiDocs;

/// <summary>
/// What the OpenAPI document says about the public read endpoints and the main endpoints of staff and providers:
/// summary, description (shape of the answer, units, parameters) and the errors each may answer. Kept as data in one
/// place, so the features' route tables stay short; endpoints not in the table keep what they declare (e.g. HSDS).
/// </summary>
public static partial class EndpointDocs
{
    /// <summary>A documented endpoint: method and route as the document lists them, and the statuses of its errors.</summary>
    public sealed record Doc(string Summary, string Description, params int[] Errors);

    private const string Filter =
        "Filtry (všechny nepovinné): druh (kód druhu služby), forma (kód formy), cilova (kód cílové skupiny), kraj (NUTS3, např. CZ071), " +
        "orp (kód ORP ČSÚ), obec (šestimístný kód obce), q (text v názvu služby nebo poskytovatele). Neznámý parametr nebo kód je chyba 400.";

    public static readonly IReadOnlyDictionary<string, Doc> All = new Dictionary<string, Doc>
    {
        ["GET /api/territory/kraje"] = new("Kraje ČR (GeoJSON)",
            "FeatureCollection krajů v WGS84; vlastnosti nuts3, name. detail=true vrací plné hranice, jinak zjednodušené. ETag a 304.", 400),
        ["GET /api/territory/orp"] = new("Správní obvody ORP (GeoJSON)",
            "FeatureCollection ORP v WGS84, volitelně jen kraje (kraj=NUTS3); vlastnosti csuCode, name, krajNuts3. detail=true: plné hranice.", 400),
        ["GET /api/territory/obce"] = new("Obce kraje nebo ORP (GeoJSON)",
            "FeatureCollection obcí v WGS84 s počtem obyvatel; právě jeden z parametrů kraj nebo orp.", 400),
        ["GET /api/catalogue/taxonomy"] = new("Číselníky katalogu",
            "Druhy služeb, formy poskytování, cílové skupiny, věkové kategorie, typy kapacit (s jednotkou: lůžka, klienti, …) a nepříznivé situace."),
        ["GET /api/catalogue/services/{id}"] = new("Karta služby",
            "Služba s poskytovatelem (IČO), druhem, formami, kapacitami (počet v jednotce typu kapacity), cílovými skupinami, místy poskytování " +
            "(adresa, obec, WGS84 lat/lon ve stupních) a územní působností (kódy obcí a ORP).", 404),
        ["GET /api/catalogue/providers.csv"] = new("Poskytovatelé jako CSV",
            "Sloupce ico;nazev;pravni_forma;web;email;telefon, UTF-8 s BOM, středník (jak čte Excel)."),
        ["GET /api/catalogue/services.csv"] = new("Služby jako CSV",
            "Sloupce id;identifikator;nazev;ico;druh;formy;kapacity;… (README, „CSV“); seznamy oddělené |, kapacity forma:typ=počet."),
        ["GET /api/map/services"] = new("Služby na mapě (GeoJSON)",
            "FeatureCollection bodů míst poskytování (WGS84) s názvem, druhem, poskytovatelem a kapacitou. " + Filter + " bbox=západ,jih,východ,sever ve stupních.", 400),
        ["GET /api/map/services/{id}/catchment"] = new("Územní působnost služby (GeoJSON)",
            "Feature se sjednocením obcí a ORP působnosti (WGS84).", 404),
        ["GET /api/map/stats/orp"] = new("Kapacita po ORP (kartogram)",
            "FeatureCollection ORP s počtem služeb, kapacitou a kapacitou na 1 000 obyvatel. " + Filter, 400),
        ["GET /api/map/stats/obce"] = new("Kapacita po obcích (kartogram)",
            "Jako po ORP, po obcích jednoho kraje nebo ORP (parametr kraj nebo orp je povinný). " + Filter, 400),
        ["GET /api/map/demand/orp"] = new("Poptávka po ORP",
            "Počty čekajících žadatelů po ORP bydliště; malé počty (pod 5) jsou skryté.", 400),
        ["GET /api/map/demand/obce"] = new("Poptávka po obcích", "Jako po ORP, po obcích; malé počty skryté.", 400),
        ["GET /api/map/flows"] = new("Toky uživatelů mezi ORP", "Kolik uživatelů z ORP bydliště využívá služby v jiném ORP; malé počty skryté.", 400),
        ["GET /api/vacancies"] = new("Volná místa",
            "Zveřejněná platná volná místa (počet lůžek, od kdy, do kdy, cílová skupina, bezbariérovost, kontakt, WGS84). Filtry druh, kraj, orp, " +
            "obec, cilova, bezbarierove=true|false, near=lon,lat a radiusKm (kilometry).", 400),
        ["GET /api/vacancies/{id}"] = new("Jedno volné místo", "Volné místo podle id (UUID), jen zveřejněné a platné.", 404),
        ["GET /tiles/{layer}.json"] = new("TileJSON vrstvy", "TileJSON 3.0 vektorové vrstvy (obce, services, …) s adresou dlaždic a rozsahem zoomu.", 404),
        ["GET /tiles/{layer}/{z}/{x}/{y}.mvt"] = new("Vektorová dlaždice (MVT)",
            "Mapbox Vector Tile v Web Mercator (EPSG:3857); parametr v je verze dat (neměnné URL, dlouhé cachování).", 400, 404),
        ["GET /ogc"] = new("OGC API Features: vstupní stránka", "Odkazy na definici API, třídy shody a kolekce; f=json|html."),
        ["GET /ogc/conformance"] = new("OGC API Features: třídy shody", "Seznam podporovaných tříd shody (Part 1 Core, GeoJSON, HTML, OAS30, Part 2 CRS)."),
        ["GET /ogc/api"] = new("OGC API Features: definice API", "Vlastní OpenAPI 3.0 popis rozhraní OGC API Features."),
        ["GET /ogc/collections"] = new("OGC API Features: kolekce", "Kolekce (kraje, ORP, obce, služby, místa, působnost) s rozsahem a CRS."),
        ["GET /ogc/collections/{collectionId}"] = new("OGC API Features: kolekce", "Popis jedné kolekce.", 404),
        ["GET /ogc/collections/{collectionId}/items"] = new("OGC API Features: prvky kolekce",
            "GeoJSON prvky po stránkách (limit, kurzor v odkazu next), bbox, crs a bbox-crs (výchozí CRS84, též EPSG:5514 v metrech), filtry vlastností.", 400, 404),
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = new("OGC API Features: jeden prvek", "Jeden prvek kolekce jako GeoJSON.", 400, 404),
        ["POST /api/account/login"] = new("Přihlášení",
            "Tělo {email, password}; odpověď nastaví cookie relace. Po 5 chybných pokusech je účet na 10 minut zamčen.", 400, 401),
        ["GET /api/account/me"] = new("Přihlášený účet", "E-mail, jméno, role a vazby (IČO, obec, kraj).", 401),
        ["GET /api/account/antiforgery"] = new("Token proti CSRF", "Token a název hlavičky (X-XSRF-TOKEN), kterou musí nést každý zapisující požadavek."),
        ["GET /api/my/services"] = new("Moje služby", "Služby, které účet smí měnit (poskytovatel: svoje IČO; kraj: služby s místem v kraji).", 401, 403),
        ["GET /api/my/services/{id}"] = new("Služba k úpravě", "Karta služby s verzí pro souběžné úpravy.", 401, 403, 404),
        ["PUT /api/my/services/{id}"] = new("Uložení služby",
            "Celá karta služby s verzí; 409, když ji mezitím změnil někdo jiný; 400 s chybami po polích (errors).", 400, 401, 403, 404, 409),
        ["GET /api/my/vacancies"] = new("Moje volná místa", "Volná místa služeb účtu (u kraje jen v jeho kraji).", 401, 403),
        ["POST /api/my/vacancies"] = new("Zveřejnění volného místa", "Počet míst (lůžek), od kdy, do kdy, popis a kontakt; chyby po polích.", 400, 401, 403),
        ["PUT /api/my/vacancies/{id}"] = new("Změna volného místa", "Jako zveřejnění, s verzí; 409 při souběžné změně.", 400, 401, 403, 404, 409),
        ["DELETE /api/my/vacancies/{id}"] = new("Stažení volného místa", "Volné místo přestane být veřejné.", 401, 403, 404),
        ["GET /api/audit"] = new("Auditní záznam", "Změny (kdo, kdy, entita, staré a nové hodnoty); kraj vidí jen svůj kraj.", 401, 403),
        ["POST /api/my/registers/applicants"] = new("Import pořadníku žadatelů (CSV)",
            "Tělo je CSV (UTF-8 nebo Windows-1250); vše, nebo nic: 400 s polem rows (line, message) pro každý chybný řádek.", 400, 401, 403),
        ["POST /api/my/registers/users"] = new("Import uživatelů služeb (CSV)", "Jako import žadatelů.", 400, 401, 403),
        ["GET /api/staff/catalogue/services.csv"] = new("Export služeb kraje (CSV)",
            "Služby s místem poskytování v kraji účtu (správce: všechny), ve formátu importu.", 401, 403),
        ["POST /api/staff/catalogue/services.csv"] = new("Import služeb (CSV)",
            "Tělo je CSV služeb (UTF-8 nebo Windows-1250, ?charset=); vše, nebo nic: 400 s polem rows (line, message). Kraj mění jen služby " +
            "s místem ve svém kraji; nové služby zakládá správce.", 400, 401, 403),
        ["GET /api/staff/catalogue/providers.csv"] = new("Export poskytovatelů kraje (CSV)",
            "Poskytovatelé se službou v kraji účtu (správce: všichni), ve formátu importu.", 401, 403),
        ["POST /api/staff/catalogue/providers.csv"] = new("Import poskytovatelů (CSV)",
            "Jako import služeb; kraj mění jen poskytovatele, kteří mají službu v jeho kraji.", 400, 401, 403),
    };

    /// <summary>Puts the table's texts and error answers into the operations of the document.</summary>
    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        if (!All.TryGetValue(Key(context.Description.HttpMethod!, context.Description.RelativePath!), out var doc)) return Task.CompletedTask;
        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        operation.Responses ??= new OpenApiResponses();
        foreach (var status in doc.Errors)
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse
            {
                Description = ErrorText(status),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            });
        return Task.CompletedTask;
    }

    /// <summary>"GET /api/vacancies/{id}" for GET and "api/vacancies/{id:guid}/": no constraints, no trailing slash.</summary>
    public static string Key(string method, string route) => $"{method} /{RouteConstraint().Replace(route.Trim('/'), "{$1}")}";

    [GeneratedRegex(@"\{(\w+):[^}]*\}")]
    private static partial Regex RouteConstraint();

    private static string ErrorText(int status) => status switch
    {
        400 => "Chybný požadavek: problem details (RFC 7807) v češtině, chybné parametry v poli errors, chybné řádky importu v poli rows.",
        401 => "Nepřihlášen.",
        403 => "Účet k akci nemá oprávnění (mimo svůj rozsah).",
        404 => "Nenalezeno.",
        409 => "Záznam mezitím změnil někdo jiný (verze nesouhlasí); odpověď nese aktuální stav.",
        _ => $"HTTP {status}",
    };
}
