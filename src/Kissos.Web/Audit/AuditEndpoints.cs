using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Audit;

/// <summary>The audit log for regional staff (entries about their kraj) and administrators (all), newest first, filterable.</summary>
public static class AuditEndpoints
{
    private const int MaxLimit = 500;

    public static void MapAudit(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.RegionalStaff)
            .MapGet("/", GetAudit);

    private static async Task<IResult> GetAudit(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "entity", "entityId", "user", "from", "to", "limit");
        var from = query.Date("from");
        var to = query.Date("to");
        var limit = query.Int("limit", 1, MaxLimit) ?? 100;
        if (!query.IsValid) return query.Problem();

        var entries = AuditScope.Entries(db, AccessScope.Of(http.User)).AsNoTracking();
        if (query.Get("entity") is { } entity) entries = entries.Where(a => a.Entity == entity);
        if (query.Get("entityId") is { } entityId) entries = entries.Where(a => a.EntityId == entityId);
        if (query.Get("user") is { } user) entries = entries.Where(a => a.UserName == user);
        if (from is { } f) entries = entries.Where(a => a.At >= f);
        if (to is { } t) entries = entries.Where(a => a.At < t.AddDays(1));
        var page = await entries.OrderByDescending(a => a.Id).Take(limit).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(page.Select(a => new
        {
            a.Id, a.At, a.UserName, a.Entity, a.EntityId, a.Action,
            OldValues = a.OldValues?.RootElement, NewValues = a.NewValues?.RootElement,
        }));
    }
}
