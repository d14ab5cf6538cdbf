namespace Kissos.Common;

/// <summary>SQL making the GeoJSON geometry of a stored (EPSG:5514) geometry, for every query that serves GeoJSON.</summary>
public static class GeoJsonSql
{
    /// <summary>
    /// Polygons wound as RFC 7946 §3.1.6 wants (exterior rings counter-clockwise, holes clockwise), whatever the
    /// stored winding: coverage simplification and unions write clockwise shells. Points and lines pass unchanged.
    /// S-JTSK (Křovák East North) and lon/lat are both east-north, so the winding survives the transformation.
    /// </summary>
    public static string RightHandRule(string geometry) => $"ST_ForcePolygonCCW({geometry})";

    /// <summary>Parts of a generalized boundary smaller than this (m²) are slivers the simplification left.</summary>
    public const double MinGeneralizedPartArea = 100;

    /// <summary>
    /// The generalized geometry of a territorial unit (alias.generalized, or alias.geom where it has none) without
    /// the slivers of coverage simplification: parts of a few m², often thinner than the served precision, whose
    /// rings collapse or turn over once rounded. At 120 m generalization they are invisible anyway.
    /// </summary>
    public static string Generalized(string alias) =>
        $"coalesce((SELECT ST_Multi(ST_Collect(part.geom)) FROM ST_Dump({alias}.generalized) part " +
        $"WHERE ST_Area(part.geom) >= {MinGeneralizedPartArea}), {alias}.geom)";

    /// <summary>The geometry as RFC 7946 GeoJSON text: WGS84 lon/lat, right-hand rule, <paramref name="decimals"/> decimals.</summary>
    public static string Wgs84(string storedGeometry, int decimals) =>
        $"ST_AsGeoJSON({RightHandRule($"ST_Transform({storedGeometry}, 4326)")}, {decimals})";
}
