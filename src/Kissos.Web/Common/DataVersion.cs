using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Common;

/// <summary>
/// A counter that every write of map data bumps inside its own transaction, so the new number becomes visible
/// together with the data. Tile URLs carry it: a tile fetched under one number never changes and can be cached
/// for good, and the next import moves clients to new URLs.
/// </summary>
public sealed class DataVersion
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Bumps the version in the context's current transaction (call it inside the import's transaction).</summary>
    public static Task BumpAsync(KissosDb db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("UPDATE common.data_version SET version = version + 1, changed_at = now()", ct);

    public static Task<long> GetAsync(KissosDb db, CancellationToken ct = default) =>
        db.DataVersions.Select(v => v.Version).SingleAsync(ct);
}
