using System.Diagnostics;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Registers;

/// <summary>
/// Makes a realistic synthetic register for benchmarks over the real services and obce: people live mostly in the
/// ORP of the service, else elsewhere in its kraj by population; a person applies to 1–3 services; most wait.
/// Replaces the registers' content. Codes are random, so no real person is represented.
/// </summary>
public static class RegisterGenerator
{
    private static readonly string[] Situations = ["vek", "zdravotni_stav", "krizova_situace", "zivotni_navyky", "znevyhodnujici_prostredi"];
    private static readonly (string Status, double Share)[] Statuses = [("waiting", 0.70), ("admitted", 0.15), ("withdrawn", 0.10), ("rejected", 0.05)];

    private sealed record Home(string ServiceId, string Orp, string Kraj);

    public static async Task<TimeSpan> RunAsync(KissosDb db, int applicants, int users, int seed, DateOnly today)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var services = await db.Database.SqlQueryRaw<string>(
            """
            SELECT DISTINCT ON (s.id) s.id || ';' || o.orp_csu_code || ';' || r.kraj_nuts3 AS "Value"
            FROM catalogue.service s JOIN catalogue.service_place sp ON sp.service_id = s.id
            JOIN catalogue.place p ON p.id = sp.place_id JOIN territory.obec o ON o.code = p.obec_code
            JOIN territory.orp r ON r.csu_code = o.orp_csu_code ORDER BY s.id, p.id
            """).ToListAsync();
        var homes = services.Select(s => s.Split(';')).Select(p => new Home(p[0], p[1], p[2])).ToList();
        var obce = await db.Obce.Join(db.Orp, o => o.OrpCsuCode, r => r.CsuCode, (o, r) => new { o.Code, o.OrpCsuCode, r.KrajNuts3, o.Population }).ToListAsync();
        var byOrp = obce.GroupBy(o => o.OrpCsuCode).ToDictionary(g => g.Key, g => Weighted(g.Select(o => (o.Code, o.Population))));
        var byKraj = obce.GroupBy(o => o.KrajNuts3).ToDictionary(g => g.Key, g => Weighted(g.Select(o => (o.Code, o.Population))));
        string Residence(Home home) => random.NextDouble() < 0.6 ? byOrp[home.Orp](random) : byKraj[home.Kraj](random);
        string Code() => Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 32));
        DateOnly Day(int daysBack) => today.AddDays(-random.Next(daysBack));

        await db.Database.ExecuteSqlRawAsync("TRUNCATE registers.applicant, registers.service_user, registers.user_snapshot RESTART IDENTITY");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY registers.applicant (service_id, person_code, key_version, applied_on, obec_code, situations, target_group, urgency, status, status_on) FROM STDIN (FORMAT BINARY)"))
        {
            var written = 0;
            var seen = new HashSet<(string, string, DateOnly)>();
            while (written < applicants)
            {
                var person = Code();
                var home = homes[random.Next(homes.Count)];
                var residence = Residence(home);
                foreach (var service in homes.Where(h => h.Kraj == home.Kraj).OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
                {
                    var applied = Day(3 * 365);
                    if (written >= applicants || !seen.Add((service.ServiceId, person, applied))) continue;
                    var status = Pick(random, Statuses);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(service.ServiceId);
                    await copy.WriteAsync(person, NpgsqlDbType.Char);
                    await copy.WriteAsync(1);
                    await copy.WriteAsync(applied);
                    await copy.WriteAsync(residence);
                    await copy.WriteAsync(random.GetItems(Situations, 1 + random.Next(2)).Distinct().ToArray());
                    await copy.WriteAsync("24");
                    await copy.WriteAsync(1 + random.Next(3));
                    await copy.WriteAsync(status);
                    await copy.WriteAsync(status == "waiting" ? applied : applied.AddDays(random.Next(1, 200)));
                    written++;
                }
            }
            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY registers.service_user (service_id, person_code, key_version, started_on, ended_on, end_reason, obec_code, next_service_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < users; i++)
            {
                var home = homes[random.Next(homes.Count)];
                var started = Day(5 * 365);
                var ended = random.NextDouble() < 0.35 ? started.AddDays(random.Next(30, 900)) : (DateOnly?)null;
                if (ended > today) ended = null;
                var next = ended is not null && random.NextDouble() < 0.2 ? homes[random.Next(homes.Count)].ServiceId : null;
                await copy.StartRowAsync();
                await copy.WriteAsync(home.ServiceId);
                await copy.WriteAsync(Code(), NpgsqlDbType.Char);
                await copy.WriteAsync(1);
                await copy.WriteAsync(started);
                if (ended is { } e) await copy.WriteAsync(e); else await copy.WriteNullAsync();
                if (ended is not null) await copy.WriteAsync(next is null ? "ukončení" : "přechod do jiné služby"); else await copy.WriteNullAsync();
                await copy.WriteAsync(Residence(home));
                if (next is not null) await copy.WriteAsync(next); else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE registers.applicant; ANALYZE registers.service_user");
        return clock.Elapsed;
    }

    private static Func<Random, string> Weighted(IEnumerable<(string Code, int Weight)> items)
    {
        var list = items.ToList();
        var cumulative = new long[list.Count];
        long total = 0;
        for (var i = 0; i < list.Count; i++) cumulative[i] = total += Math.Max(1, list[i].Weight);
        return random =>
        {
            var index = Array.BinarySearch(cumulative, random.NextInt64(total) + 1);
            return list[index >= 0 ? index : ~index].Code;
        };
    }

    private static string Pick(Random random, (string Value, double Share)[] choices)
    {
        var x = random.NextDouble();
        foreach (var (value, share) in choices)
            if ((x -= share) < 0) return value;
        return choices[^1].Value;
    }
}
