using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Kissos.Vacancies;
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
        var kraje = await ScopeQueries.KrajeOfObceAsync(db, s.Places.Select(sp => sp.Place!.ObecCode).ToList(), http.RequestAborted);
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
        var scope = AccessScope.Of(http.User);
        if (!await ScopeQueries.CanKeepAsync(db, scope, id, ct)) return NotYours(id);
        var service = await db.Services.Include(s => s.Places).ThenInclude(sp => sp.Place).SingleAsync(s => s.Id == id, ct);
        var errors = ServiceEditRules.Validate(edit, service, await codes.GetAsync(db, ct));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Službu nelze uložit");
        var places = PlaceChanges.Of(service, edit.Places);
        if (await OutsideKrajAsync(db, scope, places, ct) is { } refused) return refused;
        // A place that services beyond the account's scope share is not changed for them: this service gets its own copy.
        var forked = await ScopeQueries.SharedBeyondScopeAsync(db, scope, places.ChangedPlaceIds, ct);
        var vacanciesToMove = await db.Vacancies.Where(v => v.ServiceId == id && forked.Contains(v.PlaceId)).ToListAsync(ct);

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
        ApplyPlaces(db, service, places, forked, vacanciesToMove);
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

    /// <summary>
    /// Unlinks the places left out, adds the new ones, and updates the kept ones; a changed place in
    /// <paramref name="forked"/> is copied for this service (with its vacancies there), the others keep the old row.
    /// </summary>
    private static void ApplyPlaces(KissosDb db, Kissos.Catalogue.Service service, PlaceChanges changes, IReadOnlySet<string> forked,
        List<Vacancy> vacanciesToMove)
    {
        foreach (var link in changes.Removed) service.Places.Remove(link);
        foreach (var edit in changes.Added) PlaceChanges.Write(Link(db, service, new Place { Id = NewPlaceId(), ObecCode = edit.ObecCode }, edit).Place!, edit);
        foreach (var (link, edit, _, placeChanges) in changes.Kept)
        {
            var target = link;
            if (placeChanges && forked.Contains(link.PlaceId))
            {
                service.Places.Remove(link);
                var old = link.Place!;
                target = Link(db, service, new Place
                {
                    Id = NewPlaceId(), ObecCode = old.ObecCode, Quarter = old.Quarter, Street = old.Street, HouseNumber = old.HouseNumber,
                    OrientationNumber = old.OrientationNumber, PostCode = old.PostCode, Location = old.Location,
                }, edit);
                foreach (var vacancy in vacanciesToMove.Where(v => v.PlaceId == link.PlaceId)) vacancy.PlaceId = target.PlaceId;
            }
            target.FacilityName = edit.FacilityName.Trim();
            if (placeChanges) PlaceChanges.Write(target.Place!, edit);
        }
    }

    private static ServicePlace Link(KissosDb db, Kissos.Catalogue.Service service, Place place, PlaceEdit edit)
    {
        db.Places.Add(place);
        var link = new ServicePlace { ServiceId = service.Id, PlaceId = place.Id, FacilityName = edit.FacilityName.Trim(), Place = place };
        service.Places.Add(link);
        return link;
    }

    private static string NewPlaceId() => "misto-k-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Regional staff add, remove, rename or move places only within their kraj (where a place is before and after).</summary>
    private static async Task<IResult?> OutsideKrajAsync(KissosDb db, AccessScope scope, PlaceChanges changes, CancellationToken ct)
    {
        var touched = changes.Touched().ToList();
        var kraje = await ScopeQueries.KrajeOfObceAsync(db, touched.Select(t => t.ObecCode).Distinct().ToList(), ct);
        var outside = touched.Where(t => !scope.MayChangeIn(kraje[t.ObecCode])).Select(t => t.Place).Distinct().ToList();
        return outside.Count == 0 ? null : TypedResults.Problem(statusCode: 403, title: "Místo leží mimo kraj vašeho účtu",
            detail: $"Místa mimo svůj kraj nemůžete měnit, přidávat ani odebírat: {string.Join(", ", outside)}.");
    }

    private static List<string> Clean(List<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();

    private static IResult NotYours(string id) =>
        TypedResults.Problem(statusCode: 403, title: "Služba nepatří k vašemu účtu", detail: $"Službu '{id}' nemůžete spravovat (nebo v katalogu není).");
}
