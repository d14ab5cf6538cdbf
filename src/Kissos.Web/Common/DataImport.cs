using System.Text.Json;
using Kissos.Audit;
using Kissos.Catalogue;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Common;

/// <summary>
/// The reference-data import: territory, taxonomy and the registry extract, replaced as a whole in one
/// transaction. Running it again gives the same database; a bad record anywhere leaves the old data in place.
/// </summary>
public static class DataImport
{
    public sealed record Summary(TerritoryImport.Counts Territory, RegistryImport.Counts Registry);

    public static async Task<Summary> RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        db.AuditEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Vacancies belong to providers, not to the reference data: kept for the services and places that remain.
        var vacancies = await db.Vacancies.AsNoTracking().ToListAsync(ct);
        await db.Vacancies.ExecuteDeleteAsync(ct);
        await db.ServicePlaces.ExecuteDeleteAsync(ct);
        await db.Services.ExecuteDeleteAsync(ct);
        await db.Places.ExecuteDeleteAsync(ct);
        await db.Providers.ExecuteDeleteAsync(ct);
        await db.Druhy.ExecuteDeleteAsync(ct);
        await db.Formy.ExecuteDeleteAsync(ct);
        await db.TargetGroups.ExecuteDeleteAsync(ct);
        await db.AgeCategories.ExecuteDeleteAsync(ct);
        await db.CapacityTypes.ExecuteDeleteAsync(ct);
        await db.Obce.ExecuteDeleteAsync(ct);
        await db.Orp.ExecuteDeleteAsync(ct);
        await db.Kraje.ExecuteDeleteAsync(ct);

        var territory = await TerritoryImport.RunAsync(db, options, ct);
        await TaxonomyImport.RunAsync(db, options, ct);
        var registry = await RegistryImport.RunAsync(db, options, ct);
        var links = await db.ServicePlaces.Select(sp => new { sp.ServiceId, sp.PlaceId }).ToListAsync(ct);
        db.Vacancies.AddRange(vacancies.Where(v => links.Contains(new { v.ServiceId, v.PlaceId })));
        var summary = new Summary(territory, registry);
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow, UserName = AuditInterceptor.SystemUser, Entity = "ReferenceData", EntityId = options.DataPath,
            Action = "imported", NewValues = JsonSerializer.SerializeToDocument(summary),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.AuditEnabled = true;
        return summary;
    }

    public static async Task<bool> IsEmptyAsync(KissosDb db, CancellationToken ct = default) =>
        !await db.Kraje.AnyAsync(ct);
}
