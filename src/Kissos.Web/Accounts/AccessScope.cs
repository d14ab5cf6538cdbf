using System.Security.Claims;

namespace Kissos.Accounts;

/// <summary>What part of the catalogue a signed-in account may change, read from its claims.</summary>
public sealed record AccessScope(bool IsAdmin, IReadOnlyList<string> Icos, string? Kraj)
{
    public static AccessScope Of(ClaimsPrincipal user) => new(
        user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.Provider) ? user.FindAll(KissosClaims.Ico).Select(c => c.Value).ToList() : [],
        user.IsInRole(Roles.Regional) ? user.FindFirstValue(KissosClaims.Kraj) : null);

    /// <summary>
    /// SQL condition over a service aliased s: true when the account may change it. Regional staff keep the
    /// services with a place in their kraj. Parameters: @scopeIcos (text[]), @scopeKraj (text).
    /// </summary>
    public string SqlCondition => IsAdmin
        ? "true"
        : """
          (s.provider_ico = ANY (@scopeIcos) OR EXISTS (
              SELECT 1 FROM catalogue.service_place sp2 JOIN catalogue.place p2 ON p2.id = sp2.place_id
              JOIN territory.obec o2 ON o2.code = p2.obec_code JOIN territory.orp r2 ON r2.csu_code = o2.orp_csu_code
              WHERE sp2.service_id = s.id AND r2.kraj_nuts3 = @scopeKraj))
          """;

    /// <summary>
    /// SQL condition over a place aliased p: true when the account may change what is at that place. Regional staff
    /// only in their kraj; providers and administrators wherever their services are. Same parameters.
    /// </summary>
    public string PlaceSqlCondition => Kraj is null || IsAdmin
        ? "true"
        : """
          EXISTS (SELECT 1 FROM territory.obec o3 JOIN territory.orp r3 ON r3.csu_code = o3.orp_csu_code
                  WHERE o3.code = p.obec_code AND r3.kraj_nuts3 = @scopeKraj)
          """;

    /// <summary>The place-level rule of <see cref="PlaceSqlCondition"/> for a place in a known kraj (NUTS3).</summary>
    public bool MayChangeIn(string kraj) => Kraj is null || IsAdmin || Kraj == kraj;

    public Npgsql.NpgsqlParameter[] SqlParameters =>
    [
        new("scopeIcos", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = Icos.ToArray() },
        new("scopeKraj", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)Kraj ?? DBNull.Value },
    ];
}
