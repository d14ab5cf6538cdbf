using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kissos.Catalogue;
using Kissos.Common;

namespace Kissos.Registry;

/// <summary>A facility (zařízení) of a registration, active on the day of the refresh and deduplicated.</summary>
public sealed record FacilityDraft(
    string Name, bool Secret, long? AddressCode, string? ObecCode, string? Street, int? HouseNumber,
    string? OrientationNumber, string? PostCode)
{
    /// <summary>
    /// The place of provision it maps to: the RÚIAN address point (the natural map unit: several services and
    /// providers share one), the obec alone for a secret address, or the written address when it has no code.
    /// </summary>
    public string? PlaceId => this switch
    {
        { Secret: true, ObecCode: { } obec } => $"misto-utajene-{obec}",
        { Secret: true } => null,
        { AddressCode: { } code } => $"misto-{code}",
        { ObecCode: { } obec } => "misto-adresa-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', obec, Street, HouseNumber, OrientationNumber, PostCode))), 0, 6),
        _ => null,
    };
}

/// <summary>The provider of a registration (no statutory bodies: those are personal data and never read).</summary>
public sealed record ProviderDraft(string Ico, string Name, string? LegalForm, string? Web, string? Email, string? Phone);

/// <summary>One registered service as the refresh will store it, merged from every item with its portalId.</summary>
public sealed class ServiceDraft
{
    public required string Id { get; init; }
    public required int Number { get; init; }
    public required bool Ended { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    // The rest is filled for active registrations only: an ended one needs nothing but its end.
    public string? Identifier { get; set; }
    public string Name { get; set; } = "";
    public ProviderDraft? Provider { get; set; }
    public string DruhCode { get; set; } = "";
    public List<string> Forms { get; set; } = [];
    public List<ServiceCapacity> Capacities { get; set; } = [];
    public List<string> TargetGroups { get; set; } = [];
    public List<string> AgeCategories { get; set; } = [];
    public List<string> Webs { get; set; } = [];
    public List<string> Emails { get; set; } = [];
    public List<string> Phones { get; set; } = [];
    public List<FacilityDraft> Facilities { get; set; } = [];
    /// <summary>
    /// Obce of the contact addresses (known codes, in the order listed): where a service without a public facility
    /// belongs, for the kraje filter; the first is stored as the service's contact obec.
    /// </summary>
    public List<string> ContactObce { get; set; } = [];
}

/// <summary>What the mapping needs to know: the code lists, the day of the refresh, and where to note problems.</summary>
public sealed record RpssContext(
    KnownCodes Known, IReadOnlyDictionary<string, string> DruhNames, IReadOnlyDictionary<string, string> LegalForms, DateOnly Today)
{
    /// <summary>Codes the file uses that the code lists lack, for target groups and age categories (dropped, reported).</summary>
    public SortedDictionary<string, int> UnknownCodes { get; } = new(StringComparer.Ordinal);
}

/// <summary>Turns items of rpss.json into service drafts, validating what an active registration must have.</summary>
public static partial class RpssMapping
{
    public const string ServicePrefix = "mpsv-";

