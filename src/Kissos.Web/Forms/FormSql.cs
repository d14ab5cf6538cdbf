using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Forms;

/// <summary>Set-based questions of the forms module asked of PostgreSQL.</summary>
public static class FormSql
{
    /// <summary>Of the given services, those in the catalogue with a place of provision in the kraj.</summary>
    public static async Task<HashSet<string>> InKrajAsync(KissosDb db, string kraj, string[] serviceIds, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT sp.service_id FROM catalogue.service_place sp
            JOIN catalogue.place p ON p.id = sp.place_id
            JOIN territory.obec o ON o.code = p.obec_code
            JOIN territory.orp r ON r.csu_code = o.orp_csu_code
            WHERE sp.service_id = ANY (@ids) AND r.kraj_nuts3 = @kraj
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = serviceIds });
        command.Parameters.Add(new NpgsqlParameter("kraj", NpgsqlDbType.Text) { Value = kraj });
        var found = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }
}
