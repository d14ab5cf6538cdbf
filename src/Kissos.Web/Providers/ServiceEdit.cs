using System.Net.Mail;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Territory;
using NetTopologySuite.Geometries;

namespace Kissos.Providers;

/// <summary>A point typed or picked by the user: x/y in EPSG:4326 (lon/lat) or EPSG:5514 (S-JTSK metres).</summary>
public sealed record PointInput(double X, double Y, string Crs);

/// <summary>A place as edited; Kraj (NUTS3 of the obec) is only sent out, for the form's territory pickers.</summary>
public sealed record PlaceEdit(
    string? Id, string FacilityName, string? Street, int? HouseNumber, string? OrientationNumber, string? PostCode,
    string ObecCode, PointInput? Point, string? Kraj = null);

public sealed record CapacityEdit(string Form, string Type, int Amount);

/// <summary>What a provider may change on its service; the registry's name, druh and forms stay as registered.</summary>
public sealed record ServiceEdit(
    string? Description, List<string> Webs, List<string> Emails, List<string> Phones, List<CapacityEdit> Capacities,
    List<string> TargetGroups, List<string> AgeCategories, List<PlaceEdit> Places, List<string> CatchmentObce,
    List<string> CatchmentOrp, uint Version);

/// <summary>Validation of a service edit, every message in Czech under the field's name.</summary>
public static class ServiceEditRules
{
    public static Dictionary<string, string[]> Validate(ServiceEdit edit, Service service, KnownCodes known)
    {
        if (CheckShape(edit) is { Count: > 0 } shape) return shape.ToDictionary();
        var errors = new Dictionary<string, List<string>>();
        void Error(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        foreach (var email in edit.Emails.Where(e => !MailAddress.TryCreate(e, out _))) Error("emails", $"'{email}' není platná e-mailová adresa.");
        foreach (var c in edit.Capacities)
        {
            if (!service.Forms.Contains(c.Form)) Error("capacities", $"Služba nemá formu '{c.Form}'; kapacitu lze uvést jen u jejích forem ({string.Join(", ", service.Forms)}).");
            if (!known.CapacityTypes.Contains(c.Type)) Error("capacities", $"Neznámý typ kapacity '{c.Type}'.");
            if (c.Amount is < 0 or > 100_000) Error("capacities", $"Kapacita {c.Amount} musí být 0 až 100 000.");
        }
        if (edit.Capacities.GroupBy(c => (c.Form, c.Type)).Any(g => g.Count() > 1)) Error("capacities", "Každá forma a typ kapacity smí být uvedeny jen jednou.");
        foreach (var code in edit.TargetGroups.Where(c => !known.TargetGroups.Contains(c))) Error("targetGroups", $"Neznámá cílová skupina '{code}'.");
        foreach (var code in edit.AgeCategories.Where(c => !known.AgeCategories.Contains(c))) Error("ageCategories", $"Neznámá věková kategorie '{code}'.");
        foreach (var code in edit.CatchmentObce.Where(c => !known.Obce.Contains(c))) Error("catchmentObce", $"Neznámá obec '{code}'.");
        foreach (var code in edit.CatchmentOrp.Where(c => !known.Orp.Contains(c))) Error("catchmentOrp", $"Neznámé ORP '{code}'.");
        if (edit.Places.Count == 0) Error("places", "Služba musí mít alespoň jedno místo poskytování.");
        if (edit.Places.Where(p => p.Id is not null).GroupBy(p => p.Id).Any(g => g.Count() > 1)) Error("places", "Každé místo smí být uvedeno jen jednou.");
        for (var i = 0; i < edit.Places.Count; i++)
        {
            var place = edit.Places[i];
            var field = $"places[{i}]";
            if (place.Id is not null && service.Places.All(p => p.PlaceId != place.Id)) Error(field, $"Místo '{place.Id}' k této službě nepatří.");
            if (string.IsNullOrWhiteSpace(place.FacilityName)) Error(field, "Název zařízení je povinný.");
            if (place.HouseNumber is < 1 or > 99_999) Error(field, $"Číslo domovní {place.HouseNumber} musí být 1 až 99 999.");
            if (!known.Obce.Contains(place.ObecCode)) Error(field, $"Neznámá obec '{place.ObecCode}'.");
            if (place.Point is { } point && ToSJtsk(point) is null)
                Error(field, $"Souřadnice {point.X}, {point.Y} ({point.Crs}) neleží v České republice nebo nejsou v EPSG:4326 či EPSG:5514.");
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>Every member present, no list with null items, no text or list above its limit: checked before anything reads them.</summary>
    private static FieldErrors CheckShape(ServiceEdit edit)
    {
        var errors = new FieldErrors();
        errors.Text("description", "Popis", edit.Description, CatalogueLimits.Description);
        errors.Texts("webs", "Weby", edit.Webs, CatalogueLimits.Contacts, CatalogueLimits.Web);
        errors.Texts("emails", "E-maily", edit.Emails, CatalogueLimits.Contacts, CatalogueLimits.Email);
        errors.Texts("phones", "Telefony", edit.Phones, CatalogueLimits.Contacts, CatalogueLimits.Phone);
        errors.List("capacities", "Kapacity", edit.Capacities, CatalogueLimits.Capacities);
        foreach (var c in edit.Capacities ?? [])
        {
            if (c is null) continue;
            errors.Text("capacities", "Forma", c.Form, CatalogueLimits.Id, required: true);
            errors.Text("capacities", "Typ kapacity", c.Type, CatalogueLimits.Id, required: true);
        }
        errors.Texts("targetGroups", "Cílové skupiny", edit.TargetGroups, CatalogueLimits.Codes, CatalogueLimits.Id);
        errors.Texts("ageCategories", "Věkové kategorie", edit.AgeCategories, CatalogueLimits.Codes, CatalogueLimits.Id);
        errors.Texts("catchmentObce", "Působnost v obcích", edit.CatchmentObce, CatalogueLimits.CatchmentObce, CatalogueLimits.Id);
        errors.Texts("catchmentOrp", "Působnost v ORP", edit.CatchmentOrp, CatalogueLimits.CatchmentOrp, CatalogueLimits.Id);
        if (errors.List("places", "Místa poskytování", edit.Places, CatalogueLimits.Places))
            for (var i = 0; i < edit.Places.Count; i++)
            {
                var place = edit.Places[i];
                var field = $"places[{i}]";
                errors.Text(field, "Id místa", place.Id, CatalogueLimits.Id);
                errors.Text(field, "Název zařízení", place.FacilityName, CatalogueLimits.Name, required: true);
                errors.Text(field, "Ulice", place.Street, CatalogueLimits.Street);
                errors.Text(field, "Číslo orientační", place.OrientationNumber, CatalogueLimits.OrientationNumber);
                errors.Text(field, "PSČ", place.PostCode, CatalogueLimits.PostCode);
                errors.Text(field, "Obec", place.ObecCode, CatalogueLimits.Id, required: true);
                if (place.Point is { Crs: null }) errors.Add(field, "Bod místa musí uvádět souřadnicový systém (crs).");
            }
        return errors;
    }

    /// <summary>
    /// Whether a submitted point is the stored one as it was served and shown: in WGS84 to half a unit of the
    /// form's 6th decimal (about 5 cm), in S-JTSK to half a centimetre. Such a point keeps the stored S-JTSK
    /// coordinates, so a save that changes nothing does not move the place by the round trip through WGS84.
    /// </summary>
    public static bool IsStoredPoint(Point? stored, PointInput submitted)
    {
        if (stored is null) return false;
        if (submitted.Crs == "EPSG:5514") return Within(stored.Coordinate, submitted, 0.005);
        return submitted.Crs == "EPSG:4326" && Within(Crs.ToWgs84(stored).Coordinate, submitted, 0.000_000_5);
    }

    private static bool Within(Coordinate c, PointInput point, double tolerance) =>
        Math.Abs(c.X - point.X) <= tolerance * (1 + 1e-9) && Math.Abs(c.Y - point.Y) <= tolerance * (1 + 1e-9);

    /// <summary>The point in S-JTSK, or null when its CRS is unknown or it lies outside Czechia.</summary>
    public static Point? ToSJtsk(PointInput point)
    {
        if (!double.IsFinite(point.X) || !double.IsFinite(point.Y)) return null;
        var wgs84 = point.Crs switch
        {
            "EPSG:4326" => new Point(point.X, point.Y) { SRID = Crs.Wgs84 },
            "EPSG:5514" => (Point)Crs.ToWgs84(new Point(point.X, point.Y) { SRID = Crs.SJtsk }),
            _ => null,
        };
        return wgs84 is not null && Crs.CzechiaWgs84.Contains(wgs84.Coordinate) ? (Point)Crs.ToSJtsk(wgs84) : null;
    }
}
