using System.Security.Claims;
using System.Text.Json;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NetTopologySuite.Geometries;

namespace Kissos.Audit;

/// <summary>Writes an audit entry for every added, changed or deleted IAudited entity, in the same transaction.</summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public const string SystemUser = "system";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is KissosDb { AuditEnabled: true } db) Record(db);
        return base.SavingChangesAsync(eventData, result, ct);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is KissosDb { AuditEnabled: true } db) Record(db);
        return base.SavingChanges(eventData, result);
    }

    private void Record(KissosDb db)
    {
        var user = http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? SystemUser;
        var now = clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => ToAudit(e, user, now))
            .Where(a => a is not null)
            .ToList();
        db.AuditEntries.AddRange(entries!);
    }

    private static AuditEntry? ToAudit(EntityEntry entry, string user, DateTimeOffset now)
    {
        var properties = entry.Properties.Where(p => entry.State != EntityState.Modified || p.IsModified).ToList();
        if (properties.Count == 0) return null;
        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue));
        return new AuditEntry
        {
            At = now,
            UserName = user,
            Entity = entry.Metadata.ClrType.Name,
            EntityId = string.Join('|', key),
            Action = entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
            OldValues = entry.State == EntityState.Added ? null : Values(properties, p => p.OriginalValue),
            NewValues = entry.State == EntityState.Deleted ? null : Values(properties, p => p.CurrentValue),
        };
    }

    private static JsonDocument Values(IEnumerable<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.SerializeToDocument(properties.ToDictionary(p => p.Metadata.Name, p => value(p) switch
        {
            Geometry g => g.AsText(), // WKT in S-JTSK: readable and exact
            var v => v,
        }));
}
