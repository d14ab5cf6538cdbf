using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Npgsql;
using NpgsqlTypes;
using System.Security.Claims;

namespace Kissos.Home;

/// <summary>
/// Which kraje's nástěnky an account reads. Administrators read all; regional staff their kraj; a municipality the
/// kraj of its obec; a provider every kraj where one of its services has a place, and announcements for a druh
/// where it provides that druh (pairs "kraj:druh").
/// </summary>
public sealed record HomeViewer(bool SeesAll, string[] Kraje, string[] KrajDruhy, string? StaffKraj)
{
    private const string ProviderPairs = """
        SELECT coalesce(array_agg(DISTINCT r.kraj_nuts3 || ':' || s.druh_code), '{}')
        FROM catalogue.service s
        JOIN catalogue.service_place sp ON sp.service_id = s.id JOIN catalogue.place p ON p.id = sp.place_id
        JOIN territory.obec o ON o.code = p.obec_code JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        WHERE s.provider_ico = ANY (@icos)
        """;

    private const string ObecKraj = """
        SELECT coalesce(array_agg(r.kraj_nuts3), '{}') FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        WHERE o.code = @obec
        """;

    public static async Task<HomeViewer> OfAsync(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var scope = AccessScope.Of(user);
        if (scope.IsAdmin) return new(true, [], [], null);
        if (scope.Kraj is { } kraj) return new(false, [kraj], [], kraj);
        if (user.FindFirstValue(KissosClaims.Obec) is { } obec)
            return new(false, await Sql.ScalarAsync<string[]>(db, ObecKraj, [new NpgsqlParameter("obec", obec)], ct) ?? [], [], null);
        var pairs = await Sql.ScalarAsync<string[]>(db, ProviderPairs,
            [new NpgsqlParameter("icos", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scope.Icos.ToArray() }], ct) ?? [];
        return new(false, pairs.Select(p => p.Split(':')[0]).Distinct().ToArray(), pairs, null);
    }
}
