using System.Globalization;
using System.Text;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Catalogue;

/// <summary>
/// CSV import and export of providers and services as Czech Excel writes them: UTF-8 (Windows-1250 read too), ';' separator,
/// lists joined by '|', capacities as "forma:typ=počet". An import is all-or-nothing and reports every bad row.
/// An import limited to an account's scope (regional staff) reports each row outside it; null = no limit (administrator,
/// command line). New providers and services are outside every limited scope: they come from a registry refresh or
/// an administrator, so that no one creates records that then belong to no kraj.
/// </summary>
public static class CatalogueCsv
{
    public const string ContentType = Csv.ContentType;

    private static readonly string[] ProviderColumns = ["ico", "nazev", "pravni_forma", "web", "email", "telefon"];

    private static readonly string[] ServiceColumns =
    [
        "id", "identifikator", "nazev", "ico", "druh", "formy", "kapacity", "cilove_skupiny", "vekove_kategorie",
        "v_siti_kraje", "platnost_od", "platnost_do", "popis", "weby", "emaily", "telefony", "pusobnost_obce", "pusobnost_orp",
    ];

    public sealed record ImportResult(int Created, int Updated);

    public static async Task<ImportResult> ImportProvidersAsync(KissosDb db, Stream input, CancellationToken ct = default,
        IReadOnlySet<string>? mayChange = null, Encoding? charset = null)
    {
        var existing = await db.Providers.ToDictionaryAsync(p => p.Ico, ct);
        var errors = new ImportErrorList("poskytovatele.csv");
        var seen = new CsvKeys<string>();
        int created = 0, updated = 0;
        Csv.ReadRows(input, ProviderColumns, errors, (row, line) =>
        {
            var ico = row.Required("ico");
            if (Ico.Error(ico) is { } invalid) throw new CsvRowException(invalid);
            seen.Add(ico, line, $"IČO {ico}");
            if (mayChange is not null && !mayChange.Contains(ico))
                throw new CsvRowException($"poskytovatele s IČO {ico} nemůžete měnit: nemá službu s místem ve vašem kraji (nové poskytovatele zakládá správce)");
            var name = row.Required("nazev", CatalogueLimits.Name);
            if (!existing.TryGetValue(ico, out var provider))
            {
                db.Providers.Add(provider = new Provider { Ico = ico, Name = name });
                created++;
            }
            else updated++;
            provider.Name = name;
            provider.LegalForm = row.Optional("pravni_forma", CatalogueLimits.Name);
            provider.Web = row.Optional("web", CatalogueLimits.Web);
            provider.Email = row.Optional("email", CatalogueLimits.Email);
            provider.Phone = row.Optional("telefon", CatalogueLimits.Phone);
        }, charset);
        errors.ThrowIfAny();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        return new ImportResult(created, updated);
    }

    public static async Task<ImportResult> ImportServicesAsync(KissosDb db, Stream input, CancellationToken ct = default,
        IReadOnlySet<string>? mayChange = null, Encoding? charset = null)
    {
        var known = await KnownCodes.LoadAsync(db, ct);
        var providers = (await db.Providers.Select(p => p.Ico).ToListAsync(ct)).ToHashSet();
        var existing = await db.Services.ToDictionaryAsync(s => s.Id, ct);
        var errors = new ImportErrorList("sluzby.csv");
        var seen = new CsvKeys<string>();
        int created = 0, updated = 0;
        Csv.ReadRows(input, ServiceColumns, errors, (row, line) =>
        {
            var id = row.Required("id", CatalogueLimits.Id);
            seen.Add(id, line, $"služba {id}");
            if (mayChange is not null && !mayChange.Contains(id))
                throw new CsvRowException($"službu {id} nemůžete měnit: nemá místo poskytování ve vašem kraji (nové služby zakládá správce)");
            var ico = row.Required("ico");
            if (!providers.Contains(ico)) throw new CsvRowException($"poskytovatel s IČO '{ico}' není v katalogu");
            var druh = Known(row.Required("druh"), known.Druhy, "druh služby");
            var forms = Known(Csv.List(row.Optional("formy")), known.Formy, "forma");
            var capacities = Capacities(row.Optional("kapacity"), forms, known);
            var values = (
                Name: row.Required("nazev", CatalogueLimits.Name),
                TargetGroups: Known(Csv.List(row.Optional("cilove_skupiny")), known.TargetGroups, "cílová skupina"),
                AgeCategories: Known(Csv.List(row.Optional("vekove_kategorie")), known.AgeCategories, "věková kategorie"),
                Network: YesNo(row.Optional("v_siti_kraje")),
                From: row.Date("platnost_od"),
                To: row.Date("platnost_do"),
                Obce: Known(Csv.List(row.Optional("pusobnost_obce")), known.Obce, "obec působnosti"),
                Orp: Known(Csv.List(row.Optional("pusobnost_orp")), known.Orp, "ORP působnosti"));
            if (values.From > values.To) throw new CsvRowException("platnost_od je po platnost_do");

            if (!existing.TryGetValue(id, out var service))
            {
                db.Services.Add(service = new Service { Id = id, Name = values.Name, ProviderIco = ico, DruhCode = druh });
                created++;
            }
            else updated++;
            service.Identifier = row.Optional("identifikator", CatalogueLimits.Id);
            service.Name = values.Name;
            service.ProviderIco = ico;
            service.DruhCode = druh;
            service.Forms = forms;
            service.Capacities = capacities;
            service.TargetGroups = values.TargetGroups;
            service.AgeCategories = values.AgeCategories;
            service.InRegionalNetwork = values.Network;
            service.ValidFrom = values.From;
            service.ValidTo = values.To;
            service.Description = row.Optional("popis", CatalogueLimits.Description);
            service.Webs = row.List("weby", CatalogueLimits.Contacts, CatalogueLimits.Web);
            service.Emails = row.List("emaily", CatalogueLimits.Contacts, CatalogueLimits.Email);
            service.Phones = row.List("telefony", CatalogueLimits.Contacts, CatalogueLimits.Phone);
            service.CatchmentObce = values.Obce;
            service.CatchmentOrp = values.Orp;
        }, charset);
        errors.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(CatalogueSql.DeriveCatchmentGeometry, [seen.Keys.ToArray()], ct);
        await DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        return new ImportResult(created, updated);
    }