    /// <summary>The draft of one item, or null with the reasons added to <paramref name="problems"/>.</summary>
    public static ServiceDraft? Map(RpssItem item, int number, RpssContext context, List<string> problems)
    {
        if (RpssJson.Text(item.PortalId) is not { } portal || !DigitsPattern().IsMatch(portal))
        {
            problems.Add($"chybí nebo je neplatné portalId '{item.PortalId}'");
            return null;
        }
        var from = Date(item.DatumPoskytovaniOd, "datumPoskytovaniOd", problems);
        var to = Date(item.DatumPoskytovaniDo, "datumPoskytovaniDo", problems);
        var draft = new ServiceDraft
        {
            Id = ServicePrefix + portal, Number = number, ValidFrom = from, ValidTo = to,
            Ended = to is { } end && end < context.Today,
        };
        if (draft.Ended) return problems.Count == 0 ? draft : null;

        var known = context.Known;
        draft.DruhCode = item.DruhSocialniSluzby?.Code("DruhSocialniSluzby") ?? "";
        if (!known.Druhy.Contains(draft.DruhCode)) problems.Add($"neznámý druh služby '{item.DruhSocialniSluzby?.Id}'");
        draft.Provider = MapProvider(item.Poskytovatel, context, problems);
        draft.Identifier = item.Identifikator?.Trim() is { Length: > 0 } identifier ? identifier : null;

        foreach (var form in item.Formy ?? [])
        {
            var code = form.Forma?.Code("FormaSocialniSluzby");
            if (code is null || !known.Formy.Contains(code)) { problems.Add($"neznámá forma '{form.Forma?.Id}'"); continue; }
            if (!draft.Forms.Contains(code)) draft.Forms.Add(code);
            foreach (var capacity in form.Kapacity ?? [])
            {
                var type = capacity.Typ?.Code("TypKapacitySocialniSluzby");
                if (type is null || !known.CapacityTypes.Contains(type)) { problems.Add($"neznámý typ kapacity '{capacity.Typ?.Id}'"); continue; }
                if (capacity.Pocet is null) continue;
                if (capacity.Pocet < 0) { problems.Add($"kapacita {capacity.Pocet} ({type}) je záporná"); continue; }
                // Capacity belongs to its form; a repeated form and type keeps the last listed.
                draft.Capacities.RemoveAll(c => c.Form == code && c.CapacityType == type);
                draft.Capacities.Add(new ServiceCapacity { Form = code, CapacityType = type, Amount = capacity.Pocet.Value });
            }
        }
        if (draft.Forms.Count == 0 && problems.Count == 0) problems.Add("služba nemá žádnou formu poskytování");

        draft.TargetGroups = KnownOnly((item.CiloveSkupiny ?? []).Select(g => g.CilovaSkupina?.Code("CilovaSkupinaOsoby")),
            known.TargetGroups, "cílová skupina", context);
        draft.AgeCategories = KnownOnly((item.VekoveSkupiny ?? []).Select(AgeCode), known.AgeCategories, "věková kategorie", context);
        draft.Facilities = MapFacilities(item.Zarizeni ?? [], context, problems);
        draft.ContactObce = (item.KontaktniAdresy ?? []).Select(a => a.Adresa?.Obec?.Code("Obec")).OfType<string>()
            .Where(known.Obce.Contains).Distinct().ToList();

        var provider = item.Poskytovatel;
        draft.Webs = Contacts(item.Weby?.Select(w => w.Web), provider?.Weby?.Select(w => w.Web));
        draft.Emails = Contacts(item.Emaily?.Select(e => e.Email), provider?.Emaily?.Select(e => e.Email));
        draft.Phones = Contacts(item.Telefony?.Select(t => t.Telefon), provider?.Telefony?.Select(t => t.Telefon));
        draft.Name = item.Nazev?.Trim() is { Length: > 0 } name ? name
            : draft.Facilities.FirstOrDefault(f => !f.Secret)?.Name
            ?? item.Zarizeni?.Select(z => z.Nazev?.Trim()).FirstOrDefault(n => !string.IsNullOrEmpty(n))
            ?? $"{context.DruhNames.GetValueOrDefault(draft.DruhCode, draft.DruhCode)} – {draft.Provider?.Name}";
        CheckLimits(draft, problems);
        return problems.Count == 0 ? draft : null;
    }

    /// <summary>The registry's texts and lists within the limits an edit has (a broken export is refused, not stored).</summary>
    private static void CheckLimits(ServiceDraft draft, List<string> problems)
    {
        var errors = new FieldErrors();
        errors.Text("nazev", "název", draft.Name, CatalogueLimits.Name);
        errors.Text("poskytovatel", "název poskytovatele", draft.Provider?.Name, CatalogueLimits.Name);
        errors.Texts("weby", "weby", draft.Webs, CatalogueLimits.Contacts, CatalogueLimits.Web);
        errors.Texts("emaily", "e-maily", draft.Emails, CatalogueLimits.Contacts, CatalogueLimits.Email);
        errors.Texts("telefony", "telefony", draft.Phones, CatalogueLimits.Contacts, CatalogueLimits.Phone);
        errors.List("zarizeni", "zařízení", draft.Facilities, CatalogueLimits.Places);
        foreach (var f in draft.Facilities)
        {
            errors.Text("zarizeni", "název zařízení", f.Name, CatalogueLimits.Name);
            errors.Text("zarizeni", "ulice", f.Street, CatalogueLimits.Street);
            errors.Text("zarizeni", "číslo orientační", f.OrientationNumber, CatalogueLimits.OrientationNumber);
            errors.Text("zarizeni", "PSČ", f.PostCode, CatalogueLimits.PostCode);
        }
        problems.AddRange(errors.ToDictionary().SelectMany(e => e.Value));
    }

    /// <summary>
    /// A registration listed twice (the same portalId) is one service: the active item gives the facts, the
    /// facilities of all active items are joined.
    /// </summary>
    public static ServiceDraft Merge(ServiceDraft first, ServiceDraft second)
    {
        if (first.Ended && second.Ended) return (second.ValidTo > first.ValidTo ? second : first);
        if (first.Ended) return second;
        if (second.Ended) return first;
        var (primary, other) = second.ValidFrom > first.ValidFrom ? (second, first) : (first, second);
        primary.Facilities = Deduplicate(primary.Facilities.Concat(other.Facilities));
        return primary;
    }

