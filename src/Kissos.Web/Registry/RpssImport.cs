using System.Globalization;
using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Registry;

/// <summary>
/// Imports the official MPSV open-data file rpss.json into the catalogue, with the places' points from ČÚZK's
/// address-point CSV, and finds what changed. Runs in the caller's transaction; a bad record anywhere throws
/// ImportFailedException before anything is written.
/// <list type="bullet">
/// <item>Services are keyed <c>mpsv-&lt;portalId&gt;</c>, the same ids as the regional extract, so both agree.</item>
/// <item>Ended registrations are not imported; a stored service whose registration ended (or that vanished from the
/// file) gets its end date (ValidTo), stays in the database for vacancies and registers, and leaves the map.</item>
/// <item>What the registry holds overwrites what is stored; what it lacks (description, regional network,
/// catchment area, places providers added themselves) is kept.</item>
/// </list>
/// </summary>
public static class RpssImport
{
    public const string LegalFormsFile = "domain/mpsv-ciselniky/forma_pravni_data.json";

    /// <summary>Moves of an address point shorter than this are rounding, not a move.</summary>
    public const double MoveThresholdMetres = 1.0;

    /// <summary>
    /// A file that lacks more than this share of the stored active services (and more than MissingAbsolute of them)
    /// is taken for a broken export and refused: the registry keeps ended registrations, it does not drop them.
    /// </summary>
    public const double MissingShareLimit = 0.05;
    public const int MissingAbsolute = 20;

