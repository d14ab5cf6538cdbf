using Kissos.Catalogue;
using Kissos.Common;

namespace Kissos.Map;

/// <summary>The map's queries: each returns one JSON document built by PostgreSQL.</summary>
public static class MapSql
{
    /// <summary>
    /// Every service at each of its places, or once at the obec of its contact address when it has no place of
    /// provision (then sp and p are null), with the aliases a ServiceFilter condition uses (s, pr, sp, p, o, r):
    /// o and r are where the row counts, so the territory filters take the contact obec for a service without a place.
    /// </summary>
    public const string ServicesAtPlaces =
        """
        catalogue.service s
        JOIN catalogue.provider pr ON pr.ico = s.provider_ico
        LEFT JOIN catalogue.service_place sp ON sp.service_id = s.id
        LEFT JOIN catalogue.place p ON p.id = sp.place_id
        JOIN territory.obec o ON o.code = coalesce(p.obec_code, s.contact_obec_code)
        JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        """;

    /// <summary>
    /// Services at places matching a ServiceFilter condition, one feature per service and place; a service without a
    /// place is one feature without geometry, marked placeless, in the obec of its contact address.
    /// </summary>
    public static string Services(string filter) =>
        $$"""
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature',
            'id', s.id || '|' || coalesce(p.id, 'bez-mista'),
            'geometry', {{GeoJsonSql.Wgs84("p.location", 6)}}::json,
            'properties', json_build_object(
                'serviceId', s.id, 'placeId', p.id, 'name', sp.facility_name, 'serviceName', s.name,
                'druh', s.druh_code, 'druhName', d.name, 'forms', s.forms,
                'capacities', {{CatalogueSql.ServiceCapacities}},
                'providerName', pr.name, 'ico', pr.ico, 'obec', o.name, 'obecCode', o.code,
                'address', CASE WHEN p.id IS NOT NULL THEN {{CatalogueSql.PlaceAddress}} END, 'placeless', p.id IS NULL)
        ) ORDER BY d.name, s.name, s.id, p.id), '[]'::json))::text
        FROM {{ServicesAtPlaces}}
        JOIN catalogue.druh d ON d.code = s.druh_code
        WHERE {{filter}}
        """;

    /// <summary>
    /// A territorial level of the choropleth: its table, key column, the key's JSON name, populations, and the
    /// NUTS3 code of a unit's kraj (an expression over the unit u).
    /// </summary>
    public sealed record StatsLevel(string Table, string Key, string KeyProperty, string PlaceKey, string Population, string Kraj);

    public static readonly StatsLevel OrpLevel = new(
        "territory.orp", "csu_code", "csuCode", "r.csu_code",
        "SELECT orp_csu_code AS unit_key, sum(population) AS population FROM territory.obec GROUP BY orp_csu_code",
        "u.kraj_nuts3");

    public static readonly StatsLevel ObecLevel = new(
        "territory.obec", "code", "code", "o.code",
        "SELECT code AS unit_key, population FROM territory.obec",
        "(SELECT kraj_nuts3 FROM territory.orp WHERE csu_code = u.orp_csu_code)");

    /// <summary>
    /// Supply per territorial unit for a choropleth. A service's capacity is split evenly among all its places
    /// (the registry records capacity per service, not per place) and counted where each place is. A service without
    /// a place counts apart, in the unit of its contact obec: unplacedServices and unplacedCapacity, outside the
    /// capacity per 1,000 inhabitants (where it is provided is not known).
    /// </summary>
    public static string Stats(StatsLevel level, string filter, string capacityCondition, string unitCondition) =>
        $$"""
        WITH matching AS (
            SELECT DISTINCT s.id AS service_id, p.id AS place_id, {{level.PlaceKey}} AS unit_key
            FROM {{ServicesAtPlaces}}
            WHERE {{filter}}
        ), place_count AS (
            SELECT service_id, count(*) AS n FROM catalogue.service_place GROUP BY service_id
        ), per_type AS (
            SELECT m.unit_key, c.capacity_type, m.place_id IS NULL AS unplaced, sum(c.amount::float8 / coalesce(pc.n, 1)) AS amount
            FROM matching m
            LEFT JOIN place_count pc ON pc.service_id = m.service_id
            JOIN catalogue.service_capacity c ON c.service_id = m.service_id AND {{capacityCondition}}
            GROUP BY m.unit_key, c.capacity_type, m.place_id IS NULL
        ), population AS (
            {{level.Population}}
        ), capacity AS (
            SELECT t.unit_key,
                   json_object_agg(t.capacity_type, round(t.amount::numeric, 1)) FILTER (WHERE NOT t.unplaced) AS capacity,
                   json_object_agg(t.capacity_type, round((t.amount * 1000 / nullif(pop.population, 0))::numeric, 2))
                       FILTER (WHERE NOT t.unplaced) AS per_thousand,
                   json_object_agg(t.capacity_type, round(t.amount::numeric, 1)) FILTER (WHERE t.unplaced) AS unplaced
            FROM per_type t JOIN population pop ON pop.unit_key = t.unit_key
            GROUP BY t.unit_key
        ), services AS (
            SELECT unit_key, count(DISTINCT service_id) FILTER (WHERE place_id IS NOT NULL) AS services,
                   count(DISTINCT service_id) FILTER (WHERE place_id IS NULL) AS unplaced_services
            FROM matching GROUP BY unit_key
        ), covered AS (
            -- Kraje the catalogue has services in at all: elsewhere a zero means "no data", not "no capacity".
            SELECT DISTINCT r.kraj_nuts3 FROM catalogue.place p
            JOIN territory.obec o ON o.code = p.obec_code
            JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        )
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature',
            'id', u.{{level.Key}},
            'geometry', {{GeoJsonSql.Wgs84(GeoJsonSql.Generalized("u"), 5)}}::json,
            'properties', json_build_object(
                '{{level.KeyProperty}}', u.{{level.Key}}, 'name', u.name, 'population', pop.population,
                'services', coalesce(sv.services, 0),
                'hasData', {{level.Kraj}} IN (SELECT kraj_nuts3 FROM covered),
                'capacity', coalesce(c.capacity, '{}'::json),
                'perThousand', coalesce(c.per_thousand, '{}'::json),
                'unplacedServices', coalesce(sv.unplaced_services, 0),
                'unplacedCapacity', coalesce(c.unplaced, '{}'::json))
        ) ORDER BY u.name), '[]'::json))::text
        FROM {{level.Table}} u
        JOIN population pop ON pop.unit_key = u.{{level.Key}}
        LEFT JOIN capacity c ON c.unit_key = u.{{level.Key}}
        LEFT JOIN services sv ON sv.unit_key = u.{{level.Key}}
        WHERE {{unitCondition}}
        """;

    /// <summary>
    /// A service's catchment area as a GeoJSON Feature; '' when the service declares none, no row when unknown.
    /// </summary>
    public static readonly string Catchment =
        $"""
        SELECT CASE WHEN s.catchment_geom IS NULL THEN '' ELSE json_build_object(
            'type', 'Feature', 'id', s.id,
            'geometry', {GeoJsonSql.Wgs84("s.catchment_geom", 6)}::json,
            'properties', json_build_object('serviceId', s.id, 'obce', s.catchment_obce, 'orp', s.catchment_orp))::text END
        FROM catalogue.service s WHERE s.id = @id
        """;
}
