using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Ogc;

/// <summary>Runs the OGC API's queries on the context's connection.</summary>
public static class OgcData
{
    /// <summary>A feature as PostgreSQL made it: its id and the GeoJSON Feature as UTF-8.</summary>
    public sealed record FeatureRow(string Id, byte[] Json);

    /// <summary>
    /// A page of features, how many match in all, the key after which the next page starts, and the statements run
    /// (the count is left out when the first page already holds every match).
    /// </summary>
    public sealed record Page(IReadOnlyList<FeatureRow> Features, long Matched, string? Next, IReadOnlyList<Statement> Statements);

    /// <summary>The CRS84 bounding box (null when the collection is empty) and the temporal extent.</summary>
    public sealed record Extent(double[]? Bbox, DateOnly? Start, DateOnly? End);

    /// <summary>A statement and its parameters, as the API sends it.</summary>
    public sealed record Statement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
    {
        public NpgsqlBatchCommand ToCommand()
        {
            var command = new NpgsqlBatchCommand(Sql);
            command.Parameters.AddRange(Parameters.Select(p => p.Clone()).ToArray());
            return command;
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(KissosDb db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        return connection;
    }

    public static Statement PageStatement(OgcItemsQuery query)
    {
        var (where, parameters) = query.Where();
        parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = query.Limit + 1 });
        if (query.After is not null) parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = query.After });
        return new Statement(OgcSql.Page(query.Collection, query.Crs, where, query.After is not null), parameters);
    }

    public static Statement CountStatement(OgcItemsQuery query)
    {
        var (where, parameters) = query.Where();
        return new Statement(OgcSql.Count(query.Collection, where), parameters);
    }

    public static Statement FeatureStatement(OgcCollection c, OgcCrs crs, string id) =>
        new(OgcSql.Feature(c, crs), [new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id }]);

    /// <summary>
    /// One page by key and numberMatched. A later page sends both statements in one round trip; a first page that
    /// holds every match needs no count; a full first page asks for the count after it.
    /// Statements without a bbox are prepared (kept per connection): their plan does not depend on the values,
    /// while a bbox's selectivity does, so those are planned each time.
    /// </summary>
    public static async Task<Page> PageAsync(KissosDb db, OgcItemsQuery query, CancellationToken ct)
    {
        var connection = await OpenAsync(db, ct);
        var statements = new List<Statement> { PageStatement(query) };
        if (query.After is not null) statements.Add(CountStatement(query));

        var features = new List<FeatureRow>(Math.Min(query.Limit + 1, 1024));
        long? matched = null;
        await using (var batch = await BatchAsync(connection, statements, query.HasBbox, ct))
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) features.Add(Read(reader));
            if (await reader.NextResultAsync(ct) && await reader.ReadAsync(ct)) matched = reader.GetInt64(0);
        }

        if (matched is null && features.Count > query.Limit)
        {
            statements.Add(CountStatement(query));
            await using var batch = await BatchAsync(connection, [statements[^1]], query.HasBbox, ct);
            matched = (long)(await batch.ExecuteScalarAsync(ct))!;
        }

        string? next = null;
        if (features.Count > query.Limit)
        {
            features.RemoveAt(features.Count - 1);
            next = features[^1].Id;
        }
        return new Page(features, matched ?? features.Count, next, statements);
    }

    private static async Task<NpgsqlBatch> BatchAsync(NpgsqlConnection connection, IEnumerable<Statement> statements, bool hasBbox, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements) batch.BatchCommands.Add(statement.ToCommand());
        if (!hasBbox) await batch.PrepareAsync(ct);
        return batch;
    }

    public static async Task<FeatureRow?> FeatureAsync(KissosDb db, OgcCollection c, OgcCrs crs, string id, CancellationToken ct)
    {
        await using var batch = await BatchAsync(await OpenAsync(db, ct), [FeatureStatement(c, crs, id)], hasBbox: false, ct);
        await using var reader = await batch.ExecuteReaderAsync(ct);
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

    private static FeatureRow Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetFieldValue<byte[]>(1));
}
