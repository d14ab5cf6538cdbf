using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using Kissos.Catalogue;
using Kissos.Data;
using Kissos.PublicCatalogue;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Hsds;

/// <summary>
/// The whole catalogue as HSDS 3.0 rows, one list per table of <see cref="HsdsTables"/>, with the lookups that nest
/// them into the HSDA answers. Mapping (README, "Open data: HSDS"): provider → organization (+ organization_identifier
/// with the IČO), service → service, place → location (RÚIAN address-point code as external_identifier, WGS84) with
/// its address, service × place → service_at_location, druh, forms, target groups, age categories, capacities and
/// registry codes → attributes of taxonomy terms, vacancies now → an attribute of the service_at_location.
/// Fields KISSoS does not know are left out (HSDS's JSON schemas refuse null).
/// </summary>
public sealed class HsdsCatalogue
{
    public const string IcoScheme = "CZ-ICO";
    public const string RuianAddressPoint = "ruian_adresni_misto";

    private readonly Dictionary<string, List<JsonObject>> _tables = HsdsTables.All.ToDictionary(t => t.Name, _ => new List<JsonObject>());

    private readonly Dictionary<Guid, DateTimeOffset> _lastModified = [];

    public IReadOnlyList<JsonObject> Rows(HsdsTable table) => _tables[table.Name];

    /// <summary>
    /// When a service's data last changed, exactly (its <c>last_modified</c> is to the second): an edit in KISSoS or
    /// the registry refresh, as its catalogue page says; null when only the first import is known.
    /// </summary>
    public DateTimeOffset? LastModified(Guid serviceId) => _lastModified.TryGetValue(serviceId, out var at) ? at : null;

    private void Add(HsdsTable table, JsonObject row) => _tables[table.Name].Add(row);

    /// <summary>The whole catalogue as HSDS, with the vacant places published and valid on <paramref name="today"/>.</summary>
    public static async Task<HsdsCatalogue> LoadAsync(KissosDb db, DateOnly today, CancellationToken ct)
    {
        var vacancies = await db.Vacancies.AsNoTracking().Where(v => v.WithdrawnAt == null && v.ValidUntil >= today)
            .GroupBy(v => new { v.ServiceId, v.PlaceId }).Select(g => new { g.Key.ServiceId, g.Key.PlaceId, Places = g.Sum(v => v.Places) })
            .ToDictionaryAsync(v => (v.ServiceId, v.PlaceId), v => v.Places, ct);
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Ico).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().Include(s => s.Places).ThenInclude(sp => sp.Place)
            .OrderBy(s => s.Id).AsSplitQuery().ToListAsync(ct);
        var obce = await db.Obce.AsNoTracking().Select(o => new { o.Code, o.Name, o.OrpCsuCode }).ToDictionaryAsync(o => o.Code, ct);
        var orp = await db.Orp.AsNoTracking().Select(o => new { o.CsuCode, o.Name, o.KrajNuts3 }).ToDictionaryAsync(o => o.CsuCode, ct);
        var kraje = await db.Kraje.AsNoTracking().Select(k => new { k.Nuts3, k.Name }).ToDictionaryAsync(k => k.Nuts3, k => k.Name, ct);

        var lastRefresh = await ServiceDetails.LastRefreshAsync(db, ct);

