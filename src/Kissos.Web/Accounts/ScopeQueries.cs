using Kissos.Common;
using Kissos.Data;
using Npgsql;

namespace Kissos.Accounts;

/// <summary>Which services an account keeps, asked of PostgreSQL with the account's scope condition.</summary>
public static class ScopeQueries
{
    public static async Task<bool> CanKeepAsync(KissosDb db, AccessScope scope, string serviceId, CancellationToken ct)
    {
        var sql = $"SELECT EXISTS (SELECT 1 FROM catalogue.service s WHERE s.id = @id AND {scope.SqlCondition})";
        return await Sql.ScalarAsync<bool>(db, sql, [new NpgsqlParameter("id", serviceId), .. scope.SqlParameters], ct);
    }

    public static async Task<List<string>> ServiceIdsAsync(KissosDb db, AccessScope scope, CancellationToken ct)
    {
        var sql = $"SELECT coalesce(array_agg(s.id ORDER BY s.name), '{{}}') FROM catalogue.service s WHERE {scope.SqlCondition}";
        return [.. await Sql.ScalarAsync<string[]>(db, sql, scope.SqlParameters, ct) ?? []];
    }
}
