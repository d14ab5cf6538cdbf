using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kissos.Common;

/// <summary>Raw SQL on the context's connection, for queries where PostgreSQL does the work.</summary>
public static class Sql
{
    public static async Task<T?> ScalarAsync<T>(KissosDb db, string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        return await command.ExecuteScalarAsync(ct) is T value ? value : default;
    }
}