    private static ProviderDraft? MapProvider(RpssProvider? provider, RpssContext context, List<string> problems)
    {
        // IČO is text: leading zeros matter. Should a publisher ever send it as a number, the zeros are restored.
        var icoValue = provider?.Ico ?? default;
        var ico = RpssJson.Text(icoValue);
        if (ico is not null && icoValue.ValueKind == JsonValueKind.Number) ico = ico.PadLeft(8, '0');
        var before = problems.Count;
        if (ico is null || !RegistryImport.IcoPattern().IsMatch(ico)) problems.Add($"neplatné IČO poskytovatele '{ico}' (8 číslic)");
        if (string.IsNullOrWhiteSpace(provider?.Nazev)) problems.Add("chybí název poskytovatele");
        if (problems.Count > before) return null;
        var legalForm = provider!.PravniForma?.Code("FormaPravniSubjektivity") is { } form
            ? context.LegalForms.GetValueOrDefault(form) : null;
        return new ProviderDraft(ico!, provider.Nazev!.Trim(), legalForm,
            Contacts(provider.Weby?.Select(w => w.Web), null).FirstOrDefault(),
            Contacts(provider.Emaily?.Select(e => e.Email), null).FirstOrDefault(),
            Contacts(provider.Telefony?.Select(t => t.Telefon), null).FirstOrDefault());
    }

    private static List<FacilityDraft> MapFacilities(List<RpssFacility> facilities, RpssContext context, List<string> problems)
    {
        var result = new List<FacilityDraft>();
        foreach (var f in facilities)
        {
            var name = f.Nazev?.Trim() ?? "";
            var from = Date(f.PoskytujeOd, $"poskytujeOd zařízení '{name}'", problems);
            var to = Date(f.PoskytujeDo, $"poskytujeDo zařízení '{name}'", problems);
            // Both levels have end dates and they disagree: a facility counts only while it provides, too.
            if (from > context.Today || to < context.Today) continue;
            var address = f.Adresa;
            var obec = address?.Obec?.Code("Obec");
            if (obec is not null && !context.Known.Obce.Contains(obec))
            {
                problems.Add($"zařízení '{name}': neznámý kód obce '{address!.Obec!.Id}'");
                continue;
            }
            // A secret address (shelters, e.g. for victims of violence) keeps its obec at most: nothing else of it is read.
            result.Add(f.UtajenaAdresa == true
                ? new FacilityDraft(name, true, null, obec, null, null, null, null)
                : new FacilityDraft(name, false, address?.KodAdresnihoMista, obec, address?.Ulice?.Nazev?.Trim(),
                    address?.CisloDomovni, RpssJson.Text(address?.CisloOrientacni ?? default), address?.Psc?.Replace(" ", "")));
        }
        return Deduplicate(result);
    }

    /// <summary>The same facility listed again (floors, name variants): one per name and address point (and dates, already applied).</summary>
    private static List<FacilityDraft> Deduplicate(IEnumerable<FacilityDraft> facilities) =>
        facilities.DistinctBy(f => (f.Name, f.AddressCode, f.PlaceId)).ToList();

    private static List<string> KnownOnly(IEnumerable<string?> codes, IReadOnlySet<string> known, string what, RpssContext context)
    {
        var result = new List<string>();
        foreach (var code in codes.OfType<string>().Distinct())
        {
            if (known.Contains(code)) result.Add(code);
            else context.UnknownCodes[$"{what} {code}"] = context.UnknownCodes.GetValueOrDefault($"{what} {code}") + 1;
        }
        return result;
    }

    /// <summary>The age category of an item whose shape the format notes leave open: a reference string or an object holding one.</summary>
    private static string? AgeCode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new RpssRef(element.GetString()).Code("VekovaSkupinaOsoby"),
        JsonValueKind.Object => element.EnumerateObject().Select(p => AgeCode(p.Value)).FirstOrDefault(c => c is not null)
            ?? (element.TryGetProperty("id", out var id) ? AgeCode(id) : null),
        _ => null,
    };

    private static List<string> Contacts(IEnumerable<string?>? own, IEnumerable<string?>? fallback)
    {
        static List<string> Clean(IEnumerable<string?>? values) =>
            (values ?? []).Select(v => v?.Trim()).OfType<string>().Where(v => v.Length > 0).Distinct().ToList();
        var result = Clean(own);
        return result.Count > 0 ? result : Clean(fallback);
    }

    private static DateOnly? Date(string? text, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Dates come as RRRR-MM-DD, sometimes with a time of day that carries nothing.
        if (DateOnly.TryParseExact(text.Length > 10 && text[10] == 'T' ? text[..10] : text, "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problems.Add($"{field}: '{text}' není datum RRRR-MM-DD");
        return null;
    }

    [GeneratedRegex(@"^\d{1,12}$")] private static partial Regex DigitsPattern();
}