        var hsds = new HsdsCatalogue();
        var terms = new Terms(hsds);
        foreach (var d in await db.Druhy.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct))
            terms.Add("druh", d.Code, d.Name, $"{d.GroupName}{(d.Paragraph is null ? "" : $", {d.Paragraph} zákona č. 108/2006 Sb.")}");
        var formy = await db.Formy.AsNoTracking().OrderBy(f => f.Code).ToDictionaryAsync(f => f.Code, ct);
        foreach (var f in formy.Values) terms.Add("forma", f.Code, f.Name, f.Definition);
        foreach (var g in await db.TargetGroups.AsNoTracking().OrderBy(g => g.Code).ToListAsync(ct))
            terms.Add("cilova-skupina", g.Code, g.Name, g.Name);
        var ages = await db.AgeCategories.AsNoTracking().OrderBy(a => a.SortOrder).ToDictionaryAsync(a => a.Code, ct);
        foreach (var a in ages.Values) terms.Add("vekova-kategorie", a.Code, a.Name, a.Name);
        var capacityTypes = await db.CapacityTypes.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        foreach (var (form, type) in services.SelectMany(s => s.Capacities).Select(c => (c.Form, c.CapacityType)).Distinct().Order())
            terms.Add("kapacita", $"{form}:{type}", $"{formy[form].Name} – {capacityTypes[type].Name}",
                $"Registrovaná kapacita formy „{formy[form].Name}“ v jednotkách „{capacityTypes[type].Unit}“; hodnota atributu je počet.");
        terms.Add("volna-mista", "volna-mista", "Volná místa nyní",
            "Počet volných míst (lůžek) zveřejněných poskytovatelem a platných v den exportu; hodnota atributu je počet.");
        terms.Add("kissos", "id", "Identifikátor služby v KISSoS", "Hodnota je identifikátor služby v KISSoS, např. mpsv-4365 (adresa /sluzba/{id}).");
        terms.Add("kissos", "registr", "Identifikátor v registru poskytovatelů", "Hodnota je identifikátor služby v Registru poskytovatelů sociálních služeb (MPSV).");
        terms.Add("kissos", "sit-kraje", "Síť sociálních služeb kraje", "Hodnota „ano“ nebo „ne“: služba je (není) v síti sociálních služeb kraje.");

        foreach (var p in providers)
        {
            var id = HsdsIds.Of("organization", p.Ico);
            hsds.Add(HsdsTables.Organization, Row(
                ("id", id), ("name", p.Name),
                ("description", $"Poskytovatel sociálních služeb, IČO {p.Ico}{(p.LegalForm is null ? "" : $", {p.LegalForm}")}."),
                ("email", Email(p.Email)), ("website", Web(p.Web)), ("legal_status", Text(p.LegalForm))));
            hsds.Add(HsdsTables.OrganizationIdentifier, Row(
                ("id", HsdsIds.Of("organization-identifier", p.Ico)), ("organization_id", id),
                ("identifier_scheme", IcoScheme), ("identifier_type", "IČO"), ("identifier", p.Ico)));
            if (Text(p.Phone) is { } phone)
                hsds.Add(HsdsTables.Phone, Row(("id", HsdsIds.Of("phone", $"{p.Ico}:{phone}")), ("organization_id", id), ("number", phone)));
        }

        var placesDone = new HashSet<string>();
        foreach (var s in services)
        {
            var id = HsdsIds.Of("service", s.Id);
            var lastChange = ServiceDetails.LastChangeOf(s, lastRefresh).At;
            if (lastChange is { } changed) hsds._lastModified[id] = changed;
            var serviceAges = s.AgeCategories.Where(ages.ContainsKey).Select(a => ages[a]).ToList();
            hsds.Add(HsdsTables.Service, Row(
                ("id", id), ("organization_id", HsdsIds.Of("organization", s.ProviderIco)), ("name", s.Name),
                ("description", Text(s.Description)), ("url", s.Webs.Select(Web).FirstOrDefault(w => w is not null)),
                ("email", s.Emails.Select(Email).FirstOrDefault(e => e is not null)),
                ("status", s.ValidTo < today ? "inactive" : "active"),
                ("minimum_age", serviceAges.Count > 0 && serviceAges.All(a => a.AgeFrom is not null) ? serviceAges.Min(a => a.AgeFrom) : null),
                ("maximum_age", serviceAges.Count > 0 && serviceAges.All(a => a.AgeTo is not null) ? serviceAges.Max(a => a.AgeTo) : null),
                ("last_modified", lastChange?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))));
            terms.Attribute(id, "service", "kissos", "id", s.Id);
            if (Text(s.Identifier) is { } registry) terms.Attribute(id, "service", "kissos", "registr", registry);
            if (s.InRegionalNetwork is { } network) terms.Attribute(id, "service", "kissos", "sit-kraje", network ? "ano" : "ne");
            terms.Attribute(id, "service", "druh", s.DruhCode, null);
            foreach (var f in s.Forms) terms.Attribute(id, "service", "forma", f, null);
            foreach (var g in s.TargetGroups) terms.Attribute(id, "service", "cilova-skupina", g, null);
            foreach (var a in s.AgeCategories) terms.Attribute(id, "service", "vekova-kategorie", a, null);
            foreach (var c in s.Capacities)
                terms.Attribute(id, "service", "kapacita", $"{c.Form}:{c.CapacityType}", c.Amount.ToString(CultureInfo.InvariantCulture));
            foreach (var phone in s.Phones.Select(Text).OfType<string>().Distinct())
                hsds.Add(HsdsTables.Phone, Row(("id", HsdsIds.Of("phone", $"{s.Id}:{phone}")), ("service_id", id), ("number", phone)));
            foreach (var code in s.CatchmentObce.Where(obce.ContainsKey))
                hsds.Add(HsdsTables.ServiceArea, Row(("id", HsdsIds.Of("service-area", $"{s.Id}:obec:{code}")), ("service_id", id),
                    ("name", obce[code].Name), ("description", $"obec, kód {code}")));
            foreach (var code in s.CatchmentOrp.Where(orp.ContainsKey))
                hsds.Add(HsdsTables.ServiceArea, Row(("id", HsdsIds.Of("service-area", $"{s.Id}:orp:{code}")), ("service_id", id),
                    ("name", $"ORP {orp[code].Name}"), ("description", $"správní obvod obce s rozšířenou působností, kód ČSÚ {code}")));

            foreach (var sp in s.Places.OrderBy(sp => sp.PlaceId))
            {
                var place = sp.Place!;
                var locationId = HsdsIds.Of("location", place.Id);
                var atId = HsdsIds.Of("service-at-location", $"{s.Id}:{place.Id}");
                hsds.Add(HsdsTables.ServiceAtLocation, Row(("id", atId), ("service_id", id), ("location_id", locationId),
                    ("description", Text(sp.FacilityName))));
                if (vacancies.TryGetValue((s.Id, place.Id), out var vacant) && vacant > 0)
                    terms.Attribute(atId, "service_at_location", "volna-mista", "volna-mista", vacant.ToString(CultureInfo.InvariantCulture));
                if (!placesDone.Add(place.Id)) continue;

                var obec = obce[place.ObecCode];
                var wgs84 = place.Location is null ? null : Crs.ToWgs84(place.Location).Coordinate;
                hsds.Add(HsdsTables.Location, Row(
                    ("id", locationId), ("location_type", "physical"), ("name", PlaceAddress.Format(place, obec.Name)),
                    ("latitude", wgs84 is null ? null : Math.Round(wgs84.Y, 6)), ("longitude", wgs84 is null ? null : Math.Round(wgs84.X, 6)),
                    ("external_identifier", place.AddressPointCode?.ToString(CultureInfo.InvariantCulture)),
                    ("external_identifier_type", place.AddressPointCode is null ? null : RuianAddressPoint)));
                // HSDS requires street, town and post code of an address: a place without them has a location only.
                var street = PlaceAddress.Format(place, obec.Name).Split(", ")[0];
                if (Text(place.PostCode) is { } postCode && (place.Street ?? place.Quarter) is not null)
                    hsds.Add(HsdsTables.Address, Row(
                        ("id", HsdsIds.Of("address", place.Id)), ("location_id", locationId), ("address_1", street), ("city", obec.Name),
                        ("region", orp.TryGetValue(obec.OrpCsuCode, out var o) ? $"ORP {o.Name}" : null),
                        ("state_province", o is null ? null : kraje.GetValueOrDefault(o.KrajNuts3)), ("postal_code", postCode),
                        ("country", "CZ"), ("address_type", "physical")));
            }
        }
        return hsds;
    }

    // Nesting for the HSDA answers -----------------------------------------------------------------------------------

    public int Count(HsdsTable table) => Rows(table).Count;

    public JsonObject? Find(HsdsTable table, Guid id) => Rows(table).FirstOrDefault(r => IdOf(r, "id") == id);

    /// <summary>A service with its organization (HSDA's list item).</summary>
    public JsonObject ServiceItem(JsonObject service) =>
        With(service, ("organization", Find(HsdsTables.Organization, IdOf(service, "organization_id")!.Value)!.DeepClone()));

    /// <summary>A service with everything about it (HSDA's /services/{id}).</summary>
    public JsonObject ServiceFull(JsonObject service)
    {
        var id = IdOf(service, "id");
        return With(ServiceItem(service),
            ("phones", Children(HsdsTables.Phone, "service_id", id)),
            ("service_areas", Children(HsdsTables.ServiceArea, "service_id", id)),
            ("attributes", Attributes(id)),
            ("service_at_locations", new JsonArray([.. Where(HsdsTables.ServiceAtLocation, "service_id", id).Select(sal => (JsonNode)AtLocation(sal))])));
    }

    /// <summary>A provider with its identifiers, phones and services (HSDA's /organizations/{id}).</summary>
    public JsonObject OrganizationFull(JsonObject organization)
    {
        var id = IdOf(organization, "id");
        return With(organization,
            ("organization_identifiers", Children(HsdsTables.OrganizationIdentifier, "organization_id", id)),
            ("phones", Children(HsdsTables.Phone, "organization_id", id)),
            ("services", Children(HsdsTables.Service, "organization_id", id)));
    }

    /// <summary>A service at a location with its location and service (HSDA's list item).</summary>
    public JsonObject AtLocationItem(JsonObject sal) => With(sal,
        ("location", Find(HsdsTables.Location, IdOf(sal, "location_id")!.Value)!.DeepClone()),
        ("service", Find(HsdsTables.Service, IdOf(sal, "service_id")!.Value)!.DeepClone()));

    /// <summary>A service at a location with its location's address, its attributes (vacancies) and the whole service.</summary>
    public JsonObject AtLocationFull(JsonObject sal) => With(AtLocation(sal),
        ("service", ServiceItem(Find(HsdsTables.Service, IdOf(sal, "service_id")!.Value)!)));

    private JsonObject AtLocation(JsonObject sal)
    {
        var locationId = IdOf(sal, "location_id");
        var location = With(Find(HsdsTables.Location, locationId!.Value)!, ("addresses", Children(HsdsTables.Address, "location_id", locationId)));
        return With(sal, ("location", location), ("attributes", Attributes(IdOf(sal, "id"))));
    }

    private JsonArray Attributes(Guid? linkId) => new([.. Where(HsdsTables.Attribute, "link_id", linkId).Select(a =>
        (JsonNode)With(a, ("taxonomy_term", Find(HsdsTables.TaxonomyTerm, IdOf(a, "taxonomy_term_id")!.Value)!.DeepClone())))]);

    private JsonArray Children(HsdsTable table, string key, Guid? id) => new([.. Where(table, key, id).Select(r => r.DeepClone())]);

    private IEnumerable<JsonObject> Where(HsdsTable table, string key, Guid? id) => Rows(table).Where(r => IdOf(r, key) == id);

    private static JsonObject With(JsonObject row, params (string Key, JsonNode Value)[] children)
    {
        var copy = row.DeepClone().AsObject();
        foreach (var (key, value) in children) copy[key] = value;
        return copy;
    }

    public static Guid? IdOf(JsonObject row, string key) => row[key] is JsonValue v && v.TryGetValue<Guid>(out var id) ? id : null;

    // Values ---------------------------------------------------------------------------------------------------------

    private static JsonObject Row(params (string Key, object? Value)[] cells)
    {
        var row = new JsonObject();
        foreach (var (key, value) in cells)
            row[key] = value switch
            {
                null => null,
                Guid g => JsonValue.Create(g),
                string t => JsonValue.Create(t),
                int i => JsonValue.Create(i),
                double d => JsonValue.Create(d),
                _ => throw new ArgumentException($"HSDS value of type {value.GetType()}", key),
            };
        foreach (var key in cells.Where(c => c.Value is null).Select(c => c.Key)) row.Remove(key);
        return row;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A web address as a URI: the registry often leaves out the scheme ("www.example.cz").</summary>
    private static string? Web(string? value)
    {
        if (Text(value) is not { } web) return null;
        if (!web.Contains("://", StringComparison.Ordinal)) web = "http://" + web;
        return Uri.TryCreate(web, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.') ? uri.AbsoluteUri : null;
    }

    private static string? Email(string? value) =>
        Text(value) is { } email && MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.') ? email : null;

    /// <summary>The KISSoS taxonomies and their terms, and attributes linking records to terms.</summary>
    private sealed class Terms(HsdsCatalogue hsds)
    {
        private static readonly Dictionary<string, (string Name, string Description)> Taxonomies = new()
        {
            ["druh"] = ("Druhy sociálních služeb", "Druhy sociálních služeb podle zákona č. 108/2006 Sb., o sociálních službách."),
            ["forma"] = ("Formy poskytování", "Formy poskytování sociálních služeb (§ 33 zákona č. 108/2006 Sb.)."),
            ["cilova-skupina"] = ("Cílové skupiny", "Cílové skupiny uživatelů sociálních služeb podle Registru poskytovatelů."),
            ["vekova-kategorie"] = ("Věkové kategorie", "Věkové kategorie uživatelů sociálních služeb podle Registru poskytovatelů."),
            ["kapacita"] = ("Kapacity", "Registrovaná kapacita služby podle formy a jednotky; hodnota atributu je počet."),
            ["volna-mista"] = ("Volná místa", "Volná místa pobytových služeb zveřejněná poskytovateli."),
            ["kissos"] = ("KISSoS", "Další údaje Krajského informačního systému sociálních služeb."),
        };

        private readonly HashSet<string> _taxonomies = [];

        public void Add(string taxonomy, string code, string name, string description)
        {
            var taxonomyId = HsdsIds.Of("taxonomy", taxonomy);
            if (_taxonomies.Add(taxonomy))
                hsds.Add(HsdsTables.Taxonomy, Row(("id", taxonomyId), ("name", Taxonomies[taxonomy].Name), ("description", Taxonomies[taxonomy].Description)));
            hsds.Add(HsdsTables.TaxonomyTerm, Row(("id", TermId(taxonomy, code)), ("code", code), ("name", name),
                ("description", Text(description) ?? name), ("taxonomy_id", taxonomyId), ("language", "cs")));
        }

        public void Attribute(Guid linkId, string entity, string taxonomy, string code, string? value)
        {
            var term = TermId(taxonomy, code);
            hsds.Add(HsdsTables.Attribute, Row(("id", HsdsIds.Of("attribute", $"{linkId}:{term}")), ("link_id", linkId),
                ("taxonomy_term_id", term), ("link_entity", entity), ("value", value)));
        }

        private static Guid TermId(string taxonomy, string code) => HsdsIds.Of("taxonomy-term", $"{taxonomy}:{code}");
    }
}