    /// <summary>Every provider, or only those in <paramref name="only"/> (IČO).</summary>
    public static async Task ExportProvidersAsync(KissosDb db, Stream output, CancellationToken ct = default, IReadOnlySet<string>? only = null)
    {
        var providers = await db.Providers.AsNoTracking().Where(p => only == null || only.Contains(p.Ico)).OrderBy(p => p.Ico).ToListAsync(ct);
        await Csv.WriteAsync(output, ProviderColumns, providers.Select(p => new[] { p.Ico, p.Name, p.LegalForm, p.Web, p.Email, p.Phone }), ct);
    }

    /// <summary>Every service, or only those in <paramref name="only"/> (ids).</summary>
    public static async Task ExportServicesAsync(KissosDb db, Stream output, CancellationToken ct = default, IReadOnlySet<string>? only = null)
    {
        var services = await db.Services.AsNoTracking().Where(s => only == null || only.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct);
        await Csv.WriteAsync(output, ServiceColumns, services.Select(s => new[]
        {
            s.Id, s.Identifier, s.Name, s.ProviderIco, s.DruhCode, Join(s.Forms),
            Join(s.Capacities.Select(c => $"{c.Form}:{c.CapacityType}={c.Amount}")),
            Join(s.TargetGroups), Join(s.AgeCategories),
            s.InRegionalNetwork switch { true => "ano", false => "ne", null => null },
            s.ValidFrom?.ToString("yyyy-MM-dd"), s.ValidTo?.ToString("yyyy-MM-dd"), s.Description,
            Join(s.Webs), Join(s.Emails), Join(s.Phones), Join(s.CatchmentObce), Join(s.CatchmentOrp),
        }), ct);
    }

    private static string Join(IEnumerable<string> values) => string.Join('|', values);

    private static string Known(string code, IReadOnlySet<string> known, string what) =>
        known.Contains(code) ? code : throw new CsvRowException($"neznámý kód ({what}): '{code}'");

    private static List<string> Known(List<string> codes, IReadOnlySet<string> known, string what)
    {
        foreach (var code in codes) Known(code, known, what);
        return codes;
    }

    /// <summary>"pob:luzka=40|amb:klient=10": form, capacity type and amount; the form must be one of the service's.</summary>
    private static List<ServiceCapacity> Capacities(string? value, List<string> forms, KnownCodes known) =>
        Csv.List(value).Select(item =>
        {
            var parts = item.Split(':', '=');
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                throw new CsvRowException($"kapacita '{item}' nemá tvar forma:typ=počet (počet nezáporné celé číslo)");
            if (!forms.Contains(parts[0])) throw new CsvRowException($"kapacita '{item}' je pro formu, kterou služba nemá");
            return new ServiceCapacity { Form = parts[0], CapacityType = Known(parts[1], known.CapacityTypes, "typ kapacity"), Amount = amount };
        }).ToList();

    private static bool? YesNo(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "ano" => true,
        "ne" => false,
        _ => throw new CsvRowException($"v_siti_kraje je 'ano', 'ne' nebo prázdné, ne '{value}'"),
    };
}
