using System.Text;
using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Registers;

/// <summary>
/// Registers of applicants and users: providers import and read their own; regional staff read objective need and
/// permeability; the public demand map shows only aggregates with small counts hidden.
/// </summary>
public static class RegisterEndpoints
{
    public static void MapRegisters(this IEndpointRouteBuilder routes)
    {
        var mine = routes.MapGroup("/api/my/registers").WithTags("Registers")
            .RequireAuthorization(Policies.KeepsServices).AddEndpointFilter<AntiforgeryFilter>();
        mine.MapPost("/applicants", (HttpContext http, KissosDb db, IOptions<KissosOptions> o) =>
            ImportAsync(http, db, o.Value, RegisterCsv.ImportApplicantsAsync)).AcceptsCsvImport();
        mine.MapPost("/users", (HttpContext http, KissosDb db, IOptions<KissosOptions> o) =>
            ImportAsync(http, db, o.Value, RegisterCsv.ImportUsersAsync)).AcceptsCsvImport();
        mine.MapGet("/applicants", GetMyApplicants);

        var staff = routes.MapGroup("/api/registers").WithTags("Registers")
            .RequireAuthorization(Policies.RegionalStaff).AddEndpointFilter<AntiforgeryFilter>();
        staff.MapGet("/duplicates", GetDuplicates);
        staff.MapGet("/demand", GetDemandTable);
        staff.MapGet("/permeability", GetPermeability);
        staff.MapGet("/situations", GetSituations);
        staff.MapPost("/snapshots", TakeSnapshot);
        staff.MapGet("/snapshots", GetSnapshots);

        var map = routes.MapGroup("/api/map").WithTags("Map").AllowsCrossOrigin();
        map.MapGet("/demand/orp", (HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock) => GetDemandMap(http, db, codes, clock, MapSql.OrpLevel));
        map.MapGet("/demand/obce", (HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock) => GetDemandMap(http, db, codes, clock, MapSql.ObecLevel));
        map.MapGet("/flows", GetFlows);
    }

    private delegate Task<RegisterCsv.Result> Importer(
        KissosDb db, Stream input, Encoding? charset, PersonCodes codes, Func<string, bool> mayKeep, CancellationToken ct);

    /// <summary>
    /// A register CSV in the body (UTF-8 or Windows-1250, detected; or as declared by ?charset= or the Content-Type's
    /// charset): 200 with the counts, or 400 with every bad row by its line.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpContext http, KissosDb db, KissosOptions options, Importer import)
    {
        var query = new QueryParameters(http.Request, "charset");
        var charset = Csv.DeclaredCharset(http.Request, query);
        if (!query.IsValid) return query.Problem();
        var codes = PersonCodes.FromBase64(options.Registers.PseudonymKey, options.Registers.KeyVersion);
        var kept = (await ScopeQueries.ServiceIdsAsync(db, AccessScope.Of(http.User), http.RequestAborted)).ToHashSet();
        // The body is read into memory once: CSV of one provider's registers is small, and parsing needs it whole for the all-or-nothing check.
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        body.Position = 0;
        try
        {
            return TypedResults.Ok(await import(db, body, charset, codes, kept.Contains, http.RequestAborted));
        }
        catch (ImportFailedException e)
        {
            return e.Problem();
        }
    }

    /// <summary>The account's applicants, each with how many other services' waiting lists the same person is on — but not which.</summary>
    private static async Task<IResult> GetMyApplicants(HttpContext http, KissosDb db)
    {
        var kept = await ScopeQueries.ServiceIdsAsync(db, AccessScope.Of(http.User), http.RequestAborted);
        var rows = await db.Applicants.AsNoTracking().Where(a => kept.Contains(a.ServiceId))
            .OrderBy(a => a.ServiceId).ThenBy(a => a.AppliedOn)
            .Select(a => new
            {
                a.Id, a.ServiceId, PersonCode = a.PersonCode.Substring(0, 12), a.AppliedOn, a.ObecCode, a.Situations,
                a.TargetGroup, a.Urgency, a.Status, a.StatusOn,
                AlsoWaitingElsewhere = a.Status == ApplicantStatus.Waiting
                    ? db.Applicants.Count(o => o.PersonCode == a.PersonCode && o.ServiceId != a.ServiceId && o.Status == ApplicantStatus.Waiting)
                    : 0,
            }).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(rows);
    }

