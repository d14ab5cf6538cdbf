using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.PublicCatalogue;

/// <summary>One service in the search results.</summary>
public sealed record SearchItem(
    string Id, string Name, string Druh, string ProviderName, string Ico, string[] Forms, string[]? Obce, int Vacancies);

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

    /// <summary>Every service with each of its places, or once with null places when it has none (aliases as in MapSql.ServicesAtPlaces).</summary>
    public const string ServicesWithOrWithoutPlaces =
        """
        catalogue.service s
        JOIN catalogue.provider pr ON pr.ico = s.provider_ico
        LEFT JOIN catalogue.service_place sp ON sp.service_id = s.id
        LEFT JOIN catalogue.place p ON p.id = sp.place_id
        LEFT JOIN territory.obec o ON o.code = p.obec_code
        LEFT JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        """;

    private const string Czech = "COLLATE \"cs-CZ-x-icu\"";

    /// <summary>A facet: its parameter, how a service joins its values (alias x), and the filter without its own condition.</summary>
    private sealed record Facet(string Name, string Join, string Code, string Label, string Order, Func<ServiceFilter, ServiceFilter?> Without);

    private static readonly Facet[] Facets =
    [
        new("druh", "JOIN catalogue.druh x ON x.code = s.druh_code", "x.code", "x.name", $"x.name {Czech}", f => f with { Druh = null }),
        new("forma", "JOIN catalogue.forma x ON x.code = ANY (s.forms)", "x.code", "x.name", "x.code", f => f with { Forma = null }),
        new("cilova", "JOIN catalogue.target_group x ON x.code = ANY (s.target_groups)", "x.code", "x.name", $"x.name {Czech}", f => f with { Cilova = null }),
        new("vek", "JOIN catalogue.age_category x ON x.code = ANY (s.age_categories)", "x.code", "x.name", "x.sort_order", f => f with { Vek = null }),
        new("kraj", "JOIN territory.kraj x ON x.nuts3 = r.kraj_nuts3", "x.nuts3", "x.name", $"x.name {Czech}", f => f with { Kraj = null }),
        // ORP and obce are listed within the chosen kraj / ORP: all 206 ORP or 6,000 obce help nobody.
        new("orp", "JOIN territory.orp x ON x.csu_code = r.csu_code", "x.csu_code", "x.name", $"x.name {Czech}",
            f => f.Kraj is null && f.Orp is null ? null : f with { Orp = null, Obec = null }),
        new("obec", "JOIN territory.obec x ON x.code = o.code", "x.code", "x.name", $"x.name {Czech}",
            f => f.Orp is null ? null : f with { Obec = null }),
        new("volne", "", "'true'", "'má volné místo'", "1", f => f with { Vacancy = true }),
        new("bezbarierove", "", "'true'", "'má bezbariérové volné místo'", "1", f => f with { BarrierFreeVacancy = true }),
    ];

    public static async Task<SearchResult> RunAsync(KissosDb db, ServiceFilter filter, int page, CancellationToken ct)
    {
        var (where, parameters) = filter.ToSql();
        parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = PageSize });
        parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = (page - 1) * PageSize });
        var facets = Facets.Select(f => (f.Name, Filter: f.Without(filter))).Where(f => f.Filter is not null).Select(f =>
        {
            var facet = Facets.Single(x => x.Name == f.Name);
            return $$"""
                '{{facet.Name}}', (SELECT coalesce(json_agg(json_build_object('code', y.code, 'name', y.name, 'count', y.n) ORDER BY y.ord), '[]'::json)
                    FROM (SELECT {{facet.Code}} AS code, {{facet.Label}} AS name, min({{facet.Order}}) AS ord, count(DISTINCT s.id) AS n
                          FROM {{ServicesWithOrWithoutPlaces}} {{facet.Join}}
                          WHERE {{f.Filter!.ToSql().Sql}}
                          GROUP BY 1, 2) y)
                """;
        });
        var sql = $$"""
            WITH matching AS (
                SELECT DISTINCT s.id FROM {{ServicesWithOrWithoutPlaces}} WHERE {{where}}
            ), page AS (
                SELECT s.* FROM catalogue.service s JOIN matching m ON m.id = s.id
                ORDER BY s.name {{Czech}}, s.id LIMIT @limit OFFSET @offset
            )
            SELECT json_build_object(
                'total', (SELECT count(*) FROM matching),
                'items', (SELECT coalesce(json_agg(json_build_object(
                    'id', s.id, 'name', s.name, 'druh', d.name, 'providerName', pr.name, 'ico', pr.ico,
                    'forms', (SELECT coalesce(array_agg(f.name ORDER BY f.code), '{}') FROM catalogue.forma f WHERE f.code = ANY (s.forms)),
                    'obce', (SELECT array_agg(DISTINCT o.name) FROM catalogue.service_place sp
                             JOIN catalogue.place p ON p.id = sp.place_id JOIN territory.obec o ON o.code = p.obec_code
                             WHERE sp.service_id = s.id),
                    'vacancies', (SELECT coalesce(sum(v.places), 0) FROM vacancies.vacancy v
                                  WHERE v.service_id = s.id AND v.withdrawn_at IS NULL AND v.valid_until >= current_date)
                ) ORDER BY s.name {{Czech}}, s.id), '[]'::json)
                FROM page s JOIN catalogue.druh d ON d.code = s.druh_code JOIN catalogue.provider pr ON pr.ico = s.provider_ico),
                'facets', json_build_object({{string.Join(",\n", facets)}})
            )::text
            """;
        var json = await JsonQuery.ScalarAsync(db, sql, parameters, ct);
        return JsonSerializer.Deserialize<SearchResult>(json!, JsonSerializerOptions.Web)!;
    }
}
