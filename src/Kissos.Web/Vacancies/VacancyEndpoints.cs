using System.Globalization;
using System.Text.Json;
using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Vacancies;

/// <summary>Evidence neobsazených míst: the public layer, and publishing by providers with live updates.</summary>
public static class VacancyEndpoints
{
    private const double MaxRadiusKm = 200;

    public static void MapVacancies(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/vacancies").WithTags("Vacancies").AllowsCrossOrigin();
        open.MapGet("/", GetPublic);
        open.MapGet("/{id:guid}", GetPublicOne);

        var mine = routes.MapGroup("/api/my/vacancies").WithTags("Vacancies")
            .RequireAuthorization(Policies.KeepsServices).AddEndpointFilter<AntiforgeryFilter>();
        mine.MapGet("/", GetMine);
        mine.MapPost("/", Publish);
        mine.MapPut("/{id:guid}", Change);
        mine.MapDelete("/{id:guid}", Withdraw);
        routes.MapHub<VacancyHub>(VacancyHub.Path);
    }

    private static async Task<IResult> GetPublic(HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "druh", "kraj", "orp", "obec", "cilova", "bezbarierove", "near", "radiusKm");
        var known = await codes.GetAsync(db, http.RequestAborted);
        var clauses = new List<string> { VacancySql.Public };
        var parameters = new List<NpgsqlParameter> { Today(clock) };
        void Add(string name, string? value, string clause)
        {
            if (value is null) return;
            clauses.Add(clause);
            parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value });
        }
        Add("druh", query.Code("druh", known.Druhy, "druhu služby"), "s.druh_code = @druh");
        Add("kraj", query.Code("kraj", known.Kraje, "kraje (NUTS3)"), "r.kraj_nuts3 = @kraj");
        Add("orp", query.Code("orp", known.Orp, "ORP (ČSÚ)"), "r.csu_code = @orp");
        Add("obec", query.Code("obec", known.Obce, "obce"), "o.code = @obec");
        Add("cilova", query.Code("cilova", known.TargetGroups, "cílové skupiny"), "(v.target_group = @cilova OR (v.target_group IS NULL AND @cilova = ANY (s.target_groups)))");
        switch (query.Get("bezbarierove"))
        {
            case null or "false": break;
            case "true": clauses.Add("v.barrier_free"); break;
            default: query.AddError("bezbarierove", "bezbarierove je 'true' nebo 'false'."); break;
        }
        if (Near(query) is var (lon, lat, radiusKm))
        {
            clauses.Add("ST_DWithin(p.location, ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 5514), @radius)");
            parameters.Add(new NpgsqlParameter("lon", NpgsqlDbType.Double) { Value = lon });
            parameters.Add(new NpgsqlParameter("lat", NpgsqlDbType.Double) { Value = lat });
            parameters.Add(new NpgsqlParameter("radius", NpgsqlDbType.Double) { Value = radiusKm * 1000 });
        }
        if (!query.IsValid) return query.Problem();
        return await JsonQuery.RespondAsync(db, http, VacancySql.Features(string.Join(" AND ", clauses)), parameters);
    }

    /// <summary>near=lon,lat (WGS84) with radiusKm (default 20): vacancies within that distance, measured in S-JTSK.</summary>
    private static (double Lon, double Lat, double RadiusKm)? Near(QueryParameters query)
    {
        var near = query.Get("near");
        var radius = query.Get("radiusKm");
        if (near is null)
        {
            if (radius is not null) query.AddError("radiusKm", "radiusKm platí jen spolu s near=lon,lat.");
            return null;
        }
        var parts = near.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !Territory.Crs.CzechiaWgs84.Contains(lon, lat))
        {
            query.AddError("near", "near má tvar lon,lat ve stupních WGS84 a leží v České republice.");
            return null;
        }
        var km = 20.0;
        if (radius is not null && (!double.TryParse(radius, NumberStyles.Float, CultureInfo.InvariantCulture, out km) || km <= 0 || km > MaxRadiusKm))
        {
            query.AddError("radiusKm", $"radiusKm je kladné číslo nejvýš {MaxRadiusKm}.");
            return null;
        }
        return (lon, lat, km);
    }

    private static async Task<IResult> GetPublicOne(Guid id, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var feature = await JsonQuery.ScalarAsync(db, VacancySql.OneFeature($"v.id = @id AND {VacancySql.Public}"),
            [new NpgsqlParameter("id", id), Today(clock)], http.RequestAborted);
        return feature is null
            ? TypedResults.Problem(statusCode: 404, title: "Nabídka nenalezena", detail: "Nabídka volného místa neexistuje, byla stažena nebo vypršela.")
            : JsonQuery.Respond(http, feature);
    }

    private static async Task<IResult> GetMine(HttpContext http, KissosDb db)
    {
        var scope = AccessScope.Of(http.User);
        var ids = await Sql.ScalarAsync<Guid[]>(db, $$"""
            SELECT coalesce(array_agg(v.id), '{}') FROM vacancies.vacancy v
            JOIN catalogue.service s ON s.id = v.service_id JOIN catalogue.place p ON p.id = v.place_id
            WHERE {{scope.SqlCondition}} AND {{scope.PlaceSqlCondition}}
            """, scope.SqlParameters, http.RequestAborted) ?? [];
        var vacancies = await db.Vacancies.AsNoTracking().Where(v => ids.Contains(v.Id))
            .OrderByDescending(v => v.UpdatedAt).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(vacancies);
    }

    private static async Task<IResult> Publish(VacancyInput input, HttpContext http, KissosDb db, KnownCodesCache codes,
        TimeProvider clock, IHubContext<VacancyHub> hub)
    {
        if (await CheckAsync(input, http, db, codes, clock) is { } problem) return problem;
        var now = clock.GetUtcNow();
        var vacancy = new Vacancy
        {
            Id = Guid.CreateVersion7(), ServiceId = input.ServiceId, PlaceId = input.PlaceId, Places = input.Places,
            AvailableFrom = input.AvailableFrom, ValidUntil = input.ValidUntil, Description = input.Description,
            ContactName = input.ContactName, PublishedAt = now, UpdatedAt = now,
        };
        VacancyRules.Apply(input, vacancy);
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync(http.RequestAborted);
        await NotifyAsync(db, hub, clock, vacancy.Id, "published", http.RequestAborted);
        return TypedResults.Created($"/api/vacancies/{vacancy.Id}", vacancy);
    }

    private static async Task<IResult> Change(Guid id, VacancyInput input, HttpContext http, KissosDb db, KnownCodesCache codes,
        TimeProvider clock, IHubContext<VacancyHub> hub)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, http.RequestAborted);
        if (vacancy is null || !await ScopeQueries.CanKeepAtAsync(db, AccessScope.Of(http.User), vacancy.ServiceId, vacancy.PlaceId, http.RequestAborted))
            return NotFound();
        if (await CheckAsync(input, http, db, codes, clock) is { } problem) return problem;
        if (input.Version is not { } version)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Chybí verze záznamu, ke které se změna vztahuje."] });
        db.Entry(vacancy).Property(v => v.Version).OriginalValue = version;
        VacancyRules.Apply(input, vacancy);
        vacancy.UpdatedAt = clock.GetUtcNow();
        if (await Concurrency.SaveAsync(db, http.RequestAborted) is { } conflict) return conflict;
        await NotifyAsync(db, hub, clock, vacancy.Id, "changed", http.RequestAborted);
        return TypedResults.Ok(vacancy);
    }

    private static async Task<IResult> Withdraw(Guid id, HttpContext http, KissosDb db, TimeProvider clock, IHubContext<VacancyHub> hub)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, http.RequestAborted);
        if (vacancy is null || !await ScopeQueries.CanKeepAtAsync(db, AccessScope.Of(http.User), vacancy.ServiceId, vacancy.PlaceId, http.RequestAborted))
            return NotFound();
        vacancy.WithdrawnAt ??= clock.GetUtcNow();
        vacancy.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        await hub.Clients.All.SendAsync(VacancyHub.ChangedMethod, new VacancyChange(id, "withdrawn", null), http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The input is valid, the service is the caller's and residential, the place is one of the service's and, for
    /// regional staff, in their kraj.
    /// </summary>
    private static async Task<IResult?> CheckAsync(VacancyInput input, HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (VacancyRules.CheckShape(input) is { Count: > 0 } shape) return TypedResults.ValidationProblem(shape.ToDictionary(), title: "Nabídku nelze uložit");
        if (!await ScopeQueries.CanKeepAtAsync(db, AccessScope.Of(http.User), input.ServiceId, input.PlaceId, ct))
            return TypedResults.Problem(statusCode: 403, title: "Služba nepatří k vašemu účtu",
                detail: $"Službu '{input.ServiceId}' v místě '{input.PlaceId}' nemůžete spravovat (nebo v katalogu není).");
        var errors = VacancyRules.Validate(input, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), await codes.GetAsync(db, ct));
        var service = await db.Services.AsNoTracking().Include(s => s.Places).FirstAsync(s => s.Id == input.ServiceId, ct);
        if (!service.Forms.Contains("pob"))
            errors["serviceId"] = ["Volná místa se evidují jen u pobytových služeb."];
        if (service.Places.All(p => p.PlaceId != input.PlaceId))
            errors["placeId"] = ["Toto místo poskytování nepatří k vybrané službě."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "Nabídku nelze uložit") : null;
    }

    private static async Task NotifyAsync(KissosDb db, IHubContext<VacancyHub> hub, TimeProvider clock, Guid id, string action, CancellationToken ct)
    {
        var feature = await JsonQuery.ScalarAsync(db, VacancySql.OneFeature($"v.id = @id AND {VacancySql.Public}"),
            [new NpgsqlParameter("id", id), Today(clock)], ct);
        var change = feature is null
            ? new VacancyChange(id, "withdrawn", null) // published already expired or withdrawn: nothing to show
            : new VacancyChange(id, action, JsonDocument.Parse(feature).RootElement);
        await hub.Clients.All.SendAsync(VacancyHub.ChangedMethod, change, ct);
    }

    private static NpgsqlParameter Today(TimeProvider clock) =>
        new("today", NpgsqlDbType.Date) { Value = DateOnly.FromDateTime(clock.GetLocalNow().DateTime) };

    private static IResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Nabídka nenalezena", detail: "Taková nabídka mezi vašimi není.");
}
