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
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
        await DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new Summary(territory, registry);
    }

    public static async Task<bool> IsEmptyAsync(KissosDb db, CancellationToken ct = default) =>
        !await db.Kraje.AnyAsync(ct);
}
