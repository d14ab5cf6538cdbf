using System.Text.Json;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>
/// `generate-forms --years 2024,2025,2026`: plausible budgets and settlements (and from terms 3 and 4 the annual
/// reports Výkaz skutečnost I and II, transferred from them) for every service with a place in
/// Olomoucký or Zlínský kraj, for demos and benchmarks. Puts missing services into each year's network (FTE and beds
/// scaled from the registered capacity and the form of the service), makes the templates and calendars that are
/// missing, and fills all four terms: FTE by § 115 category, specific data, costs split over the sources with sources
/// 2–10 balanced to the crown. Generated forms are marked: <see cref="Marker"/> as their author and a comment
/// saying so in "Náklady a výnosy". Refused unless the deployment has demo accounts on (a demo or test deployment).
/// Forms that exist already are left alone, so running it again fills only what is missing.
/// </summary>
public static class FormGenerator
{
    public const string Marker = "generate-forms (generovaná data)";
    public const string Comment = "Generovaná data (generate-forms) pro ukázky a měření – nejde o údaje poskytovatele.";

    // FTE of direct care per unit of capacity, by form of service; beds for residential services.
    private static readonly Dictionary<string, decimal> FtePerCapacity = new() { ["pob"] = 0.55m, ["amb"] = 0.2m, ["ter"] = 0.3m };
    private static readonly (string Row, decimal Share)[] FteRows = [("1.1", 0.2m), ("1.2.1", 0.5m), ("1.3", 0.1m), ("1.6", 0.2m)];
    private static readonly (string Row, decimal Share)[] PersonalRows = [("1.1", 0.85m), ("1.2", 0.05m), ("1.3", 0.04m), ("1.4", 0.06m)];
    private static readonly (string Row, decimal Share)[] OperatingRows =
        [("2.1.2", 0.05m), ("2.2", 0.2m), ("2.3", 0.04m), ("2.4", 0.06m), ("2.5", 0.1m), ("2.6.1", 0.2m), ("2.6.2", 0.05m),
         ("2.6.3", 0.1m), ("2.6.5", 0.03m), ("2.6.6", 0.07m), ("2.6.9", 0.08m), ("2.7", 0.02m)];
    // The revenue row each source column is booked in.
    private static readonly Dictionary<string, string> RevenueRow = new()
    {
        ["z1"] = "V1", ["z2"] = "V4", ["z3"] = "V4", ["z4"] = "V5", ["z5"] = "V11", ["z6"] = "V4", ["z8"] = "V4",
        ["z9"] = "V8", ["z10"] = "V9", ["z11"] = "V3", ["z12"] = "V10", ["z13"] = "V11",
    };

    public sealed class RefusedException(string message) : Exception(message);

