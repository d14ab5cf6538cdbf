using System.Globalization;
using Npgsql;

namespace Kissos.Common;

/// <summary>
/// Reads the state that kept answers are keyed by (a data version, a fingerprint of vacancies: one scalar query
/// without parameters, prepared once per connection) on a small pool of its own (8 connections). A request answered
/// from memory then never sets up its EF Core context, which was most of what such a request allocated (83 KB of
/// a kept map answer's, now 21 KB). Used by <see cref="MapAnswerCache"/> and the catalogue search's cache.
/// </summary>
public sealed class AnswerState(IConfiguration configuration) : IDisposable
{
    private readonly NpgsqlDataSource _pool = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Kissos")) { MaxPoolSize = 8 }.ConnectionString);

    /// <summary>The value of <paramref name="sql"/> (one row, one column) as invariant text.</summary>
    public async Task<string> ReadAsync(string sql, CancellationToken ct)
    {
        await using var connection = await _pool.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.PrepareAsync(ct);
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)!;
    }

    public void Dispose() => _pool.Dispose();
}