    public static async Task RunAsync(
        KissosDb db, KissosOptions options, string rpssPath, string addressesPath, DateOnly today, Refresh refresh, CancellationToken ct)
    {
        var context = await LoadContextAsync(db, options, today, ct);
        var territory = await db.Obce.Join(db.Orp, o => o.OrpCsuCode, r => r.CsuCode, (o, r) => new { o.Code, o.Name, r.KrajNuts3 })
            .ToListAsync(ct);
        var krajOf = territory.ToDictionary(t => t.Code, t => t.KrajNuts3);
        var obecName = territory.ToDictionary(t => t.Code, t => t.Name);
        var scope = options.Registry.Kraje.ToHashSet();
        var errors = new ImportErrorList(Path.GetFileName(rpssPath));
        foreach (var kraj in scope.Where(k => !context.Known.Kraje.Contains(k))) errors.Add(0, $"nastavení Kissos:Registry:Kraje: neznámý kraj '{kraj}'");

        var drafts = await ReadAsync(rpssPath, context, errors, refresh, ct);
        errors.ThrowIfAny();
        if (drafts.Count == 0) errors.Add(0, "soubor neobsahuje žádnou registraci služby");
        errors.ThrowIfAny();

        var stored = await db.Services.Include(s => s.Places).ThenInclude(sp => sp.Place).AsSplitQuery().ToDictionaryAsync(s => s.Id, ct);
        HashSet<string> KrajeOf(IEnumerable<string?> obce) => obce.OfType<string>().Select(o => krajOf[o]).ToHashSet();
        bool InScope(IEnumerable<string?> obce) => scope.Count == 0 || KrajeOf(obce).Overlaps(scope);
        // A stored service is refreshed wherever it is now; a new one comes in when it has a place in the kraje.
        var active = drafts.Values
            .Where(d => !d.Ended && (stored.ContainsKey(d.Id) || InScope(d.Facilities.Select(f => f.ObecCode).Concat(d.ContactObce))))
            .OrderBy(d => d.Number).ToList();

        var facilities = active.SelectMany(d => d.Facilities).ToList();
        var wanted = facilities.Where(f => !f.Secret && f.AddressCode is not null).Select(f => f.AddressCode!.Value).ToHashSet();
        var addressErrors = new ImportErrorList(Path.GetFileName(addressesPath));
        var points = AddressPoints.Load(addressesPath, wanted, addressErrors);
        addressErrors.ThrowIfAny();

        refresh.ServicesActive = active.Count;
        refresh.Facilities = facilities.Count;
        refresh.SecretFacilities = facilities.Count(f => f.Secret);
        refresh.FacilitiesWithoutCode = facilities.Count(f => !f.Secret && f.AddressCode is null);
        refresh.AddressCodes = wanted.Count;
        refresh.AddressCodesNotFound = wanted.Count - points.Count;

        var places = BuildPlaces(facilities, points, context.Known, refresh);
        var placeIds = places.Keys.ToArray();
        var oldPlaces = await db.Places.AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var providers = active.Select(d => d.Provider!).DistinctBy(p => p.Ico).Select(p => new Provider
        {
            Ico = p.Ico, Name = p.Name, LegalForm = p.LegalForm, Web = p.Web, Email = p.Email, Phone = p.Phone,
        });
        await EntityMerge.MergeAsync(db, providers, p => p.Ico, ct, (incoming, current) =>
        {
            current.Name = incoming.Name;
            current.LegalForm = incoming.LegalForm ?? current.LegalForm;
            current.Web = incoming.Web ?? current.Web;
            current.Email = incoming.Email ?? current.Email;
            current.Phone = incoming.Phone ?? current.Phone;
        });
        await EntityMerge.MergeAsync(db, places.Values, p => p.Id, ct);

        var report = new ChangeReport(refresh, obecName, krajOf,
            await db.Formy.ToDictionaryAsync(f => f.Code, f => f.Name, ct), await db.CapacityTypes.ToDictionaryAsync(c => c.Code, c => c.Name, ct));
        foreach (var draft in active)
        {
            var links = draft.Facilities.Where(f => f.PlaceId is { } id && places.ContainsKey(id)).GroupBy(f => f.PlaceId!)
                .Select(g => new ServicePlace
                {
                    ServiceId = draft.Id, PlaceId = g.Key,
                    // A secret facility is listed under the service's name: the facility's own name may tell where it is.
                    FacilityName = g.First().Secret ? draft.Name : g.First().Name,
                }).ToList();
            var service = ToService(draft, links);
            if (!stored.TryGetValue(draft.Id, out var current))
            {
                db.Services.Add(service);
                report.Add(ChangeKinds.New, service, links.Select(l => places[l.PlaceId]), null, null, null, "nová registrace");
                continue;
            }
            var oldLinks = current.Places.Select(l => l.Place!).ToList();
            var krajePlaces = oldLinks.Concat(links.Select(l => places[l.PlaceId])).ToList();
            if (current.ValidTo < today)
                report.Add(ChangeKinds.New, service, krajePlaces, null, null, null, $"registrace znovu platná (dříve ukončena k {current.ValidTo:yyyy-MM-dd})");
            report.Capacities(service, krajePlaces, current.Capacities, service.Capacities);
            report.Places(service, krajePlaces, current.Places, links, oldPlaces, places);
            ApplyLinks(current, links);
            CopyFacts(service, current);
        }

        var storedActive = stored.Values.Count(s => s.Id.StartsWith(RpssMapping.ServicePrefix, StringComparison.Ordinal) && !(s.ValidTo < today));
        var missing = new List<Service>();
        foreach (var current in stored.Values.Where(s => s.Id.StartsWith(RpssMapping.ServicePrefix, StringComparison.Ordinal) && !(s.ValidTo < today)))
        {
            var currentPlaces = current.Places.Select(l => l.Place!).ToList();
            if (drafts.TryGetValue(current.Id, out var draft))
            {
                if (!draft.Ended) continue;
                current.ValidTo = draft.ValidTo;
                report.Add(ChangeKinds.Ended, current, currentPlaces, null, null, $"{draft.ValidTo:yyyy-MM-dd}", "registrace ukončena");
            }
            else if (InScope(currentPlaces.Select(p => p.ObecCode)))
            {
                missing.Add(current);
                current.ValidTo = today.AddDays(-1);
                report.Add(ChangeKinds.Ended, current, currentPlaces, null, null, $"{current.ValidTo:yyyy-MM-dd}", "služba v souboru registru chybí");
            }
        }
        if (missing.Count > MissingAbsolute && missing.Count > storedActive * MissingShareLimit)
        {
            errors.Add(0, $"v souboru chybí {missing.Count} z {storedActive} platných služeb (více než {MissingShareLimit:P0}): " +
                          "soubor je zřejmě neúplný, obnova zamítnuta");
            errors.ThrowIfAny();
        }

        await db.SaveChangesAsync(ct);
        var outside = (await db.Database.SqlQueryRaw<string>(CatalogueSql.PlacesOutsideTheirObec).ToListAsync(ct))
            .Where(places.ContainsKey).ToList();
        if (outside.Count > 0)
            refresh.Warnings.Add($"{outside.Count} míst leží dále než 200 m od hranice své obce (obec podle kódu adresního místa): " +
                                 string.Join(", ", outside.Take(10)) + (outside.Count > 10 ? ", …" : ""));
        Warn(refresh, context, active, places.Keys.ToHashSet());
    }

