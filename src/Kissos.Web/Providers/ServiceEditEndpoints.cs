using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kissos.Providers;

/// <summary>Provider self-service: the services an account keeps, read for editing and saved with optimistic concurrency.</summary>
public static class ServiceEditEndpoints
{
    public static void MapServiceEditing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/my/services").WithTags("Providers")
            .RequireAuthorization(Policies.KeepsServices).AddEndpointFilter<AntiforgeryFilter>();
        group.MapGet("/", GetMine);
        group.MapGet("/{id}", GetForEdit);
        group.MapPut("/{id}", Save);
    }

    private static async Task<IResult> GetMine(HttpContext http, KissosDb db)
    {
        var ids = await ScopeQueries.ServiceIdsAsync(db, AccessScope.Of(http.User), http.RequestAborted);
        var services = await db.Services.AsNoTracking().Include(s => s.Places).ThenInclude(sp => sp.Place)
            .Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync(http.RequestAborted);
        var druhy = await db.Druhy.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, http.RequestAborted);
        return TypedResults.Ok(services.Select(s => new
        {
            s.Id, s.Name, s.ProviderIco, s.DruhCode, DruhName = druhy[s.DruhCode], s.Forms,
            Places = s.Places.Select(p => new { p.PlaceId, p.FacilityName }),
        }));
    }

    private static async Task<IResult> GetForEdit(string id, HttpContext http, KissosDb db)
    {
        if (!await ScopeQueries.CanKeepAsync(db, AccessScope.Of(http.User), id, http.RequestAborted)) return NotYours(id);
        var s = await db.Services.AsNoTracking().Include(x => x.Places).ThenInclude(sp => sp.Place).SingleAsync(x => x.Id == id, http.RequestAborted);
        var obce = s.Places.Select(sp => sp.Place!.ObecCode).ToList();
        var kraje = await db.Obce.Where(o => obce.Contains(o.Code))
            .Join(db.Orp, o => o.OrpCsuCode, r => r.CsuCode, (o, r) => new { o.Code, r.KrajNuts3 })
            .ToDictionaryAsync(x => x.Code, x => x.KrajNuts3, http.RequestAborted);
        return TypedResults.Ok(new
        {
            s.Id, s.Name, s.DruhCode, s.Forms, s.Description, s.Webs, s.Emails, s.Phones,
            Capacities = s.Capacities.Select(c => new CapacityEdit(c.Form, c.CapacityType, c.Amount)),
            s.TargetGroups, s.AgeCategories, s.CatchmentObce, s.CatchmentOrp, s.Version,
            Places = s.Places.Select(sp =>
            {
                var p = sp.Place!;
                var wgs84 = p.Location is null ? null : Crs.ToWgs84(p.Location).Coordinate;
                return new PlaceEdit(p.Id, sp.FacilityName, p.Street, p.HouseNumber, p.OrientationNumber, p.PostCode, p.ObecCode,
                    wgs84 is null ? null : new PointInput(wgs84.X, wgs84.Y, "EPSG:4326"), kraje[p.ObecCode]);
            }),
        });
    }

    private static async Task<IResult> Save(string id, ServiceEdit edit, HttpContext http, KissosDb db, KnownCodesCache codes, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (!await ScopeQueries.CanKeepAsync(db, AccessScope.Of(http.User), id, ct)) return NotYours(id);
        var service = await db.Services.Include(s => s.Places).ThenInclude(sp => sp.Place).SingleAsync(s => s.Id == id, ct);
        var errors = ServiceEditRules.Validate(edit, service, await codes.GetAsync(db, ct));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Službu nelze uložit");

        db.Entry(service).Property(s => s.Version).OriginalValue = edit.Version;
        service.Description = string.IsNullOrWhiteSpace(edit.Description) ? null : edit.Description.Trim();
        service.Webs = Clean(edit.Webs);
        service.Emails = Clean(edit.Emails);
        service.Phones = Clean(edit.Phones);
        var capacities = edit.Capacities.Select(c => new ServiceCapacity { Form = c.Form, CapacityType = c.Type, Amount = c.Amount }).ToList();
        if (!ServiceCapacity.SameSet(service.Capacities, capacities)) service.Capacities = capacities;
        service.TargetGroups = edit.TargetGroups.Distinct().ToList();
        service.AgeCategories = edit.AgeCategories.Distinct().ToList();
        service.CatchmentObce = edit.CatchmentObce.Distinct().ToList();
        service.CatchmentOrp = edit.CatchmentOrp.Distinct().ToList();
        ApplyPlaces(db, service, edit.Places);
        // A save that changes nothing writes nothing: no audit entry, no new version, no new data version.
        if (!db.ChangeTracker.HasChanges()) return TypedResults.Ok(new { service.Id, service.Version });
        service.UpdatedAt = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Concurrency.SaveAsync(db, ct) is { } conflict) return conflict;
        var outside = await db.Database.SqlQueryRaw<string>(CatalogueSql.PlacesOutsideTheirObec).ToListAsync(ct);
        var mine = outside.Intersect(service.Places.Select(p => p.PlaceId)).ToList();
        if (mine.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["places"] = mine.Select(p => $"Bod místa '{p}' neleží ve zvolené obci.").ToArray(),
            }, title: "Službu nelze uložit");
        await db.Database.ExecuteSqlRawAsync(CatalogueSql.DeriveCatchmentGeometry, [new[] { id }], ct);
        await DataVersion.BumpAsync(db, ct); // places may have moved: the service tiles of the old version are stale
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new { service.Id, Version = await db.Services.Where(s => s.Id == id).Select(s => s.Version).SingleAsync(ct) });
    }

    /// <summary>Updates the places sent with an id, adds those without one, and unlinks the ones left out.</summary>
    private static void ApplyPlaces(KissosDb db, Kissos.Catalogue.Service service, List<PlaceEdit> edits)
    {
        var kept = edits.Where(e => e.Id is not null).Select(e => e.Id).ToHashSet();
        foreach (var link in service.Places.Where(l => !kept.Contains(l.PlaceId)).ToList()) service.Places.Remove(link);
        foreach (var edit in edits)
        {
            var link = service.Places.FirstOrDefault(l => l.PlaceId == edit.Id);
            if (link is null)
            {
                var place = new Place { Id = "misto-k-" + Guid.NewGuid().ToString("N")[..12], ObecCode = edit.ObecCode };
                db.Places.Add(place);
                service.Places.Add(link = new ServicePlace { ServiceId = service.Id, PlaceId = place.Id, FacilityName = edit.FacilityName, Place = place });
            }
            var target = link.Place!;
            link.FacilityName = edit.FacilityName.Trim();
            target.Street = edit.Street;
            target.HouseNumber = edit.HouseNumber;
            target.OrientationNumber = edit.OrientationNumber;
            target.PostCode = edit.PostCode;
            target.ObecCode = edit.ObecCode;
            if (edit.Point is null) target.Location = null;
            else if (!ServiceEditRules.IsStoredPoint(target.Location, edit.Point)) target.Location = ServiceEditRules.ToSJtsk(edit.Point);
        }
    }

    private static List<string> Clean(List<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();

    private static IResult NotYours(string id) =>
        TypedResults.Problem(statusCode: 403, title: "Služba nepatří k vašemu účtu", detail: $"Službu '{id}' nemůžete spravovat (nebo v katalogu není).");
}
