using Kissos.Catalogue;

namespace Kissos.PublicCatalogue;

/// <summary>Pieces of HTML the provider and service pages share.</summary>
public static class CatalogueFragments
{
    public static string ServiceUrl(string id) => "/sluzba/" + Uri.EscapeDataString(id);

    public static string ProviderUrl(string ico) => "/poskytovatel/" + Uri.EscapeDataString(ico);

    public static Html Capacity(CapacityView c) =>
        Html.Of($"{c.FormName} – {c.TypeName.ToLower(Html.Czech)}: <strong>{c.Amount}</strong> (jednotka: {c.Unit})");

    public static Html Place(PlaceView p) => Html.Of($"<strong>{p.FacilityName}</strong>, {p.Address}");

    public static Html Date(DateOnly date) => Html.Of($"{date:d. M. yyyy}");

    /// <summary>Rows of a definition list; a row whose value is empty is left out.</summary>
    public static Html Facts(params (string Term, Html Value)[] rows) => Html.Of($"""
        <dl class="facts">{Html.Join(rows.Where(r => !string.IsNullOrEmpty(r.Value.Value)).Select(r => Html.Of($"<dt>{r.Term}</dt><dd>{r.Value}</dd>")))}</dl>
        """);

    public static Html Comma(IEnumerable<string> items) => Html.Text(string.Join(", ", items));

    public static Html Places(IReadOnlyList<PlaceView> places) => places.Count == 0
        ? Html.Of($"<p class=\"no-place\">bez místa poskytování (služba uvádí jen kontaktní adresu)</p>")
        : Html.List(places, p => p.Lat is { } lat && p.Lon is { } lon
            ? Html.Of($"<span class=\"place\" data-lat=\"{lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" data-lon=\"{lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" data-name=\"{p.FacilityName}\">{Place(p)}</span>")
            : Place(p), cssClass: "places");

    public static Html Catchment(ServiceView s) => s.CatchmentOrp.Count + s.CatchmentObce.Count == 0
        ? Html.Text("neuvedena")
        : Html.Join(new[]
        {
            s.CatchmentOrp.Count == 0 ? Html.Empty : Html.Of($"<p>ORP: {Comma(s.CatchmentOrp)}</p>"),
            s.CatchmentObce.Count == 0 ? Html.Empty : Html.Of($"<p>Obce ({s.CatchmentObce.Count}): {Comma(s.CatchmentObce)}</p>"),
        });

    public static Html VacanciesSummary(ServiceView s) => s.Vacancies.Count == 0
        ? Html.Text("žádná zveřejněná")
        : Html.Of($"<strong>{s.Vacancies.Sum(v => v.Places)}</strong> (zveřejněno {s.Vacancies.Count}×)");

    public static Html VacancyList(IReadOnlyList<VacancyView> vacancies) => vacancies.Count == 0
        ? Html.Of($"<p>Poskytovatel nyní nezveřejnil žádné volné místo.</p>")
        : Html.List(vacancies, v => Html.Of($"""
            <strong>{v.Places}</strong> {(v.Places == 1 ? "volné místo" : v.Places < 5 ? "volná místa" : "volných míst")} – {v.FacilityName},
            od {Date(v.AvailableFrom)}, zveřejněno do {Date(v.ValidUntil)}{(v.TargetGroup is null ? "" : ", pro: " + v.TargetGroup)}{(v.BarrierFree ? ", bezbariérové" : "")}.
            {v.Description} Kontakt: {v.ContactName}{(v.ContactPhone is null ? "" : ", " + v.ContactPhone)}{(v.ContactEmail is null ? "" : ", " + v.ContactEmail)}
            """), cssClass: "vacancies");

    public static Html Contacts(IEnumerable<string> webs, IEnumerable<string> emails, IEnumerable<string> phones) => Html.Join(
        webs.Select(w => Html.Of($"<a href=\"{WebUrl(w)}\" rel=\"nofollow\">{w}</a>"))
            .Concat(emails.Select(e => Html.Of($"<a href=\"mailto:{e}\">{e}</a>")))
            .Concat(phones.Select(p => Html.Of($"<a href=\"tel:{p.Replace(" ", "")}\">{p}</a>"))), ", ");

    /// <summary>A web address as a link: registry entries often lack the scheme; anything but http(s) is not linked as given.</summary>
    public static string WebUrl(string web) =>
        web.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || web.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? web : "https://" + web.TrimStart('/');

    public static Html Network(bool? inNetwork) => Html.Text(inNetwork switch
    {
        true => "ano, služba je v síti sociálních služeb kraje",
        false => "ne",
        null => "neuvedeno",
    });

    public static Html LastChange(LastChange change) => change.At is { } at
        ? Html.Of($"{at.ToLocalTime():d. M. yyyy} – zdroj: {change.Source}")
        : Html.Of($"zdroj: {change.Source}");
}