    /// <summary>Reads the file item by item; a registration listed more than once is merged by its portalId.</summary>
    private static async Task<Dictionary<string, ServiceDraft>> ReadAsync(
        string path, RpssContext context, ImportErrorList errors, Refresh refresh, CancellationToken ct)
    {
        var drafts = new Dictionary<string, ServiceDraft>();
        var duplicates = 0;
        try
        {
            await using var file = File.OpenRead(path);
            await foreach (var item in JsonArrayStream.ReadAsync<RpssItem>(file, "polozky", RpssJson.Options, ct))
            {
                refresh.ServicesInFile++;
                if (item.Error is not null || item.Value is null)
                {
                    errors.Add(item.Number, item.Error ?? "prázdná položka");
                    continue;
                }
                var problems = new List<string>();
                var draft = RpssMapping.Map(item.Value, item.Number, context, problems);
                var portal = RpssJson.Text(item.Value.PortalId);
                foreach (var problem in problems) errors.Add(item.Number, $"portalId {portal}: {problem}");
                if (draft is null) continue;
                if (drafts.TryGetValue(draft.Id, out var earlier))
                {
                    duplicates++;
                    draft = RpssMapping.Merge(earlier, draft);
                }
                drafts[draft.Id] = draft;
            }
        }
        catch (Exception e) when (e is MalformedJsonException or IOException or UnauthorizedAccessException)
        {
            errors.Add(refresh.ServicesInFile + 1, e.Message);
        }
        if (duplicates > 0) refresh.Warnings.Add($"{duplicates} položek opakuje registraci se stejným portalId: sloučeny");
        return drafts;
    }

    private static async Task<RpssContext> LoadContextAsync(KissosDb db, KissosOptions options, DateOnly today, CancellationToken ct)
    {
        var known = await KnownCodes.LoadAsync(db, ct);
        var druhy = await db.Druhy.ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var legalForms = new Dictionary<string, string>();
        var legalFormsPath = options.ResolveData(LegalFormsFile);
        if (File.Exists(legalFormsPath))
        {
            await using var file = File.OpenRead(legalFormsPath);
            using var doc = await JsonDocument.ParseAsync(file, cancellationToken: ct);
            foreach (var item in doc.RootElement.GetProperty("seznam").EnumerateArray())
                legalForms[item.GetProperty("kod").GetString()!] = item.GetProperty("nazev").GetString()!;
        }
        return new RpssContext(known, druhy, legalForms, today);
    }

    /// <summary>
    /// One place per address point (or per obec for secret addresses): the point and the obec come from RÚIAN's
    /// address point when the code is found there (the code is trusted over the written address).
    /// </summary>
    private static Dictionary<string, Place> BuildPlaces(
        List<FacilityDraft> facilities, Dictionary<long, AddressPoint> points, KnownCodes known, Refresh refresh)
    {
        var places = new Dictionary<string, Place>();
        foreach (var f in facilities)
        {
            if (f.PlaceId is not { } id || places.ContainsKey(id)) continue;
            var point = f.AddressCode is { } code ? points.GetValueOrDefault(code) : null;
            var obec = point is not null && known.Obce.Contains(point.ObecCode) ? point.ObecCode : f.ObecCode;
            if (obec is null) continue; // an address code RÚIAN does not know, and no obec written: nowhere to put it
            places[id] = new Place
            {
                Id = id, ObecCode = obec, AddressPointCode = f.AddressCode, Street = f.Street, HouseNumber = f.HouseNumber,
                OrientationNumber = f.OrientationNumber, PostCode = f.PostCode, Quarter = point?.Quarter, Location = point?.Location,
            };
        }
        var noPlace = facilities.Count(f => f.PlaceId is not { } id || !places.ContainsKey(id));
        if (noPlace > 0) refresh.Warnings.Add($"{noPlace} zařízení nemá adresu ani obec (u utajené adresy se nic dalšího nezjišťuje): bez místa na mapě");
        return places;
    }

