using System.Linq.Expressions;
using Kissos.Catalogue;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.PublicCatalogue;

/// <summary>A capacity with its form and unit, e.g. pobytová: 40 lůžek.</summary>
public sealed record CapacityView(string FormName, string TypeName, string Unit, int Amount);

/// <summary>A place of provision with its address; Lat/Lon (WGS84) when the place has a point.</summary>
public sealed record PlaceView(string Id, string FacilityName, string Address, string Obec, double? Lat, double? Lon);

/// <summary>A vacancy the public sees today.</summary>
public sealed record VacancyView(
    int Places, string FacilityName, DateOnly AvailableFrom, DateOnly ValidUntil, string? TargetGroup, string Description,
    bool BarrierFree, string ContactName, string? ContactPhone, string? ContactEmail);

/// <summary>When the service's data last changed and where they came from; At is null when only the initial import is known.</summary>
public sealed record LastChange(DateTimeOffset? At, string Source);

/// <summary>Everything the catalogue pages show of one service, with code lists resolved to Czech names.</summary>
public sealed record ServiceView(
    Service Service, Provider Provider, Druh Druh, IReadOnlyList<string> Forms, IReadOnlyList<CapacityView> Capacities,
    IReadOnlyList<string> TargetGroups, IReadOnlyList<string> AgeCategories, IReadOnlyList<PlaceView> Places,
    IReadOnlyList<string> CatchmentObce, IReadOnlyList<string> CatchmentOrp, IReadOnlyList<VacancyView> Vacancies,
    LastChange LastChange, bool Ended);

/// <summary>Loads services for the provider and service pages in a fixed number of queries.</summary>
public static class ServiceDetails
{
    public const string SourceEdit = "úprava v KISSoS (poskytovatel nebo krajský úřad)";
    public const string SourceRefresh = "obnova z registru poskytovatelů sociálních služeb MPSV";
    public const string SourceImport = "výpis z registru poskytovatelů sociálních služeb MPSV";

    public static async Task<List<ServiceView>> LoadAsync(KissosDb db, Expression<Func<Service, bool>> which, DateOnly today, CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().Where(which).Include(s => s.Places).ThenInclude(sp => sp.Place)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).AsSplitQuery().ToListAsync(ct);
        if (services.Count == 0) return [];

        var icos = services.Select(s => s.ProviderIco).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => icos.Contains(p.Ico)).ToDictionaryAsync(p => p.Ico, ct);
        var druhy = await db.Druhy.AsNoTracking().ToDictionaryAsync(d => d.Code, ct);
        var formy = await db.Formy.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Name, ct);
        var types = await db.CapacityTypes.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var groups = await db.TargetGroups.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, ct);
        var ages = await db.AgeCategories.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        var obecCodes = services.SelectMany(s => s.CatchmentObce.Concat(s.Places.Select(p => p.Place!.ObecCode))).Distinct().ToList();
        var obce = await db.Obce.AsNoTracking().Where(o => obecCodes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        var orpCodes = services.SelectMany(s => s.CatchmentOrp).Distinct().ToList();
        var orp = await db.Orp.AsNoTracking().Where(o => orpCodes.Contains(o.CsuCode)).ToDictionaryAsync(o => o.CsuCode, o => o.Name, ct);
        var ids = services.Select(s => s.Id).ToList();
        var vacancies = (await db.Vacancies.AsNoTracking()
                .Where(v => ids.Contains(v.ServiceId) && v.WithdrawnAt == null && v.ValidUntil >= today)
                .OrderBy(v => v.AvailableFrom).ThenBy(v => v.Id).ToListAsync(ct))
            .ToLookup(v => v.ServiceId);
        var lastRefresh = await LastRefreshAsync(db, ct);

        return services.Select(s =>
        {
            var places = s.Places.OrderBy(p => p.FacilityName).ThenBy(p => p.PlaceId).Select(sp =>
            {
                var place = sp.Place!;
                var point = place.Location is null ? null : Crs.ToWgs84(place.Location).Coordinate;
                return new PlaceView(place.Id, sp.FacilityName, PlaceAddress.Format(place, obce[place.ObecCode]), obce[place.ObecCode], point?.Y, point?.X);
            }).ToList();
            var ended = s.ValidTo is { } end && end < today;
            return new ServiceView(
                s, providers[s.ProviderIco], druhy[s.DruhCode],
                s.Forms.Select(f => formy[f]).ToList(),
                s.Capacities.OrderBy(c => c.Form).ThenBy(c => c.CapacityType)
                    .Select(c => new CapacityView(formy[c.Form], types[c.CapacityType].Name, types[c.CapacityType].Unit, c.Amount)).ToList(),
                s.TargetGroups.Select(g => groups.GetValueOrDefault(g, g)).Order(StringComparer.Create(Html.Czech, false)).ToList(),
                ages.Where(a => s.AgeCategories.Contains(a.Code)).Select(a => a.Name).ToList(),
                places,
                s.CatchmentObce.Select(o => obce.GetValueOrDefault(o, o)).Order(StringComparer.Create(Html.Czech, false)).ToList(),
                s.CatchmentOrp.Select(o => orp.GetValueOrDefault(o, o)).Order(StringComparer.Create(Html.Czech, false)).ToList(),
                ended ? [] : vacancies[s.Id].Select(v => new VacancyView(
                    v.Places, places.FirstOrDefault(p => p.Id == v.PlaceId)?.FacilityName ?? s.Name, v.AvailableFrom, v.ValidUntil,
                    v.TargetGroup is null ? null : groups.GetValueOrDefault(v.TargetGroup, v.TargetGroup), v.Description,
                    v.BarrierFree, v.ContactName, v.ContactPhone, v.ContactEmail)).ToList(),
                LastChangeOf(s, lastRefresh), ended);
        }).ToList();
    }

    /// <summary>When the last successful registry refresh finished; null when none has run.</summary>
    public static Task<DateTimeOffset?> LastRefreshAsync(KissosDb db, CancellationToken ct) =>
        db.Refreshes.Where(r => r.Succeeded).MaxAsync(r => (DateTimeOffset?)r.FinishedAt, ct);

    /// <summary>An edit in KISSoS after the last registry refresh is the newer source; otherwise the refresh (or the first import).</summary>
    public static LastChange LastChangeOf(Service service, DateTimeOffset? lastRefresh) =>
        (service.UpdatedAt, lastRefresh) switch
        {
            ({ } edited, var refreshed) when refreshed is null || edited > refreshed => new LastChange(edited, SourceEdit),
            (_, { } refreshed) => new LastChange(refreshed, SourceRefresh),
            _ => new LastChange(null, SourceImport),
        };
}
