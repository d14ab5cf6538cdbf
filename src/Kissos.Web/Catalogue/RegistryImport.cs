using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Kissos.Catalogue;

/// <summary>
/// Loads the real registry records of the two regions (shared/domain/registr_olk_zlk.jsonl: one line per
/// service and place). Fields missing in the source stay empty. Runs in the caller's transaction.
/// </summary>
public static partial class RegistryImport
{
    public const string RegistryFile = "domain/registr_olk_zlk.jsonl";
    private const string DruhPrefix = "DruhSocialniSluzby/";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public sealed record Counts(int Providers, int Services, int Places);

    public static async Task<Counts> RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        var path = options.ResolveData(RegistryFile);
        var known = await KnownCodes.LoadAsync(db, ct);
        var errors = new ImportErrorList(Path.GetFileName(path));
        var providers = new Dictionary<string, Provider>();
        var services = new Dictionary<string, Service>();
        var places = new Dictionary<string, (Place Place, int Line)>();

        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            RegistryLine? record;
            try { record = JsonSerializer.Deserialize<RegistryLine>(line, JsonOptions); }
            catch (JsonException e) { errors.Add(lineNumber, $"neplatný JSON: {e.Message}"); continue; }
            if (record is null) { errors.Add(lineNumber, "prázdný záznam"); continue; }

            var problems = Validate(record, known);
            if (problems.Count > 0) { problems.ForEach(p => errors.Add(lineNumber, p)); continue; }