    /// <summary>People waiting at several services, with which ones: for regional staff (their kraj) and administrators.</summary>
    private static async Task<IResult> GetDuplicates(HttpContext http, KissosDb db)
    {
        var scope = AccessScope.Of(http.User);
        var sql = $$"""
            SELECT coalesce(json_agg(x ORDER BY x.count DESC, x."personCode"), '[]'::json)::text FROM (
                SELECT left(a.person_code, 12) AS "personCode", count(*) AS count,
                       json_agg(json_build_object('serviceId', s.id, 'serviceName', s.name, 'provider', pr.name, 'appliedOn', a.applied_on) ORDER BY a.applied_on) AS services
                FROM registers.applicant a
                JOIN catalogue.service s ON s.id = a.service_id
                JOIN catalogue.provider pr ON pr.ico = s.provider_ico
                WHERE a.status = 'waiting' AND {{scope.SqlCondition}}
                GROUP BY a.person_code HAVING count(*) > 1) x
            """;
        return await JsonQuery.RespondAsync(db, http, sql, scope.SqlParameters, "application/json");
    }

    private static async Task<IResult> GetDemandTable(HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "on", "druh", "level");
        var on = query.Date("on");
        var druh = query.Code("druh", (await codes.GetAsync(db, http.RequestAborted)).Druhy, "druhu služby");
        var (key, name, join) = query.Get("level") switch
        {
            null or "orp" => ("r.csu_code", "r.name", "JOIN territory.orp r ON r.csu_code = o.orp_csu_code"),
            "obec" => ("o.code", "o.name", ""),
            "kraj" => ("k.nuts3", "k.name", "JOIN territory.orp r ON r.csu_code = o.orp_csu_code JOIN territory.kraj k ON k.nuts3 = r.kraj_nuts3"),
            var other => Invalid(query, other),
        };
        if (!query.IsValid) return query.Problem();
        var scope = AccessScope.Of(http.User);
        List<NpgsqlParameter> parameters = [Day("on", on ?? clock.GetUtcNow()), .. scope.SqlParameters];
        if (druh is not null) parameters.Add(new NpgsqlParameter("druh", druh));
        var condition = scope.SqlCondition + (druh is null ? "" : " AND s.druh_code = @druh");
        return await JsonQuery.RespondAsync(db, http, RegisterSql.DemandTable(condition, key, name, join), parameters, "application/json");
    }

    private static (string, string, string) Invalid(QueryParameters query, string level)
    {
        query.AddError("level", $"level je 'kraj', 'orp' nebo 'obec', ne '{level}'.");
        return ("", "", "");
    }

    private static async Task<IResult> GetPermeability(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "from", "to");
        var from = query.Date("from");
        var to = query.Date("to");
        if (from is null) query.AddError("from", "Zadejte začátek období (from=RRRR-MM-DD).");
        if (to is null) query.AddError("to", "Zadejte konec období (to=RRRR-MM-DD).");
        if (!query.IsValid) return query.Problem();
        var scope = AccessScope.Of(http.User);
        return await JsonQuery.RespondAsync(db, http, RegisterSql.Permeability(scope.SqlCondition),
            [Day("from", from!.Value), Day("to", to!.Value), .. scope.SqlParameters], "application/json");
    }

    private static async Task<IResult> GetSituations(HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "on", "druh");
        var (on, druh) = (query.Date("on"), query.Code("druh", (await codes.GetAsync(db, http.RequestAborted)).Druhy, "druhu služby"));
        if (!query.IsValid) return query.Problem();
        var scope = AccessScope.Of(http.User);
        var condition = scope.SqlCondition + (druh is null ? "" : " AND s.druh_code = @druh");
        List<NpgsqlParameter> parameters = [Day("on", on ?? clock.GetUtcNow()), .. scope.SqlParameters];
        if (druh is not null) parameters.Add(new NpgsqlParameter("druh", druh));
        return await JsonQuery.RespondAsync(db, http, RegisterSql.BySituation(condition), parameters, "application/json");
    }

    private sealed record SnapshotInput(DateOnly QuarterEnd);

    /// <summary>Records the quarter's users by obec for the services in the account's scope; other kraje's rows stay.</summary>
    private static async Task<IResult> TakeSnapshot(SnapshotInput input, HttpContext http, KissosDb db)
    {
        var ct = http.RequestAborted;
        var q = input.QuarterEnd;
        if (q == DateOnly.MaxValue || q.AddDays(1).Day != 1 || q.Month % 3 != 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["quarterEnd"] = ["Stav se zaznamenává ke konci čtvrtletí: 31. 3., 30. 6., 30. 9. nebo 31. 12."],
            });
        var scope = AccessScope.Of(http.User);
        await db.Database.ExecuteSqlRawAsync(RegisterSql.TakeSnapshot(scope.SqlCondition),
            [new NpgsqlParameter("on", NpgsqlDbType.Date) { Value = q }, .. scope.SqlParameters], ct);
        var kept = await ScopeQueries.ServiceIdsAsync(db, scope, ct);
        return TypedResults.Ok(new { QuarterEnd = q, Rows = await db.UserSnapshots.CountAsync(s => s.QuarterEnd == q && kept.Contains(s.ServiceId), ct) });
    }

    private static async Task<IResult> GetSnapshots(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "quarterEnd", "service");
        var on = query.Date("quarterEnd");
        if (!query.IsValid) return query.Problem();
        var kept = await ScopeQueries.ServiceIdsAsync(db, AccessScope.Of(http.User), http.RequestAborted);
        var snapshots = db.UserSnapshots.AsNoTracking().Where(s => kept.Contains(s.ServiceId));
        if (on is { } d) snapshots = snapshots.Where(s => s.QuarterEnd == DateOnly.FromDateTime(d.DateTime));
        if (query.Get("service") is { } service) snapshots = snapshots.Where(s => s.ServiceId == service);
        return TypedResults.Ok(await snapshots.OrderBy(s => s.ServiceId).ThenBy(s => s.QuarterEnd).ThenBy(s => s.ObecCode).ToListAsync(http.RequestAborted));
    }

    private static async Task<IResult> GetDemandMap(HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock, MapSql.StatsLevel level)
    {
        var query = new QueryParameters(http.Request, "on", "druh", "kraj", "orp");
        var known = await codes.GetAsync(db, http.RequestAborted);
        var on = query.Date("on");
        var druh = query.Code("druh", known.Druhy, "druhu služby");
        var kraj = query.Code("kraj", known.Kraje, "kraje (NUTS3)");
        var orp = query.Code("orp", known.Orp, "ORP (ČSÚ)");
        if (level == MapSql.ObecLevel && kraj is null && orp is null)
            query.AddError("kraj", "Obce se zobrazují po krajích nebo ORP: zadejte parametr kraj nebo orp.");
        if (!query.IsValid) return query.Problem();

        List<NpgsqlParameter> parameters = [Day("on", on ?? clock.GetUtcNow())];
        if (druh is not null) parameters.Add(new NpgsqlParameter("druh", druh));
        if (kraj is not null) parameters.Add(new NpgsqlParameter("kraj", kraj));
        if (orp is not null) parameters.Add(new NpgsqlParameter("orp", orp));
        var unitCondition = (level == MapSql.OrpLevel, orp, kraj) switch
        {
            (true, not null, _) => "u.csu_code = @orp",
            (false, not null, _) => "u.orp_csu_code = @orp",
            (true, null, not null) => "u.kraj_nuts3 = @kraj",
            (false, null, not null) => "u.orp_csu_code IN (SELECT csu_code FROM territory.orp WHERE kraj_nuts3 = @kraj)",
            _ => "true",
        };
        var sql = RegisterSql.DemandMap(level, druh is null ? "true" : "s.druh_code = @druh", unitCondition);
        return await JsonQuery.RespondAsync(db, http, sql, parameters);
    }

    private static async Task<IResult> GetFlows(HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "on", "druh");
        var on = query.Date("on");
        var druh = query.Code("druh", (await codes.GetAsync(db, http.RequestAborted)).Druhy, "druhu služby");
        if (!query.IsValid) return query.Problem();
        List<NpgsqlParameter> parameters = [Day("on", on ?? clock.GetUtcNow())];
        if (druh is not null) parameters.Add(new NpgsqlParameter("druh", druh));
        return await JsonQuery.RespondAsync(db, http, RegisterSql.Flows(druh is null ? "true" : "s.druh_code = @druh"), parameters);
    }

    private static NpgsqlParameter Day(string name, DateTimeOffset at) =>
        new(name, NpgsqlDbType.Date) { Value = DateOnly.FromDateTime(at.UtcDateTime) };
}
