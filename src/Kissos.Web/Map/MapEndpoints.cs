using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Npgsql;

namespace Kissos.Map;

/// <summary>The service-market map: services as points, catchment areas, and supply per ORP / obec.</summary>
public static class MapEndpoints
{
    public static void MapMap(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/map").WithTags("Map").WithMapRequestLimit().AllowsCrossOrigin();
        group.MapGet("/services", GetServices);
        group.MapGet("/services/{id}/catchment", GetCatchment);
        group.MapGet("/stats/orp", (HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers) => GetStats(http, db, codes, answers, MapSql.OrpLevel));
        group.MapGet("/stats/obce", (HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers) => GetStats(http, db, codes, answers, MapSql.ObecLevel));
    }

    private static async Task<IResult> GetServices(HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers)
    {
        var query = new QueryParameters(http.Request, ServiceFilter.Names);
        var filter = ServiceFilter.Parse(query, await codes.GetAsync(db, http.RequestAborted));
        if (!query.IsValid) return query.Problem();
        var (where, parameters) = filter.ToSql();
        return await answers.RespondAsync(db, http, MapSql.Services(where), parameters);
    }

    private static async Task<IResult> GetCatchment(string id, HttpContext http, KissosDb db)
    {
        var feature = await JsonQuery.ScalarAsync(db, MapSql.Catchment, [new NpgsqlParameter("id", id)], http.RequestAborted);
        return feature switch
        {
            null => TypedResults.Problem(statusCode: 404, title: "Služba nenalezena", detail: $"Služba '{id}' v katalogu není."),
            "" => TypedResults.Problem(statusCode: 404, title: "Územní působnost neuvedena",
                detail: "Poskytovatel u této služby územní působnost (obce ani ORP) neuvedl."),
            _ => JsonQuery.Respond(http, feature),
        };
    }

    private static async Task<IResult> GetStats(HttpContext http, KissosDb db, KnownCodesCache codes, MapAnswerCache answers, MapSql.StatsLevel level)
    {
        string[] allowed = ["druh", "forma", "cilova", "kraj", "orp", "q"];
        var query = new QueryParameters(http.Request, allowed);
        var filter = ServiceFilter.Parse(query, await codes.GetAsync(db, http.RequestAborted));
        if (level == MapSql.ObecLevel && filter.Kraj is null && filter.Orp is null)
            query.AddError("kraj", "Obce se zobrazují po krajích nebo ORP: zadejte parametr kraj nebo orp.");
        if (!query.IsValid) return query.Problem();

        var (where, parameters) = filter.ToSql();
        var capacityCondition = filter.Forma is null ? "true" : "c.form = @forma";
        var unitCondition = (level == MapSql.OrpLevel, filter.Orp, filter.Kraj) switch
        {
            (_, not null, _) when level == MapSql.OrpLevel => "u.csu_code = @orp",
            (_, not null, _) => "u.orp_csu_code = @orp",
            (true, null, not null) => "u.kraj_nuts3 = @kraj",
            (false, null, not null) => "u.orp_csu_code IN (SELECT csu_code FROM territory.orp WHERE kraj_nuts3 = @kraj)",
            _ => "true",
        };
        return await answers.RespondAsync(db, http, MapSql.Stats(level, where, capacityCondition, unitCondition), parameters);
    }
}
