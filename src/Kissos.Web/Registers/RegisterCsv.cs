using System.Text;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Registers;

/// <summary>
/// CSV import of a provider's registers. Identifying data (rodné číslo, or name and date of birth) is turned into
/// the person's code as the row is read and then dropped. All-or-nothing; a row already stored with the same values
/// changes nothing, so importing the same file again changes nothing.
/// </summary>
public static class RegisterCsv
{
    public static readonly string[] ApplicantColumns =
    [
        "sluzba", "rodne_cislo", "jmeno", "prijmeni", "datum_narozeni", "datum_zadosti", "obec", "nepriznive_situace",
        "cilova_skupina", "naleharost", "stav", "datum_stavu",
    ];

    public static readonly string[] UserColumns =
    [
        "sluzba", "rodne_cislo", "jmeno", "prijmeni", "datum_narozeni", "zahajeni", "ukonceni", "duvod_ukonceni", "obec",
        "navazujici_sluzba",
    ];

    public sealed record Result(int Created, int Updated, int Unchanged);

    /// <summary>
    /// Imports applicants; <paramref name="mayKeep"/> says which services the importing account keeps;
    /// <paramref name="charset"/> is the encoding the sender declared (null: UTF-8 or Windows-1250, as detected).
    /// </summary>
    public static async Task<Result> ImportApplicantsAsync(
        KissosDb db, Stream input, Encoding? charset, PersonCodes codes, Func<string, bool> mayKeep, CancellationToken ct = default)
    {
        var known = await KnownCodes.LoadAsync(db, ct);
        var situations = (await db.AdverseSituations.Select(a => a.Code).ToListAsync(ct)).ToHashSet();
        var rows = new List<Applicant>();
        var errors = new ImportErrorList("zadatele.csv");
        var keys = new CsvKeys<(string, string, DateOnly)>();
        Csv.ReadRows(input, ApplicantColumns, errors, (row, line) =>
        {
            var service = Service(row, "sluzba", mayKeep, known);
            var code = Code(row, codes);
            var status = row.Required("stav");
            if (!ApplicantStatus.All.Contains(status))
                throw new CsvRowException($"stav '{status}' není jeden z: {string.Join(", ", ApplicantStatus.All)}");
            var appliedOn = row.Date("datum_zadosti") ?? throw new CsvRowException("sloupec 'datum_zadosti' je povinný");
            keys.Add((service, code, appliedOn), line, $"žádost téže osoby o službu {service} z {appliedOn:d. M. yyyy}");
            var statusOn = row.Date("datum_stavu") ?? appliedOn;
            if (statusOn < appliedOn) throw new CsvRowException("datum_stavu je před datem žádosti");
            var urgency = row.OptionalInt("naleharost") ?? 1;
            if (urgency is < 1 or > 3) throw new CsvRowException("naleharost je 1 (běžná), 2 (zvýšená) nebo 3 (akutní)");
            var rowSituations = Csv.List(row.Optional("nepriznive_situace"));
            foreach (var s in rowSituations.Where(s => !situations.Contains(s)))
                throw new CsvRowException($"neznámá nepříznivá sociální situace '{s}'");
            var targetGroup = row.Optional("cilova_skupina");
            if (targetGroup is not null && !known.TargetGroups.Contains(targetGroup))
                throw new CsvRowException($"neznámá cílová skupina '{targetGroup}'");
            rows.Add(new Applicant
            {
                ServiceId = service, PersonCode = code, KeyVersion = codes.KeyVersion, AppliedOn = appliedOn,
                ObecCode = Obec(row, known), Situations = rowSituations, TargetGroup = targetGroup, Urgency = urgency,
                Status = status, StatusOn = statusOn,
            });
        }, charset);
        errors.ThrowIfAny();

        var serviceIds = rows.Select(r => r.ServiceId).Distinct().ToList();
        var existing = await db.Applicants.Where(a => serviceIds.Contains(a.ServiceId))
            .ToDictionaryAsync(a => (a.ServiceId, a.PersonCode, a.AppliedOn), ct);
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue((row.ServiceId, row.PersonCode, row.AppliedOn), out var current))
            {
                db.Applicants.Add(row);
                created++;
                continue;
            }
            current.ObecCode = row.ObecCode;
            if (!current.Situations.SequenceEqual(row.Situations)) current.Situations = row.Situations;
            current.TargetGroup = row.TargetGroup;
            current.Urgency = row.Urgency;
            current.Status = row.Status;
            current.StatusOn = row.StatusOn;
            if (db.Entry(current).State == EntityState.Modified) updated++;
        }
        await db.SaveChangesAsync(ct);
        return new Result(created, updated, rows.Count - created - updated);
    }

    /// <summary>Imports users of services, as <see cref="ImportApplicantsAsync"/> imports applicants.</summary>
    public static async Task<Result> ImportUsersAsync(
        KissosDb db, Stream input, Encoding? charset, PersonCodes codes, Func<string, bool> mayKeep, CancellationToken ct = default)
    {
        var known = await KnownCodes.LoadAsync(db, ct);
        var allServices = (await db.Services.Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var rows = new List<ServiceUser>();
        var errors = new ImportErrorList("uzivatele.csv");
        var keys = new CsvKeys<(string, string, DateOnly)>();
        Csv.ReadRows(input, UserColumns, errors, (row, line) =>
        {
            var service = Service(row, "sluzba", mayKeep, known);
            var code = Code(row, codes);
            var startedOn = row.Date("zahajeni") ?? throw new CsvRowException("sloupec 'zahajeni' je povinný");
            keys.Add((service, code, startedOn), line, $"pobyt téže osoby ve službě {service} od {startedOn:d. M. yyyy}");
            var endedOn = row.Date("ukonceni");
            if (endedOn < startedOn) throw new CsvRowException("ukonceni je před zahajeni");
            var next = row.Optional("navazujici_sluzba");
            if (next is not null && !allServices.Contains(next)) throw new CsvRowException($"navazující služba '{next}' není v katalogu");
            if (next is not null && endedOn is null) throw new CsvRowException("navazující služba je uvedena, ale služba neskončila");
            rows.Add(new ServiceUser
            {
                ServiceId = service, PersonCode = code, KeyVersion = codes.KeyVersion, StartedOn = startedOn,
                EndedOn = endedOn, EndReason = row.Optional("duvod_ukonceni"), ObecCode = Obec(row, known), NextServiceId = next,
            });
        }, charset);
        errors.ThrowIfAny();

        var serviceIds = rows.Select(r => r.ServiceId).Distinct().ToList();
        var existing = await db.ServiceUsers.Where(u => serviceIds.Contains(u.ServiceId))
            .ToDictionaryAsync(u => (u.ServiceId, u.PersonCode, u.StartedOn), ct);
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue((row.ServiceId, row.PersonCode, row.StartedOn), out var current))
            {
                db.ServiceUsers.Add(row);
                created++;
                continue;
            }
            current.EndedOn = row.EndedOn;
            current.EndReason = row.EndReason;
            current.ObecCode = row.ObecCode;
            current.NextServiceId = row.NextServiceId;
            if (db.Entry(current).State == EntityState.Modified) updated++;
        }
        await db.SaveChangesAsync(ct);
        return new Result(created, updated, rows.Count - created - updated);
    }

    private static string Service(CsvRow row, string column, Func<string, bool> mayKeep, KnownCodes known)
    {
        var id = row.Required(column);
        return mayKeep(id) ? id : throw new CsvRowException($"službu '{id}' nemůžete spravovat (nebo v katalogu není)");
    }

    private static string Obec(CsvRow row, KnownCodes known)
    {
        var obec = row.Required("obec");
        return known.Obce.Contains(obec) ? obec : throw new CsvRowException($"neznámá obec bydliště '{obec}' (6místný kód obce)");
    }

    private static string Code(CsvRow row, PersonCodes codes)
    {
        var identity = new PersonIdentity(row.Optional("rodne_cislo"), row.Optional("jmeno"), row.Optional("prijmeni"), row.Date("datum_narozeni"));
        var (code, error) = codes.Derive(identity);
        return code ?? throw new CsvRowException(error!);
    }
}
