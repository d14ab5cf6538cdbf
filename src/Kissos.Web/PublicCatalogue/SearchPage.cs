using Kissos.Map;
using static Kissos.PublicCatalogue.CatalogueFragments;

namespace Kissos.PublicCatalogue;

/// <summary>The search page (/katalog): a GET form, facets as links with counts, results and paging; no script needed.</summary>
public static class SearchPage
{
    private static readonly (string Name, string Title)[] FacetTitles =
    [
        ("druh", "Druh služby"), ("forma", "Forma poskytování"), ("cilova", "Cílová skupina"), ("vek", "Věková kategorie"),
        ("kraj", "Kraj"), ("orp", "Obec s rozšířenou působností"), ("obec", "Obec"),
        ("volne", "Volná místa"), ("bezbarierove", "Bezbariérovost"),
    ];

    /// <summary>The chosen filters as query parameters, in a fixed order (the canonical URL).</summary>
    public static SortedDictionary<string, string> State(ServiceFilter f)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string? value) { if (value is not null) state[name] = value; }
        Set("q", f.Text); Set("druh", f.Druh); Set("forma", f.Forma); Set("cilova", f.Cilova); Set("vek", f.Vek);
        Set("kraj", f.Kraj); Set("orp", f.Orp); Set("obec", f.Obec);
        Set("volne", f.Vacancy ? "true" : null); Set("bezbarierove", f.BarrierFreeVacancy ? "true" : null);
        return state;
    }

    /// <summary>/katalog with the state changed: a wider territory drops the narrower choices in it; paging starts again.</summary>
    public static string Url(IReadOnlyDictionary<string, string> state, string? name = null, string? value = null, int page = 1)
    {
        var next = new SortedDictionary<string, string>(state.ToDictionary(), StringComparer.Ordinal);
        if (name is not null)
        {
            if (value is null) next.Remove(name); else next[name] = value;
            if (name == "kraj") { next.Remove("orp"); next.Remove("obec"); }
            if (name == "orp") next.Remove("obec");
        }
        if (page > 1) next["strana"] = page.ToString(Html.Czech);
        return next.Count == 0 ? "/katalog" : "/katalog?" + string.Join("&", next.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
    }

    public static IResult Render(HttpRequest request, ServiceFilter filter, int page, SearchResult? result, IReadOnlyDictionary<string, string[]> errors)
    {
        var state = State(filter);
        var title = filter.Text is { } q ? $"Hledání „{q}“" : "Hledat sociální službu";
        var head = new PageHead(title,
            "Vyhledávání v katalogu sociálních služeb: podle názvu služby, poskytovatele, IČO nebo obce, s výběrem druhu, formy, cílové skupiny, území a volných míst.",
            Url(state, page: page));
        var body = Html.Of($"""
            <h1>Katalog sociálních služeb</h1>
            <form class="search-form" method="get" action="/katalog" role="search">
              <label for="q">Hledat službu, poskytovatele, IČO nebo obec</label>
              <div class="search-row">
                <input id="q" name="q" type="search" maxlength="100" value="{filter.Text}" placeholder="např. domov pro seniory Přerov">
                {Html.Join(state.Where(kv => kv.Key != "q").Select(kv => Html.Of($"<input type=\"hidden\" name=\"{kv.Key}\" value=\"{kv.Value}\">")))}
                <button type="submit">Hledat</button>
              </div>
            </form>
            {(errors.Count == 0 ? Html.Empty : Html.Of($"<div class=\"errors\" role=\"alert\"><h2>Dotaz nelze provést</h2>{Html.List(errors.SelectMany(e => e.Value), Html.Text)}<p><a href=\"/katalog\">Začít znovu</a></p></div>"))}
            {(result is null ? Html.Empty : Results(filter, state, page, result))}
            """);
        return CataloguePage.Result(request, head, body, errors.Count == 0 ? 200 : 400);
    }

    private static Html Results(ServiceFilter filter, SortedDictionary<string, string> state, int page, SearchResult result)
    {
        var pages = Math.Max(1, (result.Total + CatalogueSearch.PageSize - 1) / CatalogueSearch.PageSize);
        var mapState = state.Where(kv => kv.Key is "druh" or "forma" or "cilova" or "vek" or "kraj" or "orp" or "obec" or "q").ToList();
        var mapUrl = "/" + (mapState.Count == 0 ? "" : "?" + string.Join("&", mapState.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}")));
        return Html.Of($"""
            <div class="catalogue-layout">
              <aside class="facets" aria-labelledby="facets-heading">
                <h2 id="facets-heading">Zúžit výsledky</h2>
                {Html.Join(FacetTitles.Where(t => result.Facets.ContainsKey(t.Name)).Select(t => FacetSection(t.Name, t.Title, result.Facets[t.Name], state)))}
              </aside>
              <section class="results" aria-labelledby="results-heading">
                <h2 id="results-heading" data-total="{result.Total}">Nalezeno: {result.Total} {(result.Total == 1 ? "služba" : result.Total is >= 2 and <= 4 ? "služby" : "služeb")}</h2>
                <p class="map-link"><a href="{mapUrl}">Zobrazit na mapě</a></p>
                {Html.List(result.Items, Item, tag: "ol", cssClass: "results-list")}
                {Paging(state, page, pages)}
              </section>
            </div>
            """);
    }

    private static Html FacetSection(string name, string title, FacetValue[] values, IReadOnlyDictionary<string, string> state)
    {
        if (values.Length == 0) return Html.Empty;
        var chosen = state.GetValueOrDefault(name);
        return Html.Of($"""
            <section class="facet" data-facet="{name}">
              <h3>{title}</h3>
              {Html.List(values, v => v.Code == chosen
                  ? Html.Of($"<strong aria-current=\"true\">{v.Name} <span class=\"count\">({v.Count})</span></strong> <a class=\"remove\" href=\"{Url(state, name)}\" aria-label=\"Zrušit výběr {v.Name}\">zrušit</a>")
                  : Html.Of($"<a href=\"{Url(state, name, v.Code)}\" data-code=\"{v.Code}\">{v.Name} <span class=\"count\">({v.Count})</span></a>"))}
            </section>
            """);
    }

    private static Html Item(SearchItem item) => Html.Of($"""
        <article class="result" data-id="{item.Id}">
          <h3><a href="{ServiceUrl(item.Id)}">{item.Name}</a></h3>
          <p class="result-kind">{item.Druh} · {string.Join(", ", item.Forms).ToLower(Html.Czech)} · {Place(item)}</p>
          <p>Poskytovatel: <a href="{ProviderUrl(item.Ico)}">{item.ProviderName}</a> (IČO {item.Ico}){(item.Vacancies > 0 ? Html.Of($" · <strong class=\"vacancy\">volná místa: {item.Vacancies}</strong>") : Html.Empty)}</p>
        </article>
        """);

    private static string Place(SearchItem item) => item switch
    {
        { Obce: { Length: > 0 } obce } => string.Join(", ", obce),
        { ContactObec: { } obec } => $"bez místa poskytování ({obec})",
        _ => "bez místa poskytování",
    };

    private static Html Paging(IReadOnlyDictionary<string, string> state, int page, int pages) => pages <= 1 ? Html.Empty : Html.Of($"""
        <nav class="paging" aria-label="Stránkování">
          {(page > 1 ? Html.Of($"<a rel=\"prev\" href=\"{Url(state, page: page - 1)}\">‹ Předchozí</a>") : Html.Empty)}
          <span>Strana {page} z {pages}</span>
          {(page < pages ? Html.Of($"<a rel=\"next\" href=\"{Url(state, page: page + 1)}\">Další ›</a>") : Html.Empty)}
        </nav>
        """);
}
