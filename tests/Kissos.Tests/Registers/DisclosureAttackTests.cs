using System.Net;
using System.Text;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Registers;

/// <summary>
/// An intruder combines every public answer about the registers — levels (kraj, ORP, obec), druhy, the parameters
/// that select the same unit in different ways — and subtracts them, looking for a count from 1 to 4 (a person who
/// could be singled out). The registers hold many such counts (the staff's exact table shows them); none may come out.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class DisclosureAttackTests(KissosApp app) : IClassFixture<KissosApp>, IAsyncLifetime
{
    private const string On = "2026-07-01";
    private static readonly string[] Orps = ["7107", "7109"]; // Olomouc, Přerov

    private List<string> _druhy = [];
    private List<string> _obce = [];
    private ApiClient _public = null!;

    public async Task InitializeAsync()
    {
        await using var db = app.Database.Open();
        var services = (await db.Services.Where(s => s.ValidTo == null).Select(s => new { s.Id, s.DruhCode }).ToListAsync())
            .GroupBy(s => s.DruhCode).OrderBy(g => g.Key).Take(4).Select(g => g.OrderBy(s => s.Id).First()).ToList();
        _druhy = services.Select(s => s.DruhCode).ToList();
        _obce = await db.Obce.Where(o => Orps.Contains(o.OrpCsuCode)).OrderBy(o => o.Code).Select(o => o.Code).Take(40).ToListAsync();
        _obce = [.. _obce.Where((_, i) => i % 4 == 0)]; // ten obce across both ORP

        // Deterministic "random" registers: one obec gets large counts, the others many small ones.
        var random = new Random(9);
        var applicants = new List<string> { "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;datum_zadosti;obec;nepriznive_situace;cilova_skupina;naleharost;stav;datum_stavu" };
        var users = new List<string> { "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;zahajeni;ukonceni;duvod_ukonceni;obec;navazujici_sluzba" };
        for (var person = 1; person <= 160; person++)
        {
            var obec = random.Next(3) == 0 ? _obce[0] : _obce[random.Next(_obce.Count)];
            var born = new DateOnly(1935, 1, 1).AddDays(person * 7);
            foreach (var service in services.Where(_ => random.Next(3) == 0).DefaultIfEmpty(services[random.Next(services.Count)]))
                applicants.Add($"{service.Id};;Osoba{person};Útočná;{born:yyyy-MM-dd};2026-02-01;{obec};vek;24;2;waiting;");
            if (random.Next(2) == 0)
                users.Add($"{services[random.Next(services.Count)].Id};;Osoba{person};Útočná;{born:yyyy-MM-dd};2025-01-01;;;{obec};");
        }
        var admin = await app.ClientAsync(ApiClient.Admin);
        foreach (var (register, lines) in new[] { ("applicants", applicants), ("users", users) })
        {
            using var content = new StringContent(string.Join("\r\n", lines), Encoding.UTF8, "text/csv");
            await admin.JsonAsync(await admin.Http.PostAsync($"/api/my/registers/{register}", content), HttpStatusCode.OK);
        }
        _public = await app.ClientAsync(null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, int>> Counts(string url, string keyProperty, string countProperty)
    {
        var json = await _public.JsonAsync(await _public.GetAsync(url), HttpStatusCode.OK);
        return json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .GroupBy(p => p.GetProperty(keyProperty).GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetProperty(countProperty).GetInt32()));
    }

    [Fact]
    public async Task The_registers_hold_small_counts_that_the_attack_is_after()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);
        var exact = await admin.JsonAsync(await admin.GetAsync($"/api/registers/demand?on={On}&level=obec"), HttpStatusCode.OK);

        var small = exact.EnumerateArray().Count(r => r.GetProperty("persons").GetInt32() is >= 1 and <= 4);

        Assert.True(small >= 5, $"only {small} exact cells of 1–4 persons: the attack below would prove nothing");
    }

    [Fact]
    public async Task No_subtraction_of_public_answers_yields_a_count_from_1_to_4()
    {
        var published = new List<(string What, int Value)>();
        var estimates = new List<(string How, int Value)>();   // a unit's count as the intruder derives it
        var mismatches = new List<(string How, int Value)>();  // one count asked two ways: any difference is information
        async Task<Dictionary<string, int>> Ask(string url, string key, string count = "unmet")
        {
            var counts = await Counts(url, key, count);
            published.AddRange(counts.Select(c => ($"{url} {c.Key}", c.Value)));
            return counts;
        }

        string[] druhFilters = ["", .. _druhy.Select(d => $"&druh={d}")];
        var orpByDruh = new Dictionary<string, Dictionary<string, int>>();
        var obceByDruh = new Dictionary<string, Dictionary<string, int>>();
        foreach (var druh in druhFilters)
        {
            var orpOfKraj = orpByDruh[druh] = await Ask($"/api/map/demand/orp?on={On}&kraj=CZ071{druh}", "csuCode");
            var obceOfKraj = obceByDruh[druh] = await Ask($"/api/map/demand/obce?on={On}&kraj=CZ071{druh}", "code");
            var orpOfAll = await Ask($"/api/map/demand/orp?on={On}{druh}", "csuCode");
            foreach (var orp in Orps)
            {
                var alone = await Ask($"/api/map/demand/orp?on={On}&orp={orp}{druh}", "csuCode");
                var obceOfOrp = await Ask($"/api/map/demand/obce?on={On}&orp={orp}{druh}", "code");
                mismatches.Add(($"ORP {orp}{druh}: asked by kraj − alone", orpOfKraj[orp] - alone[orp]));
                mismatches.Add(($"ORP {orp}{druh}: whole country − by kraj", orpOfAll[orp] - orpOfKraj[orp]));
                mismatches.AddRange(obceOfOrp.Select(o => ($"obec {o.Key}{druh}: by ORP − by kraj", o.Value - obceOfKraj[o.Key])));
                // The ORP minus its other obce: the one obec left, as the Valašské Meziříčí case did it.
                estimates.AddRange(obceOfOrp.Select(o => ($"obec {o.Key}{druh} = ORP − other obce", alone[orp] - (obceOfOrp.Values.Sum() - o.Value))));
                mismatches.Add(($"ORP {orp}{druh} − the sum of its obce", alone[orp] - obceOfOrp.Values.Sum()));
            }
        }
        // All druhy minus the other druhy: the druh left (each person counts once per druh, so druhy add up).
        foreach (var (units, level) in new[] { (orpByDruh, "ORP"), (obceByDruh, "obec") })
            foreach (var unit in units[""].Keys)
                foreach (var druh in _druhy)
                    estimates.Add(($"{level} {unit} druh {druh} = all − other druhy",
                        units[""][unit] - _druhy.Where(d => d != druh).Sum(d => units[$"&druh={d}"][unit])));

        var flowsAll = await Ask($"/api/map/flows?on={On}", "fromObec", "persons");
        var flowsByDruh = new Dictionary<string, Dictionary<string, int>>();
        foreach (var druh in _druhy) flowsByDruh[druh] = await Ask($"/api/map/flows?on={On}&druh={druh}", "fromObec", "persons");
        foreach (var obec in flowsAll.Keys.Union(flowsByDruh.Values.SelectMany(f => f.Keys)))
            foreach (var druh in _druhy)
                estimates.Add(($"flows from {obec}, druh {druh} = all − other druhy",
                    flowsAll.GetValueOrDefault(obec) - _druhy.Where(d => d != druh).Sum(d => flowsByDruh[d].GetValueOrDefault(obec))));

        Assert.True(published.Count > 500, $"only {published.Count} public numbers asked");
        Assert.DoesNotContain(published.Concat(estimates), p => p.Value is >= 1 and <= 4);
        // Why it holds: every published number is a multiple of 5, and a total is exactly the sum of its parts.
        Assert.DoesNotContain(published, p => p.Value % 5 != 0);
        Assert.DoesNotContain(mismatches, m => m.Value != 0);
    }
}
