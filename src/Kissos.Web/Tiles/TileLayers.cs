namespace Kissos.Tiles;

/// <summary>A property of the features of a tile layer: its name, SQL expression and meaning (for TileJSON).</summary>
public sealed record TileField(string Name, string Sql, string Description);

/// <summary>
/// A vector-tile layer: where its rows come from, the indexed EPSG:5514 geometry column that selects the rows of
/// a tile, the geometry drawn (SQL over @z and @tolerance, about a screen pixel in metres), and its properties.
/// </summary>
public sealed record TileLayer(
    string Id, string Description, int MinZoom, int MaxZoom,
    string Source, string GeometryColumn, string Geometry, IReadOnlyList<TileField> Fields);

public static class TileLayers
{
    public static readonly IReadOnlyList<TileLayer> All =
    [
        // Small scales take the coverage-generalized boundaries (120 m, no gaps), simplified further to the pixel
        // (keeping small obce from collapsing); from zoom 11 on, the full geometry.
        new("obce", "Obce ČR s počtem obyvatel", 5, 14,
            Source: "territory.obec o", GeometryColumn: "o.geom",
            Geometry: "ST_Simplify(CASE WHEN @z >= 11 THEN o.geom ELSE coalesce(o.generalized, o.geom) END, @tolerance, true)",
            Fields:
            [
                new("code", "o.code", "kód obce"),
                new("name", "o.name", "název"),
                new("orpCsuCode", "o.orp_csu_code", "kód ORP (ČSÚ)"),
                new("population", "o.population", "počet obyvatel"),
            ]),
        new("services", "Sociální služby v místech poskytování", 5, 16,
            Source: "catalogue.service s JOIN catalogue.service_place sp ON sp.service_id = s.id JOIN catalogue.place p ON p.id = sp.place_id",
            GeometryColumn: "p.location", Geometry: "p.location",
            Fields:
            [
                new("id", "s.id || '|' || p.id", "služba|místo"),
                new("serviceId", "s.id", "id služby"),
                new("name", "sp.facility_name", "název zařízení"),
                new("serviceName", "s.name", "název služby"),
                new("druh", "s.druh_code", "druh služby (kód)"),
            ]),
    ];

    public static TileLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);
}
