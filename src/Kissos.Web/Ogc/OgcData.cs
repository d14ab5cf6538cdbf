using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Ogc;

/// <summary>Runs the OGC API's queries on the context's connection.</summary>
public static class OgcData
{
    /// <summary>A feature as PostgreSQL made it: the id, the geometry as GeoJSON (or null) and the properties object.</summary>
    public sealed record FeatureRow(string Id, string? Geometry, string Properties);

    /// <summary>A page of features, how many match in all, and the key after which the next page starts.</summary>
    public sealed record Page(IReadOnlyList<FeatureRow> Features, long Matched, string? Next);

    /// <summary>The CRS84 bounding box (null when the collection is empty) and the temporal extent.</summary>
    public sealed record Extent(double[]? Bbox, DateOnly? Start, DateOnly? End);

    private static async Task<NpgsqlConnection> OpenAsync(KissosDb db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>One page and the count of matches, in one round trip.</summary>
    public static async Task<Page> PageAsync(KissosDb db, OgcItemsQuery query, CancellationToken ct)
    {
        var (where, parameters) = query.Where();
        var c = query.Collection;
        await using var batch = new NpgsqlBatch(await OpenAsync(db, ct));
        var page = new NpgsqlBatchCommand(OgcSql.Page(c, query.Crs, where, query.After is not null));
        page.Parameters.AddRange(parameters.ToArray());
        page.Parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = query.Limit + 1 });
        if (query.After is not null) page.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = query.After });
        var count = new NpgsqlBatchCommand(OgcSql.Count(c, where));
        count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var features = new List<FeatureRow>(Math.Min(query.Limit + 1, 1024));
        while (await reader.ReadAsync(ct)) features.Add(Read(reader));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var matched = reader.GetInt64(0);

        string? next = null;
        if (features.Count > query.Limit)
        {
            features.RemoveAt(features.Count - 1);
            next = features[^1].Id;
        }
        return new Page(features, matched, next);
    }

    public static async Task<FeatureRow?> FeatureAsync(KissosDb db, OgcCollection c, OgcCrs crs, string id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(OgcSql.Feature(c, crs), await OpenAsync(db, ct));
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public static async Task<Extent> ExtentAsync(KissosDb db, OgcCollection c, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(OgcSql.Extent(c), await OpenAsync(db, ct));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        // Six decimals (~0.1 m), rounded outwards so the box still covers every feature.
        double[]? bbox = reader.IsDBNull(0) ? null :
        [
            Math.Floor(reader.GetDouble(0) * 1e6) / 1e6, Math.Floor(reader.GetDouble(1) * 1e6) / 1e6,
            Math.Ceiling(reader.GetDouble(2) * 1e6) / 1e6, Math.Ceiling(reader.GetDouble(3) * 1e6) / 1e6,
        ];
        return new Extent(bbox,
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5));
    }

    private static FeatureRow Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
}
