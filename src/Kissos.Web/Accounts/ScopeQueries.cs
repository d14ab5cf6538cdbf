using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// The service is the account's and the place (if it exists) is one where the account may change things:
    /// a vacancy or a place link at a place outside a regional account's kraj is not its to change.
    /// </summary>
    public static async Task<bool> CanKeepAtAsync(KissosDb db, AccessScope scope, string serviceId, string placeId, CancellationToken ct)
    {
        var sql = $"""
            SELECT EXISTS (SELECT 1 FROM catalogue.service s WHERE s.id = @id AND {scope.SqlCondition})
               AND NOT EXISTS (SELECT 1 FROM catalogue.place p WHERE p.id = @place AND NOT ({scope.PlaceSqlCondition}))
            """;
        return await Sql.ScalarAsync<bool>(db, sql,
            [new NpgsqlParameter("id", serviceId), new NpgsqlParameter("place", placeId), .. scope.SqlParameters], ct);
    }

    /// <summary>Of these places, those that a service outside the account's scope also uses: the account may not change them for all.</summary>
    public static async Task<HashSet<string>> SharedBeyondScopeAsync(KissosDb db, AccessScope scope, IReadOnlyCollection<string> placeIds, CancellationToken ct)
    {
        if (placeIds.Count == 0) return [];
        var sql = $$"""
            SELECT coalesce(array_agg(DISTINCT sp.place_id), '{}') FROM catalogue.service_place sp
            JOIN catalogue.service s ON s.id = sp.service_id
            WHERE sp.place_id = ANY (@places) AND NOT ({{scope.SqlCondition}})
            """;
        return [.. await Sql.ScalarAsync<string[]>(db, sql, [new NpgsqlParameter("places", placeIds.ToArray()), .. scope.SqlParameters], ct) ?? []];
    }

    /// <summary>The kraj (NUTS3) of each of these obce (6-digit codes); unknown codes are left out.</summary>
    public static Task<Dictionary<string, string>> KrajeOfObceAsync(KissosDb db, IReadOnlyCollection<string> obce, CancellationToken ct) =>
        db.Obce.Where(o => obce.Contains(o.Code))
            .Join(db.Orp, o => o.OrpCsuCode, r => r.CsuCode, (o, r) => new { o.Code, r.KrajNuts3 })
            .ToDictionaryAsync(x => x.Code, x => x.KrajNuts3, ct);

    public static async Task<List<string>> ServiceIdsAsync(KissosDb db, AccessScope scope, CancellationToken ct)
    {
        var sql = $"SELECT coalesce(array_agg(s.id ORDER BY s.name), '{{}}') FROM catalogue.service s WHERE {scope.SqlCondition}";
        return [.. await Sql.ScalarAsync<string[]>(db, sql, scope.SqlParameters, ct) ?? []];
    }
}
