namespace Kissos.Catalogue;

/// <summary>Set-based PostGIS statements of the catalogue.</summary>
public static class CatalogueSql
{
    /// <summary>A place's postal address as PlaceAddress.Format writes it, over the aliases p (place) and o (its obec).</summary>
    public const string PlaceAddress =
        """
        concat_ws(', ', nullif(concat_ws(' ', coalesce(p.street, p.quarter),
                nullif(concat_ws('/', p.house_number::text, p.orientation_number), '')), ''),
            concat_ws(' ', p.post_code, o.name))
        """;

    /// <summary>A service's capacities with their units as a JSON array, over the alias s (service).</summary>
    public const string ServiceCapacities =
        """
        (SELECT coalesce(json_agg(json_build_object(
                    'form', c.form, 'type', c.capacity_type, 'amount', c.amount, 'unit', t.unit)
                    ORDER BY c.form, c.capacity_type), '[]'::json)
             FROM catalogue.service_capacity c JOIN catalogue.capacity_type t ON t.code = c.capacity_type
             WHERE c.service_id = s.id)
        """;

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
