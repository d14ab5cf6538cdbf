using System.Text.Json;
using Kissos.Audit;
using Kissos.Catalogue;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Common;

/// <summary>
/// The reference-data import: territory, taxonomy and the registry extract, merged into what the database holds
/// (EntityMerge) in one transaction. Running it again changes nothing; a bad record anywhere leaves the old data
/// in place; providers' own data (vacancies, registers, what they added to services) is never touched. The extract
/// stands in for the registry only until the first refresh from the official file (Registry/), which is newer.
/// </summary>
public static class DataImport
{
    /// <summary>Registry is null when the extract was skipped because the official registry has been loaded.</summary>
    public sealed record Summary(TerritoryImport.Counts Territory, RegistryImport.Counts? Registry);

    public static async Task<Summary> RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        db.AuditEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var territory = await TerritoryImport.RunAsync(db, options, ct);
        await TaxonomyImport.RunAsync(db, options, ct);
        var registry = await db.Refreshes.AnyAsync(r => r.Succeeded, ct) ? null : await RegistryImport.RunAsync(db, options, ct);
        var summary = new Summary(territory, registry);
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow, UserName = AuditInterceptor.SystemUser, Entity = "ReferenceData", EntityId = options.DataPath,
            Action = "imported", NewValues = JsonSerializer.SerializeToDocument(summary),
        });
        await db.SaveChangesAsync(ct);
        await DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.AuditEnabled = true;
        return summary;
    }

    public static async Task<bool> IsEmptyAsync(KissosDb db, CancellationToken ct = default) =>
        !await db.Kraje.AnyAsync(ct);
}
