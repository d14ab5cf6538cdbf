using Kissos.Common;

namespace Kissos.Ogc;

/// <summary>
/// The SQL of the OGC API, generated from a collection's description. A feature row is its id and the whole GeoJSON
/// Feature (the geometry in the requested CRS, the properties object) made by PostgreSQL as UTF-8 bytes, which the
/// API copies into the response as they are.
/// </summary>
public static class OgcSql
{
    // Concatenated rather than json_build_object(... ::json): the geometry text is not parsed again.
    private static string FeatureColumns(OgcCollection c, OgcCrs crs) =>
        $"{c.IdColumn}::text, convert_to('{{\"type\":\"Feature\",\"id\":' || to_json({c.IdColumn}::text)::text" +
        $" || ',\"geometry\":' || coalesce(ST_AsGeoJSON({crs.FromStorage(GeoJsonSql.RightHandRule(c.GeometryColumn))}, {crs.Decimals}, 0), 'null')" +
        $" || ',\"properties\":' || json_build_object({string.Join(", ", c.Properties.Select(p => $"'{p.Name}', {p.Sql}"))})::text" +
        " || '}', 'UTF8')";

    /// <summary>
    /// One page by key: the features after @after (when <paramref name="afterKey"/>) in id order, @take of them
    /// (one more than the page, to know whether a next page exists). Uses the primary key, never OFFSET.
    /// </summary>
    public static string Page(OgcCollection c, OgcCrs crs, string where, bool afterKey) =>
        $"""
        SELECT {FeatureColumns(c, crs)}
        FROM {c.Source}
        WHERE {where}{(afterKey ? $" AND {c.IdColumn} > @after" : "")}
        ORDER BY {c.IdColumn}
        LIMIT @take
        """;

    /// <summary>How many features match the filters (numberMatched).</summary>
    public static string Count(OgcCollection c, string where) =>
        $"SELECT count(*) FROM {c.Source} WHERE {where}";

    public static string Feature(OgcCollection c, OgcCrs crs) =>
        $"SELECT {FeatureColumns(c, crs)} FROM {c.Source} WHERE {c.Condition} AND {c.IdColumn} = @id";

    /// <summary>
    /// The spatial extent in CRS84 (the union of the features' boxes, each projected) and the temporal extent
    /// (null ends are open) of a collection: one row of minLon, minLat, maxLon, maxLat, start, end.
    /// </summary>
    public static string Extent(OgcCollection c)
    {
        var (start, end) = c.Temporal is { } t
            ? ($"CASE WHEN bool_or({t.Start} IS NULL) THEN NULL ELSE min({t.Start}) END",
               $"CASE WHEN bool_or({t.End} IS NULL) THEN NULL ELSE max({t.End}) END")
            : ("NULL::date", "NULL::date");
        return $"""
            SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b), t0, t1
            FROM (SELECT ST_Extent(ST_Transform(ST_Envelope({c.GeometryColumn}), {OgcCrs.Crs84.Srid})) AS b, {start} AS t0, {end} AS t1
                  FROM {c.Source} WHERE {c.Condition}) x
            """;
    }
}
