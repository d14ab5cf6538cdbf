using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.PublicCatalogue;

/// <summary>One service in the search results: Obce of its places (null without any), ContactObec of its contact address.</summary>
public sealed record SearchItem(
    string Id, string Name, string Druh, string ProviderName, string Ico, string[] Forms, string[]? Obce, string? ContactObec, int Vacancies);

/// <summary>A value of a facet and how many services the search would find with it chosen.</summary>
public sealed record FacetValue(string Code, string Name, int Count);

/// <summary>One page of results, their total, and the counts of every facet.</summary>
public sealed record SearchResult(int Total, IReadOnlyList<SearchItem> Items, IReadOnlyDictionary<string, FacetValue[]> Facets);

/// <summary>
/// The catalogue's search: the map's ServiceFilter (same conditions, so the same services as the map for the same
/// filters), over services with or without a place of provision, one row per service. A facet's counts apply every
/// chosen filter except its own, so each count is the number of results choosing that value would give.
/// </summary>
public static class CatalogueSearch
{
    public const int PageSize = 20;

    /// <summary>The catalogue's query parameters: the map's filters without bbox, the vacancy filters, and the page.</summary>
    public static readonly string[] Names = [.. ServiceFilter.Names.Where(n => n != "bbox"), "volne", "bezbarierove", "strana"];

    /// <summary>
    /// Every service with each of its places, or once with null places when it has none, counted in the obec of its
    /// contact address if known (aliases as in MapSql.ServicesAtPlaces, but pr).
    /// </summary>
    public const string ServicesWithOrWithoutPlaces =
        """
        catalogue.service s
        LEFT JOIN catalogue.service_place sp ON sp.service_id = s.id
        LEFT JOIN catalogue.place p ON p.id = sp.place_id
        LEFT JOIN territory.obec o ON o.code = coalesce(p.obec_code, s.contact_obec_code)
        LEFT JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        """;

    /// <summary>A vacancy the public sees now (as the vacancy layer shows it), over the alias v.</summary>
    public const string PublicVacancy = "v.withdrawn_at IS NULL AND v.valid_until >= current_date";

    /// <summary>
    /// The state public answers made of the catalogue and its vacancies are kept under: the data version, the day and a
    /// fingerprint of the public vacancies (they change without a data version). Each public vacancy's id and row version
    /// (xmin moves on every update) are hashed together; count and xor change with any publish, edit or withdrawal.
    /// </summary>
    public const string StateSql =
        $"""
        SELECT (SELECT version FROM common.data_version) || '/' || current_date || '/' || count(*) || '/'
               || coalesce(bit_xor(hashtextextended(v.id::text || '/' || v.xmin::text, 0)), 0)
        FROM vacancies.vacancy v WHERE {PublicVacancy}
        """;

    private const string Czech = "COLLATE \"cs-CZ-x-icu\"";

    /// <summary>
    /// A facet: its parameter; the value a counted row gives (over m: per_service for a facet of the service, found
    /// for a facet of its places: kraj, ORP, obec); the table naming the values (alias x, joined on x.code); the
    /// label and order over x; the filters it ignores (its own, and the narrower territory within it); and what else
    /// a counted row must be.
    /// </summary>
    private sealed record Facet(
        string Name, string Value, string Labels, string Label, string Order, string[] Ignores, string Requires = "true", bool OfPlaces = false);

    private static readonly Facet[] Facets =
    [
        new("druh", "m.druh_code", "catalogue.druh", "x.name", $"x.name {Czech}", ["druh"]),
        new("forma", "unnest(m.forms)", "catalogue.forma", "x.name", "x.code", ["forma"]),
        new("cilova", "unnest(m.target_groups)", "catalogue.target_group", "x.name", $"x.name {Czech}", ["cilova"]),
        new("vek", "unnest(m.age_categories)", "catalogue.age_category", "x.name", "x.sort_order", ["vek"]),
        new("kraj", "m.kraj_nuts3", "(SELECT nuts3 AS code, name FROM territory.kraj)", "x.name", $"x.name {Czech}", ["kraj", "orp", "obec"], OfPlaces: true),
        new("orp", "m.orp_code", "(SELECT csu_code AS code, name FROM territory.orp)", "x.name", $"x.name {Czech}", ["orp", "obec"], OfPlaces: true),
        new("obec", "m.obec_code", "territory.obec", "x.name", $"x.name {Czech}", ["obec"], OfPlaces: true),
        new("volne", "'true'", "(SELECT 'true' AS code)", "'má volné místo'", "1", ["volne"], "m.has_vacancy"),
        new("bezbarierove", "'true'", "(SELECT 'true' AS code)", "'má bezbariérové volné místo'", "1", ["volne"], "m.has_barrier_free_vacancy"),
    ];

    /// <summary>ORP are listed within a chosen kraj, obce within a chosen ORP: all 206 ORP or 6,000 obce help nobody.</summary>
    private static bool Shown(Facet facet, ServiceFilter filter) => facet.Name switch
    {
        "orp" => filter.Kraj is not null || filter.Orp is not null,
        "obec" => filter.Orp is not null,
        _ => true,
    };

