using Kissos.Catalogue;
using NetTopologySuite.Geometries;

namespace Kissos.Providers;

/// <summary>A place link the edit keeps: whether its facility name changes, and whether the place row itself does.</summary>
public sealed record KeptPlace(ServicePlace Link, PlaceEdit Edit, bool LinkChanges, bool PlaceChanges);

/// <summary>
/// What a service edit does to the service's places: links removed, places added, links kept (renamed or moved or
/// not). Authorization looks at every place the edit touches, not only at the service in the URL.
/// </summary>
public sealed record PlaceChanges(List<ServicePlace> Removed, List<PlaceEdit> Added, List<KeptPlace> Kept)
{
    /// <summary>Compares the edit (already validated) with the service's stored places.</summary>
    public static PlaceChanges Of(Service service, List<PlaceEdit> edits)
    {
        var keptIds = edits.Where(e => e.Id is not null).Select(e => e.Id).ToHashSet();
        var kept = edits.Where(e => e.Id is not null).Select(e =>
        {
            var link = service.Places.Single(l => l.PlaceId == e.Id);
            return new KeptPlace(link, e, link.FacilityName != e.FacilityName.Trim(), Differs(link.Place!, e));
        }).ToList();
        return new(service.Places.Where(l => !keptIds.Contains(l.PlaceId)).ToList(), edits.Where(e => e.Id is null).ToList(), kept);
    }

    /// <summary>Stored places whose own row (address, obec, point) the edit changes.</summary>
    public List<string> ChangedPlaceIds => Kept.Where(k => k.PlaceChanges).Select(k => k.Link.PlaceId).ToList();

    /// <summary>Every place whose public data the edit changes, with each obec it is in before and after.</summary>
    public IEnumerable<(string Place, string ObecCode)> Touched() =>
        Removed.Select(l => (l.PlaceId, l.Place!.ObecCode))
            .Concat(Added.Select(e => (e.FacilityName, e.ObecCode)))
            .Concat(Kept.Where(k => k.LinkChanges || k.PlaceChanges)
                .SelectMany(k => new[] { (k.Link.PlaceId, k.Link.Place!.ObecCode), (k.Link.PlaceId, k.Edit.ObecCode) }));

    /// <summary>Writes the edit into the place row; a point that did not move keeps its stored coordinates exactly.</summary>
    public static void Write(Place place, PlaceEdit edit)
    {
        if (place.ObecCode != edit.ObecCode) place.Quarter = null; // a část obce belongs to its obec
        place.Street = Clean(edit.Street);
        place.HouseNumber = edit.HouseNumber;
        place.OrientationNumber = Clean(edit.OrientationNumber);
        place.PostCode = Clean(edit.PostCode);
        place.ObecCode = edit.ObecCode;
        if (!SamePoint(place.Location, edit.Point)) place.Location = edit.Point is null ? null : ServiceEditRules.ToSJtsk(edit.Point);
    }

    private static bool Differs(Place place, PlaceEdit edit) =>
        place.Street != Clean(edit.Street) || place.HouseNumber != edit.HouseNumber
        || place.OrientationNumber != Clean(edit.OrientationNumber) || place.PostCode != Clean(edit.PostCode)
        || place.ObecCode != edit.ObecCode || !SamePoint(place.Location, edit.Point);

    private static bool SamePoint(Point? stored, PointInput? input) => (stored, input) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        _ => ServiceEditRules.IsStoredPoint(stored, input),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
