using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Catalogue;

/// <summary>The codes an import or a query may refer to, read once from the database.</summary>
public sealed record KnownCodes(
    HashSet<string> Druhy, HashSet<string> Formy, HashSet<string> TargetGroups, HashSet<string> AgeCategories,
    HashSet<string> CapacityTypes, HashSet<string> Obce, HashSet<string> Orp, HashSet<string> Kraje)
{
    public static async Task<KnownCodes> LoadAsync(KissosDb db, CancellationToken ct = default) => new(
        (await db.Druhy.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.Formy.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.TargetGroups.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.AgeCategories.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.CapacityTypes.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.Obce.Select(x => x.Code).ToListAsync(ct)).ToHashSet(),
        (await db.Orp.Select(x => x.CsuCode).ToListAsync(ct)).ToHashSet(),
        (await db.Kraje.Select(x => x.Nuts3).ToListAsync(ct)).ToHashSet());
}

/// <summary>Keeps the known codes for a few minutes: they change only with a reference-data import.</summary>
public sealed class KnownCodesCache(Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public async Task<KnownCodes> GetAsync(KissosDb db, CancellationToken ct) =>
        (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, typeof(KnownCodes), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return KnownCodes.LoadAsync(db, ct);
        }))!;
}
