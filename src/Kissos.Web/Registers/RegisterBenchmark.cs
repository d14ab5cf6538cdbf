using System.Diagnostics;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Registers;

/// <summary>Times the objective-need computation (unique waiting persons per druh and ORP) on the database as it is.</summary>
public static class RegisterBenchmark
{
    public static async Task<string> MeasureDemandAsync(KissosDb db, int runs = 5)
    {
        var sql = $"""
            SELECT count(*) FROM (
                SELECT w.druh_code, o.orp_csu_code, count(*) FROM ({RegisterSql.Waiting("true")}) w
                JOIN territory.obec o ON o.code = w.obec_code GROUP BY 1, 2) x
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var applications = await Count(connection, "SELECT count(*) FROM registers.applicant");
        var times = new List<double>();
        long rows = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter("on", NpgsqlDbType.Date) { Value = DateOnly.FromDateTime(DateTime.Today) });
            var clock = Stopwatch.StartNew();
            rows = (long)(await command.ExecuteScalarAsync())!;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return $"demand per druh × ORP over {applications} applications: {rows} rows, median {times[runs / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs)";
    }

    private static async Task<long> Count(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
