using System.Globalization;
using Kissos.Catalogue;
using Kissos.Territory;

namespace Kissos.Registry;

/// <summary>Collects the changes a refresh finds into its report: new and ended services, capacity changes, moved places.</summary>
public sealed class ChangeReport(
    Refresh refresh, IReadOnlyDictionary<string, string> obecNames, IReadOnlyDictionary<string, string> krajOf,
    IReadOnlyDictionary<string, string> formNames, IReadOnlyDictionary<string, string> capacityTypeNames)
{
    public void Add(string kind, Service service, IEnumerable<Place> places, string? placeId, string? oldValue, string? newValue, string detail)
    {
        refresh.Changes.Add(new RefreshChange
        {
            Kind = kind, ServiceId = service.Id, ServiceName = service.Name, ProviderIco = service.ProviderIco,
            Kraje = places.Select(p => krajOf[p.ObecCode]).Distinct().Order(StringComparer.Ordinal).ToList(),
            PlaceId = placeId, OldValue = oldValue, NewValue = newValue, Detail = detail,
        });
        switch (kind)
        {
            case ChangeKinds.New: refresh.ServicesNew++; break;
            case ChangeKinds.Ended: refresh.ServicesEnded++; break;
            case ChangeKinds.Capacity: refresh.CapacityChanges++; break;
            case ChangeKinds.Moved: refresh.MovedPlaces++; break;
        }
    }

    /// <summary>One row per form and capacity type whose registered maximum changed, appeared or went.</summary>
    public void Capacities(Service service, List<Place> places, List<ServiceCapacity> before, List<ServiceCapacity> after)
    {
        var old = before.ToDictionary(c => (c.Form, c.CapacityType), c => c.Amount);
        var now = after.ToDictionary(c => (c.Form, c.CapacityType), c => c.Amount);
        foreach (var key in old.Keys.Union(now.Keys).Order())
        {
            int? was = old.TryGetValue(key, out var o) ? o : null, @is = now.TryGetValue(key, out var n) ? n : null;
            if (was == @is) continue;
            Add(ChangeKinds.Capacity, service, places, null, was?.ToString(CultureInfo.InvariantCulture), @is?.ToString(CultureInfo.InvariantCulture),
                $"{Lower(formNames[key.Form])}: {Lower(capacityTypeNames[key.CapacityType])}");
        }
    }

    /// <summary>
    /// Places of the registry that the service gained or lost (one row), and address points whose position moved
    /// (a row per place). Places providers added themselves are theirs and not compared.
    /// </summary>
    public void Places(Service service, List<Place> places, List<ServicePlace> before, List<ServicePlace> after,
        Dictionary<string, Place> oldPlaces, Dictionary<string, Place> newPlaces)
    {
        var old = before.Where(l => !l.PlaceId.StartsWith(RpssImport.ProviderPlacePrefix, StringComparison.Ordinal))
            .ToDictionary(l => l.PlaceId, l => oldPlaces.GetValueOrDefault(l.PlaceId) ?? l.Place!);
        var now = after.ToDictionary(l => l.PlaceId, l => newPlaces[l.PlaceId]);
        var removed = old.Keys.Except(now.Keys).Order(StringComparer.Ordinal).ToList();
        var added = now.Keys.Except(old.Keys).Order(StringComparer.Ordinal).ToList();
        if (removed.Count > 0 || added.Count > 0)
        {
            var detail = (removed.Count, added.Count) switch
            {
                (0, _) => "přibylo místo poskytování",
                (_, 0) => "ubylo místo poskytování",
                _ => "místo poskytování se změnilo",
            };
            Add(ChangeKinds.Moved, service, places, null, Addresses(removed.Select(id => old[id])), Addresses(added.Select(id => now[id])), detail);
        }
        foreach (var id in old.Keys.Intersect(now.Keys).Order(StringComparer.Ordinal))
        {
            if (old[id].Location is not { } from || now[id].Location is not { } to) continue;
            var distance = from.Distance(to);
            if (distance < RpssImport.MoveThresholdMetres) continue;
            Add(ChangeKinds.Moved, service, places, id, LatLon(from), LatLon(to),
                $"bod adresního místa {Addresses([now[id]])} se posunul o {distance.ToString("F0", CultureInfo.InvariantCulture)} m");
        }
    }

    private static string Lower(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private string? Addresses(IEnumerable<Place> places)
    {
        var text = string.Join("; ", places.Select(p => PlaceAddress.Format(p, obecNames[p.ObecCode])));
        return text.Length == 0 ? null : text;
    }

    private static string LatLon(NetTopologySuite.Geometries.Point sjtsk)
    {
        var wgs84 = Crs.ToWgs84(sjtsk).Coordinate;
        return string.Create(CultureInfo.InvariantCulture, $"{wgs84.Y:F6}, {wgs84.X:F6}");
    }
}
