using Kissos.Catalogue;
using static Kissos.PublicCatalogue.CatalogueFragments;

namespace Kissos.PublicCatalogue;

/// <summary>The provider page (/poskytovatel/{ico}) and the service page (/sluzba/{id}).</summary>
public static class DetailPages
{
    /// <summary>schema.org data of a provider: an organisation with its IČO.</summary>
    public static object Organization(HttpRequest request, Provider p) => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Organization",
        ["@id"] = CataloguePage.AbsoluteUrl(request, ProviderUrl(p.Ico)),
        ["name"] = p.Name,
        ["legalName"] = p.Name,
        ["taxID"] = p.Ico,
        ["identifier"] = new Dictionary<string, string> { ["@type"] = "PropertyValue", ["propertyID"] = "IČO", ["value"] = p.Ico },
        ["url"] = p.Web is null ? null : WebUrl(p.Web),
        ["email"] = p.Email,
        ["telephone"] = p.Phone,
    }.Where(kv => kv.Value is not null).ToDictionary();

    public static IResult Provider(HttpRequest request, Provider provider, IReadOnlyList<ServiceView> services)
    {
        var current = services.Count(s => !s.Ended);
        var head = new PageHead(
            $"{provider.Name} (IČO {provider.Ico})",
            $"{provider.Name}, IČO {provider.Ico}: poskytovatel sociálních služeb, {current} registrovaných služeb – druhy, kapacity, místa poskytování a volná místa.",
            ProviderUrl(provider.Ico), Organization(request, provider));
        var body = Html.Of($"""
            <nav class="breadcrumbs" aria-label="Drobečková navigace"><a href="/katalog">Katalog</a> › poskytovatel</nav>
            <h1>{provider.Name}</h1>
            {Facts(
                ("IČO", Html.Text(provider.Ico)),
                ("Právní forma", Html.Text(provider.LegalForm ?? "neuvedena")),
                ("Kontakty", Contacts(provider.Web is null ? [] : [provider.Web], provider.Email is null ? [] : [provider.Email], provider.Phone is null ? [] : [provider.Phone])),
                ("Služby", Html.Of($"{current} registrovaných")))}
            <h2>Sociální služby poskytovatele</h2>
            {Html.Join(services.Select(ServiceSection))}
            """);
        return CataloguePage.Result(request, head, body);
    }

    private static Html ServiceSection(ServiceView s) => Html.Of($"""
        <section class="service-summary" aria-labelledby="sluzba-{s.Service.Id}">
          <h3 id="sluzba-{s.Service.Id}"><a href="{ServiceUrl(s.Service.Id)}">{s.Service.Name}</a>{(s.Ended ? " (registrace ukončena)" : "")}</h3>
          {Facts(
              ("Druh služby", Html.Text(s.Druh.Name)),
              ("Formy poskytování", Comma(s.Forms)),
              ("Kapacita", Html.List(s.Capacities, Capacity)),
              ("Místa poskytování", Places(s.Places)),
              ("Územní působnost", Catchment(s)),
              ("Volná místa nyní", VacanciesSummary(s)))}
        </section>
        """);

    public static IResult Service(HttpRequest request, ServiceView s)
    {
        var service = s.Service;
        var where = s.Places.Select(p => p.Obec).Distinct().ToList();
        var head = new PageHead(
            string.Equals(service.Name, s.Druh.Name, StringComparison.CurrentCultureIgnoreCase) ? service.Name : $"{service.Name} – {s.Druh.Name}",
            $"{service.Name}: {s.Druh.Name} ({string.Join(", ", s.Forms).ToLower(Html.Czech)}), poskytovatel {s.Provider.Name}" +
            (where.Count > 0 ? $", {string.Join(", ", where)}." : "."),
            ServiceUrl(service.Id),
            new Dictionary<string, object?>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Service",
                ["name"] = service.Name,
                ["serviceType"] = s.Druh.Name,
                ["description"] = service.Description,
                ["provider"] = Organization(request, s.Provider),
                ["areaServed"] = s.CatchmentOrp.Concat(s.CatchmentObce).Select(n => new Dictionary<string, string> { ["@type"] = "AdministrativeArea", ["name"] = n }).ToList(),
            }.Where(kv => kv.Value is not null).ToDictionary());
        var mapped = s.Places.Any(p => p.Lat is not null) || service.CatchmentGeom is not null;
        var body = Html.Of($"""
            <nav class="breadcrumbs" aria-label="Drobečková navigace"><a href="/katalog">Katalog</a> › <a href="{ProviderUrl(s.Provider.Ico)}">{s.Provider.Name}</a> › služba</nav>
            <h1>{service.Name}</h1>
            {(s.Ended ? Html.Of($"<p class=\"notice\">Registrace služby skončila {Date(service.ValidTo!.Value)}.</p>") : Html.Empty)}
            {Facts(
                ("Druh služby", Html.Of($"{s.Druh.Name}{(s.Druh.Paragraph is null ? "" : " (" + s.Druh.Paragraph + " zákona č. 108/2006 Sb.)")}")),
                ("Poskytovatel", Html.Of($"<a href=\"{ProviderUrl(s.Provider.Ico)}\">{s.Provider.Name}</a>, IČO {s.Provider.Ico}")),
                ("Identifikátor v registru", Html.Text(service.Identifier)),
                ("Formy poskytování", Comma(s.Forms)),
                ("Kapacita", Html.List(s.Capacities, Capacity)),
                ("Cílové skupiny", Html.List(s.TargetGroups, Html.Text)),
                ("Věkové kategorie", Html.List(s.AgeCategories, Html.Text)),
                ("V síti sociálních služeb kraje", Network(service.InRegionalNetwork)),
                ("Registrace", Html.Of($"{(service.ValidFrom is { } from ? "od " + from.ToString("d. M. yyyy", Html.Czech) : "")}{(service.ValidTo is { } to ? " do " + to.ToString("d. M. yyyy", Html.Czech) : "")}")),
                ("Kontakty", Contacts(service.Webs, service.Emails, service.Phones)),
                ("Poslední změna údajů", LastChange(s.LastChange)))}
            {(service.Description is { Length: > 0 } d ? Html.Of($"<h2>Popis služby</h2><p class=\"description\">{d}</p>") : Html.Empty)}
            <h2>Místa poskytování</h2>
            {Places(s.Places)}
            {(mapped ? Html.Of($"<div id=\"service-map\" class=\"service-map\" data-service=\"{service.Id}\" data-catchment=\"{(service.CatchmentGeom is null ? "" : "true")}\" role=\"img\" aria-label=\"Mapa míst poskytování a územní působnosti\" hidden></div>") : Html.Empty)}
            <h2>Územní působnost</h2>
            {Catchment(s)}
            <h2>Volná místa nyní</h2>
            {VacancyList(s.Vacancies)}
            """);
        var scripts = mapped
            ? Html.Of($"""
                <link rel="stylesheet" href="/lib/leaflet/leaflet.css">
                  <script src="/lib/leaflet/leaflet.js" defer></script>
                  <script src="/js/katalog-map.js" type="module"></script>
                """)
            : Html.Empty;
        return CataloguePage.Result(request, head, body, scripts: scripts);
    }
}
