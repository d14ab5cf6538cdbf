namespace Kissos.Territory;

/// <summary>Set-based PostGIS statements of the territory import.</summary>
public static class TerritorySql
{
    /// <summary>
    /// Simplifies obce as a coverage: the shared boundary lines are simplified once, re-polygonized, and each
    /// face goes to the obec it overlaps most, so neighbours neither gap nor overlap. {0} = tolerance in metres.
    /// </summary>
    public const string GeneralizeObce =
        """
        WITH edges AS (
            SELECT (ST_Dump(ST_LineMerge(ST_Union(ST_Boundary(geom))))).geom AS geom FROM territory.obec
        ), simplified AS (
            SELECT ST_Collect(ST_SimplifyPreserveTopology(geom, {0})) AS geom FROM edges
        ), faces AS (
            SELECT row_number() OVER () AS id, f.geom
            FROM (SELECT (ST_Dump(ST_Polygonize(geom))).geom AS geom FROM simplified) f
        ), owner AS (
            SELECT DISTINCT ON (f.id) f.id, o.code, f.geom
            FROM faces f JOIN territory.obec o ON o.geom && f.geom AND ST_Intersects(o.geom, f.geom)
            ORDER BY f.id, ST_Area(ST_Intersection(o.geom, f.geom)) DESC, o.code
        ), merged AS (
            SELECT code, ST_Multi(ST_Union(geom)) AS geom FROM owner GROUP BY code
        )
        UPDATE territory.obec o
        SET generalized = m.geom
        FROM merged m
        WHERE m.code = o.code
        """;

    /// <summary>ORP and kraje get generalized copies dissolved from the generalized obce: the same coverage.</summary>
    public const string GeneralizeOrpAndKraje =
        """
        UPDATE territory.orp r
        SET generalized = u.geom
        FROM (SELECT orp_csu_code, ST_Multi(ST_Union(coalesce(generalized, geom))) AS geom
              FROM territory.obec GROUP BY orp_csu_code) u
        WHERE u.orp_csu_code = r.csu_code;

        UPDATE territory.kraj k
        SET generalized = u.geom
        FROM (SELECT kraj_nuts3, ST_Multi(ST_Union(generalized)) AS geom FROM territory.orp GROUP BY kraj_nuts3) u
        WHERE u.kraj_nuts3 = k.nuts3;
        """;

    /// <summary>Obce whose interior point lies outside the ORP they claim to belong to.</summary>
    public const string ObceOutsideTheirOrp =
        """
        SELECT o.code AS "Value"
        FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        WHERE NOT ST_Intersects(r.geom, ST_PointOnSurface(o.geom))
        ORDER BY o.code
        """;
}