            providers.TryAdd(record.Ico!, new Provider { Ico = record.Ico!, Name = record.Poskytovatel!.Trim() });
            if (!places.ContainsKey(record.PlaceId!))
                places[record.PlaceId!] = (ToPlace(record), lineNumber);
            if (!services.TryGetValue(record.ServiceId!, out var service))
                services[record.ServiceId!] = service = ToService(record);
            if (service.Places.Any(p => p.PlaceId == record.PlaceId))
                errors.Add(lineNumber, $"služba {record.ServiceId} je v místě {record.PlaceId} podruhé");
            else
                service.Places.Add(new ServicePlace { ServiceId = service.Id, PlaceId = record.PlaceId!, FacilityName = record.Nazev!.Trim() });
        }
        errors.ThrowIfAny();

        // The registry is the source of the registered facts; what providers add (description, target groups,
        // catchment area, places of their own) is kept.
        await EntityMerge.MergeAsync(db, providers.Values, p => p.Ico, ct, (incoming, current) => current.Name = incoming.Name);
        await EntityMerge.MergeAsync(db, places.Values.Select(p => p.Place), p => p.Id, ct);
        await db.SaveChangesAsync(ct);
        var stored = await db.Services.Include(s => s.Places).ToDictionaryAsync(s => s.Id, ct);
        foreach (var service in services.Values)
        {
            if (!stored.TryGetValue(service.Id, out var current))
            {
                db.Services.Add(service);
                continue;
            }
            CopyRegistryFacts(service, current);
            foreach (var link in service.Places)
            {
                if (current.Places.FirstOrDefault(p => p.PlaceId == link.PlaceId) is { } existing) existing.FacilityName = link.FacilityName;
                else current.Places.Add(link);
            }
        }
        await db.SaveChangesAsync(ct);

        var outside = await db.Database.SqlQueryRaw<string>(CatalogueSql.PlacesOutsideTheirObec).ToListAsync(ct);
        foreach (var placeId in outside) errors.Add(places[placeId].Line, $"místo {placeId} neleží ve své obci");
        errors.ThrowIfAny();
        return new Counts(providers.Count, services.Count, places.Count);
    }

    private static List<string> Validate(RegistryLine r, KnownCodes known)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(r.ServiceId)) problems.Add("chybí serviceId");
        if (string.IsNullOrWhiteSpace(r.PlaceId)) problems.Add("chybí placeId");
        if (string.IsNullOrWhiteSpace(r.Nazev)) problems.Add("chybí název služby");
        if (string.IsNullOrWhiteSpace(r.Poskytovatel)) problems.Add("chybí název poskytovatele");
        if (r.Ico is null) problems.Add("chybí IČO");
        else if (Ico.Error(r.Ico) is { } invalid) problems.Add(invalid);
        if (r.KodObce is null || !known.Obce.Contains(r.KodObce)) problems.Add($"neznámý kód obce '{r.KodObce}'");
        if (DruhCode(r.DruhKod) is not { } druh || !known.Druhy.Contains(druh)) problems.Add($"neznámý druh služby '{r.DruhKod}'");
        if (r.Lat is null != r.Lng is null) problems.Add("souřadnice jsou uvedeny jen zčásti");
        if (r.Lat is { } lat && r.Lng is { } lng && !Crs.CzechiaWgs84.Contains(lng, lat))
            problems.Add($"bod {lat}, {lng} leží mimo Českou republiku");
        if (ParseDate(r.Od) is false || ParseDate(r.Do) is false) problems.Add("neplatné datum registrace (očekáván RRRR-MM-DD)");
        foreach (var form in r.Formy ?? [])
        {
            if (form.Forma is null || !known.Formy.Contains(form.Forma)) problems.Add($"neznámá forma '{form.Forma}'");
            foreach (var c in form.Kapacita ?? [])
            {
                if (c.Typ is null || !known.CapacityTypes.Contains(c.Typ)) problems.Add($"neznámý typ kapacity '{c.Typ}'");
                if (c.Pocet is null or < 0) problems.Add($"kapacita '{c.Typ}' musí být nezáporné celé číslo");
            }
        }
        return problems;
    }

    /// <summary>Copies what the registry records about a service; lists and capacities only when they differ, so a re-run changes nothing.</summary>
    public static void CopyRegistryFacts(Service from, Service to)
    {
        to.Name = from.Name;
        to.ProviderIco = from.ProviderIco;
        to.DruhCode = from.DruhCode;
        to.ValidFrom = from.ValidFrom;
        to.ValidTo = from.ValidTo;
        if (!to.Forms.SequenceEqual(from.Forms)) to.Forms = from.Forms;
        if (!to.Webs.SequenceEqual(from.Webs)) to.Webs = from.Webs;
        if (!to.Emails.SequenceEqual(from.Emails)) to.Emails = from.Emails;
        if (!to.Phones.SequenceEqual(from.Phones)) to.Phones = from.Phones;
        if (!ServiceCapacity.SameSet(to.Capacities, from.Capacities)) to.Capacities = from.Capacities;
    }

    private static bool? ParseDate(string? s) => s is null ? null : DateOnly.TryParseExact(s, "yyyy-MM-dd", out _);

    private static string? DruhCode(string? registryId) =>
        registryId is not null && registryId.StartsWith(DruhPrefix, StringComparison.Ordinal) ? registryId[DruhPrefix.Length..] : null;

    private static Service ToService(RegistryLine r) => new()
    {
        Id = r.ServiceId!,
        Name = r.Nazev!.Trim(),
        ProviderIco = r.Ico!,
        DruhCode = DruhCode(r.DruhKod)!,
        Forms = r.Formy!.Select(f => f.Forma!).Distinct().ToList(),
        Capacities = r.Formy!.SelectMany(f => (f.Kapacita ?? []).Select(c => new ServiceCapacity
        {
            Form = f.Forma!, CapacityType = c.Typ!, Amount = c.Pocet!.Value,
        })).ToList(),
        ValidFrom = r.Od is null ? null : DateOnly.ParseExact(r.Od, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValidTo = r.Do is null ? null : DateOnly.ParseExact(r.Do, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Webs = r.Weby ?? [],
        Emails = r.Emaily ?? [],
        Phones = r.Telefony ?? [],
    };

    private static Place ToPlace(RegistryLine r) => new()
    {
        Id = r.PlaceId!,
        AddressPointCode = r.KodAdresnihoMista,
        Street = r.Ulice,
        HouseNumber = r.CisloDomovni,
        OrientationNumber = r.CisloOrientacni?.ToString(),
        PostCode = r.Psc,
        Quarter = r.CastObce,
        ObecCode = r.KodObce!,
        Location = r.Lat is { } lat && r.Lng is { } lng
            ? (Point)Crs.ToSJtsk(new Point(lng, lat) { SRID = Crs.Wgs84 })
            : null,
    };

    [GeneratedRegex(@"^\d{8}$")] public static partial Regex IcoPattern();

    private sealed record RegistryLine(
        string? PlaceId, long? KodAdresnihoMista, string? Ulice, int? CisloDomovni, JsonElement? CisloOrientacni,
        string? Psc, string? KodObce, string? CastObce, double? Lat, double? Lng, string? ServiceId, string? Nazev,
        string? Poskytovatel, string? Ico, string? DruhKod, List<RegistryForm>? Formy, string? Od, string? Do,
        List<string>? Weby, List<string>? Emaily, List<string>? Telefony);

    private sealed record RegistryForm(string? Forma, List<RegistryCapacity>? Kapacita);

    private sealed record RegistryCapacity(string? Typ, int? Pocet);
}
