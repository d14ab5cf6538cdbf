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

    public Npgsql.NpgsqlParameter[] SqlParameters =>
    [
        new("scopeIcos", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = Icos.ToArray() },
        new("scopeKraj", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)Kraj ?? DBNull.Value },
    ];
}