    private static void Warn(Refresh refresh, RpssContext context, List<ServiceDraft> active, IReadOnlySet<string> placeIds)
    {
        if (refresh.AddressCodesNotFound > 0)
            refresh.Warnings.Add($"{refresh.AddressCodesNotFound} z {refresh.AddressCodes} kódů adresních míst " +
                                 $"({refresh.AddressCodesNotFoundShare.ToString("P1", CultureInfo.GetCultureInfo("cs-CZ"))}) v souboru RÚIAN není: místa jsou bez bodu na mapě");
        if (refresh.FacilitiesWithoutCode > 0)
            refresh.Warnings.Add($"{refresh.FacilitiesWithoutCode} zařízení nemá kód adresního místa: místa jsou bez bodu na mapě (adresa se negeokóduje)");
        foreach (var (code, count) in context.UnknownCodes)
            refresh.Warnings.Add($"neznámá {code} není v číselníku (počet služeb: {count}): vynechána; doplňte číselník");
        var placeless = active.Where(d => d.Facilities.All(f => f.PlaceId is not { } id || !placeIds.Contains(id))).ToList();
        var nowhere = placeless.Count(d => d.ContactObce.Count == 0);
        if (placeless.Count > 0)
            refresh.Warnings.Add($"{placeless.Count} platných služeb nemá žádné platné zařízení s adresou: na mapě jsou jen v seznamu " +
                                 "jako „bez místa poskytování“ v obci kontaktní adresy" +
                                 (nowhere > 0 ? $"; {nowhere} z nich nemá ani kontaktní adresu s obcí a na mapě nejsou" : ""));
    }

    private static Service ToService(ServiceDraft d, List<ServicePlace> links) => new()
    {
        Id = d.Id, Identifier = d.Identifier, Name = d.Name, ProviderIco = d.Provider!.Ico, DruhCode = d.DruhCode,
        Forms = d.Forms, Capacities = d.Capacities, TargetGroups = d.TargetGroups, AgeCategories = d.AgeCategories,
        ValidFrom = d.ValidFrom, ValidTo = d.ValidTo, Webs = d.Webs, Emails = d.Emails, Phones = d.Phones, Places = links,
        ContactObecCode = d.ContactObce.FirstOrDefault(),
    };

    /// <summary>The registry's places of the service become exactly these; places a provider added (misto-k-…) stay.</summary>
    private static void ApplyLinks(Service current, List<ServicePlace> links)
    {
        var wanted = links.ToDictionary(l => l.PlaceId);
        current.Places.RemoveAll(l => !wanted.ContainsKey(l.PlaceId) && !l.PlaceId.StartsWith(ProviderPlacePrefix, StringComparison.Ordinal));
        foreach (var link in links)
        {
            if (current.Places.FirstOrDefault(l => l.PlaceId == link.PlaceId) is { } existing) existing.FacilityName = link.FacilityName;
            else current.Places.Add(link);
        }
    }

    public const string ProviderPlacePrefix = "misto-k-";

    private static void CopyFacts(Service from, Service to)
    {
        RegistryImport.CopyRegistryFacts(from, to);
        to.Identifier = from.Identifier;
        to.ContactObecCode = from.ContactObecCode;
        if (!to.TargetGroups.SequenceEqual(from.TargetGroups)) to.TargetGroups = from.TargetGroups;
        if (!to.AgeCategories.SequenceEqual(from.AgeCategories)) to.AgeCategories = from.AgeCategories;
    }
}
