using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Npgsql;

namespace Kissos.Territory;

/// <summary>Territory layers as GeoJSON (WGS84): kraje, ORP of a kraj, obce of an ORP or kraj.</summary>
public static class TerritoryEndpoints
{
    public static void MapTerritory(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/territory").WithTags("Territory").WithMapRequestLimit().AllowsCrossOrigin();
        group.MapGet("/kraje", GetKraje);
        group.MapGet("/orp", GetOrp);
        group.MapGet("/obce", GetObce);
    }

    private static async Task<IResult> GetKraje(HttpContext http, KissosDb db, MapAnswerCache answers)
    {
        var query = new QueryParameters(http.Request, "detail");
        var generalized = Generalized(query);
        if (!query.IsValid) return query.Problem();
        return await answers.RespondAsync(db, http, TerritoryQueries.Kraje(generalized), []);
    }

    private static async Task<IResult> GetOrp(HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers)
    {
        var query = new QueryParameters(http.Request, "kraj", "detail");
        var kraj = query.Code("kraj", (await codes.GetAsync(db, http.RequestAborted)).Kraje, "kraje (NUTS3)");
        var generalized = Generalized(query);
        if (!query.IsValid) return query.Problem();
        return await answers.RespondAsync(db, http, TerritoryQueries.Orp(generalized, kraj is null ? "true" : "r.kraj_nuts3 = @kraj"),
            kraj is null ? [] : [new NpgsqlParameter("kraj", kraj)]);
    }

    private static async Task<IResult> GetObce(HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers)
    {
        var query = new QueryParameters(http.Request, "kraj", "orp", "detail");
        var known = await codes.GetAsync(db, http.RequestAborted);
        var kraj = query.Code("kraj", known.Kraje, "kraje (NUTS3)");
        var orp = query.Code("orp", known.Orp, "ORP (ČSÚ)");
        var generalized = Generalized(query);
        if (query.IsValid && (kraj is null) == (orp is null))
            query.AddError("orp", "Zadejte právě jeden z parametrů kraj nebo orp.");
        if (!query.IsValid) return query.Problem();
        return orp is not null
            ? await answers.RespondAsync(db, http, TerritoryQueries.Obce(generalized, "o.orp_csu_code = @orp"), [new NpgsqlParameter("orp", orp)])
            : await answers.RespondAsync(db, http, TerritoryQueries.Obce(generalized, "r.kraj_nuts3 = @kraj"), [new NpgsqlParameter("kraj", kraj)]);
    }

    /// <summary>detail=generalized (default, for small scales) or detail=full.</summary>
    private static bool Generalized(QueryParameters query)
    {
        switch (query.Get("detail"))
        {
            case null or "generalized": return true;
            case "full": return false;
            default:
                query.AddError("detail", "detail je 'generalized' nebo 'full'.");
                return false;
        }
    }
}

public static class TerritoryQueries
{
    private static string FeatureCollection(string features, string order) =>
        $"json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg({features} ORDER BY {order}), '[]'::json))::text";

    private static string Feature(string alias, string id, bool generalized, string properties)
    {
        var geometry = generalized ? GeoJsonSql.Generalized(alias) : $"{alias}.geom";
        return $"json_build_object('type', 'Feature', 'id', {alias}.{id}, 'geometry', {GeoJsonSql.Wgs84(geometry, 6)}::json, 'properties', json_build_object({properties}))";
    }

    public static string Kraje(bool generalized) =>
        $"""
        SELECT {FeatureCollection(Feature("k", "nuts3", generalized,
            "'nuts3', k.nuts3, 'ruianCode', k.ruian_code, 'name', k.name, 'population', pop.population"), "k.nuts3")}
        FROM territory.kraj k
        JOIN (SELECT r.kraj_nuts3, sum(o.population) AS population
              FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code GROUP BY r.kraj_nuts3) pop
          ON pop.kraj_nuts3 = k.nuts3
        """;

    public static string Orp(bool generalized, string condition) =>
        $"""
        SELECT {FeatureCollection(Feature("r", "csu_code", generalized,
            "'csuCode', r.csu_code, 'ruianCode', r.ruian_code, 'name', r.name, 'krajNuts3', r.kraj_nuts3, 'population', pop.population"), "r.name")}
        FROM territory.orp r
        JOIN (SELECT orp_csu_code, sum(population) AS population FROM territory.obec GROUP BY orp_csu_code) pop
          ON pop.orp_csu_code = r.csu_code
        WHERE {condition}
        """;

    public static string Obce(bool generalized, string condition) =>
        $"""
        SELECT {FeatureCollection(Feature("o", "code", generalized,
            "'code', o.code, 'name', o.name, 'orpCsuCode', o.orp_csu_code, 'population', o.population"), "o.name, o.code")}
        FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        WHERE {condition}
        """;
}