    /// <summary>Generates what is missing; answers a one-line summary. Throws <see cref="RefusedException"/> on a real deployment.</summary>
    public static async Task<string> RunAsync(KissosDb db, IReadOnlyList<int> years, bool demoDeployment, TimeProvider clock, CancellationToken ct = default)
    {
        if (!demoDeployment)
            throw new RefusedException("Generátor formulářů běží jen na ukázkovém nebo testovacím nasazení (Kissos__DemoAccounts=true); generovaná data se nesmí smíchat se skutečnými.");
        var now = clock.GetUtcNow();
        var today = FormStore.Today(clock);
        var file = FormDefaults.Files().First(f => f.Family == FormEndpoints.DefaultFamily);
        var services = await ServicesAsync(db, ct);
        var created = 0;
        foreach (var kraj in FormDefaults.Kraje)
            foreach (var year in years)
            {
                var version = await db.TemplateVersions.Where(t => t.Family == file.Family && t.Year == year && t.Kraj == kraj)
                    .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
                if (version is null) db.TemplateVersions.Add(version = FormDefaults.NewVersion(file with { Year = year, Kraj = kraj }, 1, Marker, now));
                if (!await db.FormTerms.AnyAsync(t => t.Kraj == kraj && t.Year == year, ct)) db.FormTerms.AddRange(FormDefaults.Calendar(kraj, year));
                await db.SaveChangesAsync(ct);
                var template = JsonSerializer.Deserialize<FormTemplate>(version.Definition, FormTemplate.Json)!;
                var terms = await db.FormTerms.AsNoTracking().Where(t => t.Kraj == kraj && t.Year == year).ToListAsync(ct);
                var network = await db.NetworkEntries.Where(n => n.Kraj == kraj && n.Year == year).ToDictionaryAsync(n => n.ServiceId, ct);
                var existing = (await db.Forms.AsNoTracking().Where(f => f.Kraj == kraj && f.Year == year && f.Family == file.Family)
                    .Select(f => new { f.ServiceId, f.Term }).ToListAsync(ct)).Select(f => (f.ServiceId, f.Term)).ToHashSet();
                foreach (var s in services.Where(s => s.Kraj == kraj))
                {
                    if (!network.TryGetValue(s.Id, out var entry))
                    {
                        var (units, beds) = Units(s);
                        db.NetworkEntries.Add(entry = new NetworkEntry { Kraj = kraj, Year = year, ServiceId = s.Id, Units = units, Beds = beds });
                    }
                    var random = new Random(HashCode.Combine(year, StableHash(s.Id)));
                    var actual = 0.97 + random.NextDouble() * 0.06;
                    foreach (var term in terms.OrderBy(t => t.Term).Where(t => !existing.Contains((s.Id, t.Term))))
                    {
                        var scale = term.Term switch { 1 => 1.0, 2 => 1.02, 3 => actual, _ => actual * 1.003 };
                        var context = new FormContext(s.Druh, s.Forms, term.Term, entry.Units, entry.Beds);
                        var content = Fill(template, context, (decimal)scale, random);
                        db.Forms.Add(new Form
                        {
                            Id = Guid.CreateVersion7(), TemplateId = version.Id, Family = file.Family, ServiceId = s.Id, Kraj = kraj,
                            Year = year, Term = term.Term, State = term.DueTo < today ? FormStates.Approved : FormStates.Draft,
                            Content = content.ToJson(), Totals = JsonSerializer.Serialize(FormCheck.Run(template, content, context, false).Totals),
                            CreatedAt = now, UpdatedAt = now, UpdatedBy = Marker,
                        });
                        created++;
                    }
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                created += await ReportsAsync(db, kraj, year, services, today, now, ct);
            }
        return $"vygenerováno {created} formulářů pro {services.Count} služeb, roky {string.Join(", ", years)}";
    }

    /// <summary>
    /// Výkaz skutečnost I and II for every settlement of terms 3 and 4 of the kraj and year that has none: the
    /// settlement transferred (FormTransfer, as signing does), every other input 0, other staff as a share of the
    /// direct-care FTE, and unique employees at the first service of each IČO (the others 0, as the per-IČO rule wants).
    /// </summary>
    private static async Task<int> ReportsAsync(KissosDb db, string kraj, int year, List<GeneratedService> services, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var file = FormDefaults.Files().First(f => f.Family == ReportFamily);
        var version = await db.TemplateVersions.Where(t => t.Family == file.Family && t.Year == year && t.Kraj == kraj)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (version is null) db.TemplateVersions.Add(version = FormDefaults.NewVersion(file with { Year = year, Kraj = kraj }, 1, Marker, now));
        await db.SaveChangesAsync(ct);
        var report = JsonSerializer.Deserialize<FormTemplate>(version.Definition, FormTemplate.Json)!;
        var transfer = report.Transfer!;
        var existing = (await db.Forms.AsNoTracking().Where(f => f.Kraj == kraj && f.Year == year && f.Family == report.Family)
            .Select(f => new { f.ServiceId, f.Term }).ToListAsync(ct)).Select(f => (f.ServiceId, f.Term)).ToHashSet();
        var settlements = await (from f in db.Forms.AsNoTracking()
                                 join t in db.TemplateVersions on f.TemplateId equals t.Id
                                 where f.Kraj == kraj && f.Year == year && f.Family == transfer.Family && transfer.Terms.Contains(f.Term)
                                 select new { f.ServiceId, f.Term, f.Content, t.Definition }).ToListAsync(ct);
        var network = await db.NetworkEntries.AsNoTracking().Where(n => n.Kraj == kraj && n.Year == year).ToDictionaryAsync(n => n.ServiceId, ct);
        var dueTo = await db.FormTerms.AsNoTracking().Where(t => t.Kraj == kraj && t.Year == year).ToDictionaryAsync(t => t.Term, t => t.DueTo, ct);
        var byId = services.Where(s => s.Kraj == kraj).ToDictionary(s => s.Id);
        var icoHolder = byId.Values.GroupBy(s => s.Ico).ToDictionary(g => g.Key, g => g.Min(s => s.Id)!);
        var sources = new Dictionary<string, FormTemplate>();
        var created = 0;
        foreach (var settlement in settlements.Where(x => byId.ContainsKey(x.ServiceId) && !existing.Contains((x.ServiceId, x.Term))))
        {
            var service = byId[settlement.ServiceId];
            var entry = network.GetValueOrDefault(service.Id);
            var context = new FormContext(service.Druh, service.Forms, settlement.Term, entry?.Units, entry?.Beds);
            if (!sources.TryGetValue(settlement.Definition, out var sourceTemplate))
                sources[settlement.Definition] = sourceTemplate = JsonSerializer.Deserialize<FormTemplate>(settlement.Definition, FormTemplate.Json)!;
            var origin = $"{transfer.Label}, {settlement.Term}. termín {year}";
            var (content, _, _) = FormTransfer.Apply(report, context, new FormContent(),
                new FormTransfer.Source(sourceTemplate, FormContent.FromJson(settlement.Content), context, origin));
            var grid = new FormGrid(report, content, context);
            foreach (var set in grid.Sets)
                foreach (var row in grid.Rows(set))
                    foreach (var column in set.Columns.Where(c => grid.KindOf(set, row, c) == CellKind.Input))
                        content.Numbers.TryAdd(FormAddress.Of(set.Code, row.Code, column.Code), 0);
            var fte = grid.ValueAt("pracovnici/1/skutecnost");
            content.Numbers["pracovnici/2.1/skutecnost"] = decimal.Round(fte * 0.08m, 2);
            content.Numbers["pracovnici/2.2/skutecnost"] = decimal.Round(fte * 0.05m, 2);
            if (icoHolder[service.Ico] == service.Id)
            {
                content.Numbers["unicitni/prima/osoby"] = decimal.Ceiling(fte * 1.15m);
                content.Numbers["unicitni/neprima/osoby"] = decimal.Ceiling(fte * 0.13m);
            }
            db.Forms.Add(new Form
            {
                Id = Guid.CreateVersion7(), TemplateId = version.Id, Family = report.Family, ServiceId = service.Id, Kraj = kraj, Year = year,
                Term = settlement.Term, State = dueTo[settlement.Term] < today ? FormStates.Approved : FormStates.Draft,
                Content = content.ToJson(), Totals = JsonSerializer.Serialize(FormCheck.Run(report, content, context, false).Totals),
                CreatedAt = now, UpdatedAt = now, UpdatedBy = Marker,
            });
            created++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return created;
    }

    public const string ReportFamily = "vykaz-skutecnost";

    private sealed record GeneratedService(string Id, string Kraj, string Ico, string Druh, List<string> Forms, int Capacity);

    /// <summary>Every catalogued service with a place in one of the kraje (the first kraj when it has places in both).</summary>
    private static async Task<List<GeneratedService>> ServicesAsync(KissosDb db, CancellationToken ct)
    {
        var kraje = FormDefaults.Kraje;
        var inKraj = await db.Database.SqlQueryRaw<ServiceKraj>("""
            SELECT sp.service_id, min(r.kraj_nuts3) AS kraj FROM catalogue.service_place sp
            JOIN catalogue.place p ON p.id = sp.place_id
            JOIN territory.obec o ON o.code = p.obec_code
            JOIN territory.orp r ON r.csu_code = o.orp_csu_code
            WHERE r.kraj_nuts3 = ANY (@kraje) GROUP BY sp.service_id
            """, new Npgsql.NpgsqlParameter("kraje", kraje)).ToDictionaryAsync(x => x.ServiceId, x => x.Kraj, ct);
        var ids = inKraj.Keys.ToList();
        var rows = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.ProviderIco, s.DruhCode, s.Forms, s.Capacities }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Id).Select(r => new GeneratedService(r.Id, inKraj[r.Id], r.ProviderIco, r.DruhCode, r.Forms,
            r.Capacities.Select(c => c.Amount).DefaultIfEmpty(10).Max()))];
    }

    private sealed class ServiceKraj
    {
        public required string ServiceId { get; init; }
        public required string Kraj { get; init; }
    }

    /// <summary>FTE of direct care from the capacity and form (at least 0.5); beds for residential services and noclehárny.</summary>
    private static (decimal Units, int? Beds) Units(GeneratedService s)
    {
        var capacity = Math.Clamp(s.Capacity, 1, 500);
        var factor = s.Forms.Select(f => FtePerCapacity.GetValueOrDefault(f, 0.2m)).DefaultIfEmpty(0.2m).Max();
        var residential = s.Forms.Contains("pob") || s.Druh == "26";
        return (Math.Max(0.5m, decimal.Round(capacity * factor, 2)), residential ? capacity : null);
    }

    /// <summary>A whole form: every applicable input 0, then FTE, specific data and balanced costs and revenues.</summary>
    private static FormContent Fill(FormTemplate template, FormContext context, decimal scale, Random random)
    {
        var grid = new FormGrid(template, new FormContent(), context);
        var numbers = new Dictionary<string, decimal>();
        foreach (var set in grid.Sets)
            foreach (var row in grid.Rows(set))
                foreach (var column in set.Columns.Where(c => grid.KindOf(set, row, c) == CellKind.Input))
                    numbers[FormAddress.Of(set.Code, row.Code, column.Code)] = 0;
        void Set(string address, decimal value)
        {
            if (numbers.ContainsKey(address)) numbers[address] = value;
        }

        var fte = decimal.Round((context.Units ?? 1) * scale, 2);
        foreach (var (row, part) in Split(fte, FteRows, 2)) Set($"jednotky/{row}/skutecnost", part);
        Set("jednotky/luzka/skutecnost", context.Beds ?? 0);
        Set("jednotky/luzka-nocleharny/skutecnost", context.Beds ?? 0);
        var users = decimal.Round(context.Beds is { } beds ? beds * 1.1m : fte * 12, 0);
        Set("specificka/uzivatele/skutecnost", users);
        var refused = random.Next(0, 30);
        Set("specificka/odmitnuti/skutecnost", refused);
        Set("specificka/odmitnuti-kapacita/skutecnost", refused / 2);
        Set("specificka/provozni-dny/skutecnost", 365);
        Set("specificka/luzkodny/skutecnost", decimal.Round((context.Beds ?? 0) * 365 * 0.92m * scale, 0));
        Set("specificka/hodiny-kapacita/skutecnost", decimal.Round(fte * 1500, 0));
        Set("specificka/hodiny-skutecnost/skutecnost", decimal.Round(fte * 1500 * 0.85m * scale, 0));
        Set("indikatory/celkem/smlouva", users);
        Set("indikatory/celkem/skutecnost", decimal.Round(users * scale, 0));

        // Costs: personal costs per FTE and operating costs as a share of them, each row split over the sources.
        var personal = fte * (520_000 + random.Next(0, 120_000));
        var operating = personal * (context.Beds is null ? 0.25m : 0.45m);
        var residential = context.Beds is not null;
        var sources = Normalise(new Dictionary<string, decimal>
        {
            ["z1"] = residential ? 0.3m : 0.04m, ["z2"] = 0.45m, ["z4"] = 0.12m, ["z5"] = 0.03m, ["z10"] = 0.02m,
            ["z11"] = residential ? 0.06m : 0, ["z12"] = 0.01m, ["z13"] = 0.01m,
        });
        var costs = PersonalRows.Select(r => (r.Row, personal * r.Share)).Concat(OperatingRows.Select(r => (r.Row, operating * r.Share)));
        var costOfSource = sources.Keys.ToDictionary(k => k, _ => 0m);
        foreach (var (row, amount) in costs)
            foreach (var (source, part) in Split(decimal.Round(amount, 0), [.. sources.Select(kv => (kv.Key, kv.Value))], 0))
            {
                Set($"naklady/{row}/{source}", part);
                costOfSource[source] += part;
            }
        var balanced = template.Set("naklady")!.Columns.Where(c => c.MustBalance).Select(c => c.Code).ToHashSet();
        foreach (var (source, cost) in costOfSource)
        {
            var revenue = balanced.Contains(source) ? cost : decimal.Round(cost * (0.97m + (decimal)random.NextDouble() * 0.06m), 0);
            if (source == "z1" && residential)
            {
                Set("naklady/V2/z1", decimal.Round(revenue * 0.4m, 0));
                revenue -= decimal.Round(revenue * 0.4m, 0);
            }
            Set($"naklady/{RevenueRow[source]}/{source}", numbers.GetValueOrDefault($"naklady/{RevenueRow[source]}/{source}") + revenue);
        }
        var texts = new Dictionary<string, string> { ["naklady/komentar"] = Comment };
        if (grid.Sets.Any(s => s.Code == "texty"))
            foreach (var row in new[] { "indikatory", "publicita", "komentar" }) texts[$"texty/{row}"] = Comment;
        return new FormContent { Numbers = numbers, Texts = texts };
    }

    /// <summary>Splits a total by shares, rounded to <paramref name="decimals"/>, the last part taking the remainder so the parts add up exactly.</summary>
    private static IEnumerable<(string Key, decimal Part)> Split(decimal total, (string Key, decimal Share)[] shares, int decimals)
    {
        var left = total;
        for (var i = 0; i < shares.Length; i++)
        {
            var part = i == shares.Length - 1 ? left : Math.Min(left, decimal.Round(total * shares[i].Share, decimals));
            left -= part;
            yield return (shares[i].Key, part);
        }
    }

    private static Dictionary<string, decimal> Normalise(Dictionary<string, decimal> shares)
    {
        var sum = shares.Values.Sum();
        return shares.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value / sum);
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
