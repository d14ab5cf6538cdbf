using System.Globalization;
using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Registry;

/// <summary>
/// The refreshes from the MPSV registry and their change reports, for regional staff (their kraj's changes) and
/// administrators (all), as JSON and as CSV.
/// </summary>
public static class RefreshEndpoints
{
    private const int MaxLimit = 200;

    public static readonly string[] CsvColumns =
        ["obnova", "zmena", "sluzba", "nazev", "ico", "kraje", "misto", "puvodne", "nove", "popis"];

    public static void MapRegistryRefreshes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/registry/refreshes").WithTags("Registry").RequireAuthorization(Policies.RegionalStaff);
        group.MapGet("/", GetRefreshes);
        group.MapGet("/{id:int}", GetRefresh);
        group.MapGet("/{id:int}/changes.csv", GetChangesCsv);
    }

    private static async Task<IResult> GetRefreshes(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "limit");
        var limit = query.Int("limit", 1, MaxLimit) ?? 50;
        if (!query.IsValid) return query.Problem();
        var refreshes = await db.Refreshes.AsNoTracking().OrderByDescending(r => r.Id).Take(limit).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(refreshes.Select(Describe));
    }

    private static async Task<IResult> GetRefresh(int id, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kind");
        var kind = query.Code("kind", ChangeKinds.All.ToHashSet(), "druhu změny");
        if (!query.IsValid) return query.Problem();
        var refresh = await db.Refreshes.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (refresh is null) return NotFound(id);
        var changes = await Changes(db, http, id, kind).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new
        {
            Refresh = Describe(refresh),
            Changes = changes.Select(c => new
            {
                c.Kind, KindName = ChangeKinds.Czech(c.Kind), c.ServiceId, c.ServiceName, c.ProviderIco, c.Kraje, c.PlaceId,
                c.OldValue, c.NewValue, c.Detail,
            }),
        });
    }

    private static async Task<IResult> GetChangesCsv(int id, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kind");
        var kind = query.Code("kind", ChangeKinds.All.ToHashSet(), "druhu změny");
        if (!query.IsValid) return query.Problem();
        if (!await db.Refreshes.AnyAsync(r => r.Id == id, http.RequestAborted)) return NotFound(id);
        var changes = await Changes(db, http, id, kind).ToListAsync(http.RequestAborted);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"obnova-registru-{id}.csv\"";
        return TypedResults.Stream(output => Csv.WriteAsync(output, CsvColumns, changes.Select(c => new[]
        {
            id.ToString(CultureInfo.InvariantCulture), ChangeKinds.Czech(c.Kind), c.ServiceId, c.ServiceName, c.ProviderIco,
            string.Join('|', c.Kraje), c.PlaceId, c.OldValue, c.NewValue, c.Detail,
        }), http.RequestAborted), Csv.ContentType);
    }

    /// <summary>Regional staff see the changes of services provided in their kraj; administrators see all.</summary>
    private static IQueryable<RefreshChange> Changes(KissosDb db, HttpContext http, int id, string? kind)
    {
        var scope = AccessScope.Of(http.User);
        var changes = db.RefreshChanges.AsNoTracking().Where(c => c.RefreshId == id);
        if (!scope.IsAdmin) changes = changes.Where(c => c.Kraje.Contains(scope.Kraj ?? ""));
        if (kind is not null) changes = changes.Where(c => c.Kind == kind);
        return changes.OrderBy(c => c.Kind).ThenBy(c => c.ServiceName).ThenBy(c => c.ServiceId).ThenBy(c => c.Id);
    }

    private static object Describe(Refresh r) => new
    {
        r.Id, r.StartedAt, r.FinishedAt, r.Succeeded, r.RpssFile, r.AddressesFile, r.VfrFile, r.Kraje,
        r.ServicesInFile, r.ServicesActive, r.ServicesNew, r.ServicesEnded, r.CapacityChanges, r.MovedPlaces,
        r.Facilities, r.SecretFacilities, r.FacilitiesWithoutCode, r.AddressCodes, r.AddressCodesNotFound,
        AddressCodesNotFoundShare = Math.Round(r.AddressCodesNotFoundShare, 4), r.VfrObce, r.Warnings, r.Errors,
    };

    private static IResult NotFound(int id) =>
        TypedResults.Problem(statusCode: 404, title: "Obnova nenalezena", detail: $"Obnova registru č. {id} neexistuje.");
}
