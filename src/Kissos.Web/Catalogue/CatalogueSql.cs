namespace Kissos.Catalogue;

/// <summary>Set-based PostGIS statements of the catalogue.</summary>
public static class CatalogueSql
{
    /// <summary>Places whose point is not in (or within 200 m of, for generalized boundaries) their own obec.</summary>
    public const string PlacesOutsideTheirObec =
        """
        SELECT p.id AS "Value"
        FROM catalogue.place p JOIN territory.obec o ON o.code = p.obec_code
        WHERE p.location IS NOT NULL AND NOT ST_DWithin(o.geom, p.location, 200)
        ORDER BY p.id
        """;

    /// <summary>Derives each service's catchment geometry from its declared obce and ORP.</summary>
    public const string DeriveCatchmentGeometry =
        """
        UPDATE catalogue.service s
        SET catchment_geom = (
            SELECT ST_Multi(ST_Union(o.geom)) FROM territory.obec o
            WHERE o.code = ANY (s.catchment_obce) OR o.orp_csu_code = ANY (s.catchment_orp))
        WHERE s.id = ANY ({0})
        """;
}
