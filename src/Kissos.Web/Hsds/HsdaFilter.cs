using System.Globalization;
using System.Text.Json.Nodes;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;

namespace Kissos.Hsds;

/// <summary>
/// The filters HSDA 3.0 defines for its lists, all of them together (AND): <c>search</c> (the catalogue's full-text
/// search: diacritics and case folded, every word a prefix, in any order), <c>modified_after</c> (the service's last
/// change, <see cref="HsdsCatalogue.LastModified"/>, on or after an ISO 8601 date-time), <c>taxonomy_term_id</c> and
/// <c>taxonomy_id</c> (an attribute of the service, or of the service at the location, with that term or with a term
/// of that taxonomy: druh, forma, cílová skupina, věková kategorie, kapacita, volná místa) and <c>organization_id</c>.
/// A service at a location is filtered by its service; an organization (search only, as HSDA's document says) is
/// found when one of its services is.
/// </summary>
public sealed class HsdaFilter
{
    public const int MaxSearchLength = 100;

    /// <summary>The filters of /services and /service_at_locations.</summary>
    public static readonly string[] ServiceFilters = ["search", "modified_after", "taxonomy_term_id", "taxonomy_id", "organization_id"];

    /// <summary>The filters of /organizations.</summary>
    public static readonly string[] OrganizationFilters = ["search"];

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private readonly string? _search;
    private readonly DateTimeOffset? _modifiedAfter;
    private readonly Guid? _term;
    private readonly Guid? _taxonomy;
    private readonly Guid? _organization;

    private HsdaFilter(QueryParameters query)
    {
        _search = query.Get("search");
        if (_search is { Length: > MaxSearchLength })
            query.AddError("search", $"Hledaný text je delší než {MaxSearchLength} znaků.");
        _modifiedAfter = DateTime(query, "modified_after");
        _term = Uuid(query, "taxonomy_term_id");
        _taxonomy = Uuid(query, "taxonomy_id");
        _organization = Uuid(query, "organization_id");
    }

    /// <summary>Reads the filters (only those the list allows reach here: QueryParameters refuses the rest).</summary>
    public static HsdaFilter Parse(QueryParameters query) => new(query);

    private static Guid? Uuid(QueryParameters query, string name)
    {
        if (query.Get(name) is not { } value) return null;
        if (Guid.TryParse(value, out var id)) return id;
        query.AddError(name, $"'{value}' není UUID.");
        return null;
    }

    private static DateTimeOffset? DateTime(QueryParameters query, string name)
    {
        if (query.Get(name) is not { } value) return null;
        // An unencoded '+' of an offset arrives as a space; an ISO 8601 date-time has no other.
        if (DateTimeOffset.TryParseExact(value.Replace(' ', '+'), DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) && at.Year is >= 1900 and < 2200)
            return at;
        query.AddError(name, $"'{value}' není datum a čas podle ISO 8601 (např. 2026-11-30T12:00:00Z nebo 2026-11-30T13:00:00+01:00; bez posunu jde o UTC).");
        return null;
    }

    /// <summary>
    /// Which rows of <paramref name="table"/> the filters keep. An id of a taxonomy or term the catalogue does not have
    /// is an error of <paramref name="query"/> (a typo would otherwise just find nothing).
    /// </summary>
    public async Task<Func<JsonObject, bool>> PredicateAsync(HsdsCatalogue catalogue, HsdsTable table, QueryParameters query, KissosDb db, CancellationToken ct)
    {
        var linked = LinkedToTerms(catalogue, query);
        var found = _search is not null && TextSearch.Condition(_search) is { } text
            ? (await Sql.ScalarAsync<string[]>(db, $"SELECT coalesce(array_agg(s.id), '{{}}') FROM catalogue.service s WHERE {text.Sql}", text.Parameters, ct) ?? [])
                .Select(id => HsdsIds.Of("service", id)).ToHashSet()
            : null;
        var services = catalogue.Rows(HsdsTables.Service).ToDictionary(r => HsdsCatalogue.IdOf(r, "id")!.Value);

        bool Service(Guid id, Guid? atLocation)
        {
            var service = services[id];
            return (found is null || found.Contains(id))
                && (_modifiedAfter is null || catalogue.LastModified(id) >= _modifiedAfter)
                && (_organization is null || HsdsCatalogue.IdOf(service, "organization_id") == _organization)
                && linked.All(records => records.Contains(id) || (atLocation is { } sal && records.Contains(sal)));
        }

        if (table == HsdsTables.Organization)
        {
            var organizations = services.Where(s => Service(s.Key, null)).Select(s => HsdsCatalogue.IdOf(s.Value, "organization_id")).ToHashSet();
            return row => found is null || organizations.Contains(HsdsCatalogue.IdOf(row, "id"));
        }
        if (table == HsdsTables.ServiceAtLocation)
            return row => Service(HsdsCatalogue.IdOf(row, "service_id")!.Value, HsdsCatalogue.IdOf(row, "id"));
        return row => Service(HsdsCatalogue.IdOf(row, "id")!.Value, null);
    }

    /// <summary>
    /// Per chosen taxonomy filter, the records (link_id) with an attribute of that term, or of a term of that taxonomy;
    /// a service (at a location) passes each when it or its service at the location is among them.
    /// </summary>
    private List<HashSet<Guid?>> LinkedToTerms(HsdsCatalogue catalogue, QueryParameters query)
    {
        var terms = catalogue.Rows(HsdsTables.TaxonomyTerm).ToDictionary(t => HsdsCatalogue.IdOf(t, "id")!.Value, t => HsdsCatalogue.IdOf(t, "taxonomy_id"));
        if (_term is { } term && !terms.ContainsKey(term))
            query.AddError("taxonomy_term_id", $"Termín taxonomie {term} v katalogu není (termíny jsou v tabulce taxonomy_term datového balíčku).");
        if (_taxonomy is { } taxonomy && !terms.ContainsValue(taxonomy))
            query.AddError("taxonomy_id", $"Taxonomie {taxonomy} v katalogu není (taxonomie jsou v tabulce taxonomy datového balíčku).");
        HashSet<Guid?> With(Func<Guid, bool> chosen) => catalogue.Rows(HsdsTables.Attribute)
            .Where(a => chosen(HsdsCatalogue.IdOf(a, "taxonomy_term_id")!.Value)).Select(a => HsdsCatalogue.IdOf(a, "link_id")).ToHashSet();
        List<HashSet<Guid?>> linked = [];
        if (_term is { } t) linked.Add(With(id => id == t));
        if (_taxonomy is { } x) linked.Add(With(id => terms[id] == x));
        return linked;
    }
}