    public static async Task<SearchResult> RunAsync(KissosDb db, ServiceFilter filter, int page, CancellationToken ct)
    {
        var (conditions, parameters) = filter.Conditions();
        parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = PageSize });
        parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = (page - 1) * PageSize });
        // Each row (a service at a place) is found once with every filter's outcome in a column; the results and each
        // facet then read the columns they need, instead of joining and searching the catalogue once per facet.
        var text = conditions.Where(c => c.Filter == "q").Select(c => c.Sql).Prepend(ServiceFilter.CurrentService);
        var vacancy = filter.BarrierFreeVacancy ? "coalesce(vac.barrier_free, false)" : filter.Vacancy ? "vac.service_id IS NOT NULL" : "true";
        List<(string Filter, string Sql)> columns =
            [.. conditions.Where(c => c.Filter != "q").Select(c => (c.Filter, $"coalesce({c.Sql}, false)")), ("volne", vacancy)];
        string Matching(IEnumerable<string> ignored) =>
            string.Join(" AND ", columns.Where(c => !ignored.Contains(c.Filter)).Select(c => "m.c_" + c.Filter).Prepend("true"));
        var shown = Facets.Where(f => Shown(f, filter)).ToList();
        // A facet counts each service once per value: a facet of the service reads per_service (one row per service,
        // with whether the service counts for that facet), a facet of places the distinct services per value in found.
        var perServiceFlags = shown.Where(f => !f.OfPlaces).Select(f => $"bool_or({Matching(f.Ignores)} AND {f.Requires}) AS f_{f.Name}");
        var facets = shown.Select(f =>
            $$"""
            '{{f.Name}}', (SELECT coalesce(json_agg(json_build_object('code', x.code, 'name', {{f.Label}}, 'count', c.n) ORDER BY {{f.Order}}), '[]'::json)
                FROM (SELECT v.code, count(*) AS n
                      FROM ({{(f.OfPlaces
                          ? $"SELECT DISTINCT m.id, {f.Value} AS code FROM found m WHERE {Matching(f.Ignores)} AND {f.Requires}"
                          : $"SELECT {f.Value} AS code FROM per_service m WHERE m.f_{f.Name}")}}) v
                      GROUP BY v.code) c
                JOIN {{f.Labels}} x ON x.code = c.code)
            """);
        var sql = $$"""
            WITH found AS MATERIALIZED (
                SELECT s.id, r.kraj_nuts3, r.csu_code AS orp_code, o.code AS obec_code,
                       vac.service_id IS NOT NULL AS has_vacancy, coalesce(vac.barrier_free, false) AS has_barrier_free_vacancy,
                       {{string.Join(", ", columns.Select(c => $"{c.Sql} AS c_{c.Filter}"))}}
                FROM {{ServicesWithOrWithoutPlaces}}
                LEFT JOIN (SELECT v.service_id, v.place_id, bool_or(v.barrier_free) AS barrier_free
                           FROM vacancies.vacancy v WHERE {{PublicVacancy}} GROUP BY 1, 2) vac
                    ON vac.service_id = s.id AND vac.place_id = sp.place_id
                WHERE {{string.Join(" AND ", text)}}
            ), per_service AS MATERIALIZED (
                SELECT g.*, s.druh_code, s.forms, s.target_groups, s.age_categories
                FROM (SELECT m.id, bool_or({{Matching([])}}) AS matches{{string.Concat(perServiceFlags.Select(f => ", " + f))}}
                      FROM found m GROUP BY m.id) g
                JOIN catalogue.service s ON s.id = g.id
            ), page AS (
                SELECT s.* FROM catalogue.service s JOIN per_service m ON m.id = s.id AND m.matches
                ORDER BY s.name {{Czech}}, s.id LIMIT @limit OFFSET @offset
            )
            SELECT json_build_object(
                'total', (SELECT count(*) FROM per_service WHERE matches),
                'items', (SELECT coalesce(json_agg(json_build_object(
                    'id', s.id, 'name', s.name, 'druh', d.name, 'providerName', pr.name, 'ico', pr.ico,
                    'forms', (SELECT coalesce(array_agg(f.name ORDER BY f.code), '{}') FROM catalogue.forma f WHERE f.code = ANY (s.forms)),
                    'obce', (SELECT array_agg(DISTINCT o.name) FROM catalogue.service_place sp
                             JOIN catalogue.place p ON p.id = sp.place_id JOIN territory.obec o ON o.code = p.obec_code
                             WHERE sp.service_id = s.id),
                    'contactObec', (SELECT o.name FROM territory.obec o WHERE o.code = s.contact_obec_code),
                    'vacancies', (SELECT coalesce(sum(v.places), 0) FROM vacancies.vacancy v
                                  WHERE v.service_id = s.id AND {{PublicVacancy}})
                ) ORDER BY s.name {{Czech}}, s.id), '[]'::json)
                FROM page s JOIN catalogue.druh d ON d.code = s.druh_code JOIN catalogue.provider pr ON pr.ico = s.provider_ico),
                'facets', json_build_object({{string.Join(",\n", facets)}})
            )::text
            """;
        var json = await JsonQuery.ScalarAsync(db, sql, parameters, ct);
        return JsonSerializer.Deserialize<SearchResult>(json!, JsonSerializerOptions.Web)!;
    }
}
