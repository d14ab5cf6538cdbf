using Kissos.Common;

namespace Kissos.Registers;

/// <summary>The registers' set-based questions, answered by PostgreSQL. @on is the day the state is read at.</summary>
public static class RegisterSql
{
    /// <summary>
    /// Disclosure control of the public outputs (controlled rounding): every count is first taken in the finest cell
    /// the public can ask for (obec × druh for demand; obec × place of provision × druh for flows) and rounded there
    /// to the nearest multiple of RoundingBase (1–2 → 0, 3–7 → 5, 8–12 → 10, …); every published number is a sum of
    /// such rounded cells. Totals are therefore the sums of their published parts, across levels and druhy, so
    /// subtracting answers only ever gives multiples of 5 and never a count from 1 to 4.
    /// </summary>
    public const int RoundingBase = 5;

    /// <summary>SQL rounding a count to the nearest multiple of RoundingBase (a count never falls on a half).</summary>
    public static string Rounded(string count) => $"({RoundingBase} * round({count} / {RoundingBase}.0))::int";

    /// <summary>
    /// Unmet demand: people waiting on @on (applied by then, and still waiting or their status changed later),
    /// one row per person and druh — someone waiting for three homes for seniors counts once — with the obec of
    /// residence of their latest application. {0} = extra condition on s (service) and a (applicant).
    /// </summary>
    public static string Waiting(string condition) =>
        $"""
        SELECT DISTINCT ON (a.person_code, s.druh_code) a.person_code, s.druh_code, a.obec_code, a.situations
        FROM registers.applicant a JOIN catalogue.service s ON s.id = a.service_id
        WHERE a.applied_on <= @on AND (a.status = 'waiting' OR a.status_on > @on) AND {condition}
        ORDER BY a.person_code, s.druh_code, a.applied_on DESC
        """;

    /// <summary>Demand per ORP or obec for a choropleth: unique waiting persons per druh, rounded per obec and druh (see RoundingBase), per 1,000 inhabitants.</summary>
    public static string DemandMap(Map.MapSql.StatsLevel level, string condition, string unitCondition) =>
        $$"""
        WITH waiting AS ({{Waiting(condition)}}
        ), cells AS (
            SELECT w.obec_code, w.druh_code, count(*) AS persons FROM waiting w GROUP BY 1, 2
        ), per_unit AS (
            SELECT {{(level == Map.MapSql.OrpLevel ? "o.orp_csu_code" : "o.code")}} AS unit_key, sum({{Rounded("c.persons")}}) AS persons
            FROM cells c JOIN territory.obec o ON o.code = c.obec_code GROUP BY 1
        ), population AS (
            {{level.Population}}
        )
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature', 'id', u.{{level.Key}},
            'geometry', {{GeoJsonSql.Wgs84(GeoJsonSql.Generalized("u"), 5)}}::json,
            'properties', json_build_object(
                '{{level.KeyProperty}}', u.{{level.Key}}, 'name', u.name, 'population', pop.population,
                'unmet', coalesce(d.persons, 0),
                'perThousand', round((coalesce(d.persons, 0) * 1000.0 / nullif(pop.population, 0))::numeric, 2))
        ) ORDER BY u.name), '[]'::json))::text
        FROM {{level.Table}} u
        JOIN population pop ON pop.unit_key = u.{{level.Key}}
        LEFT JOIN per_unit d ON d.unit_key = u.{{level.Key}}
        WHERE {{unitCondition}}
        """;

    /// <summary>
    /// Where users of services come from: lines from their obec of residence to the place of provision, for users
    /// in a service on @on, rounded per obec, place and druh (see RoundingBase), only lines of 5 or more. {0} = condition on s.
    /// </summary>
    public static string Flows(string condition) =>
        $$"""
        WITH active AS (
            SELECT u.obec_code, u.service_id, s.druh_code, count(*) AS persons
            FROM registers.service_user u JOIN catalogue.service s ON s.id = u.service_id
            WHERE u.started_on <= @on AND (u.ended_on IS NULL OR u.ended_on > @on) AND {{condition}}
            GROUP BY u.obec_code, u.service_id, s.druh_code
        ), place AS (
            -- a service with several places: its users are drawn to its first located place
            SELECT DISTINCT ON (sp.service_id) sp.service_id, p.location
            FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id
            WHERE p.location IS NOT NULL ORDER BY sp.service_id, p.id
        ), cells AS (
            SELECT a.obec_code, pl.location, a.druh_code, sum(a.persons) AS persons
            FROM active a JOIN place pl ON pl.service_id = a.service_id
            GROUP BY a.obec_code, pl.location, a.druh_code
        ), flows AS (
            SELECT obec_code, location, sum({{Rounded("persons")}}) AS persons
            FROM cells GROUP BY obec_code, location
            HAVING sum({{Rounded("persons")}}) > 0
        )
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature',
            'geometry', {{GeoJsonSql.Wgs84("ST_MakeLine(ST_PointOnSurface(o.geom), f.location)", 5)}}::json,
            'properties', json_build_object('fromObec', o.code, 'fromName', o.name, 'persons', f.persons)
        ) ORDER BY f.persons DESC), '[]'::json))::text
        FROM flows f JOIN territory.obec o ON o.code = f.obec_code
        """;

    /// <summary>
    /// Prostupnost over a period [@from, @to]: people admitted from waiting lists, users leaving, and moves from one
    /// druh to another (users who ended and went on to a known next service), per druh.
    /// </summary>
    public static string Permeability(string condition) =>
        $$"""
        SELECT json_build_object(
            'admitted', (SELECT coalesce(json_agg(x ORDER BY x.druh), '[]'::json) FROM (
                SELECT s.druh_code AS druh, count(DISTINCT a.person_code) AS persons
                FROM registers.applicant a JOIN catalogue.service s ON s.id = a.service_id
                WHERE a.status = 'admitted' AND a.status_on BETWEEN @from AND @to AND {{condition}}
                GROUP BY s.druh_code) x),
            'left', (SELECT coalesce(json_agg(x ORDER BY x.druh), '[]'::json) FROM (
                SELECT s.druh_code AS druh, count(DISTINCT u.person_code) AS persons
                FROM registers.service_user u JOIN catalogue.service s ON s.id = u.service_id
                WHERE u.ended_on BETWEEN @from AND @to AND {{condition}}
                GROUP BY s.druh_code) x),
            'transitions', (SELECT coalesce(json_agg(x ORDER BY x.persons DESC), '[]'::json) FROM (
                SELECT s.druh_code AS "from", n.druh_code AS "to", count(DISTINCT u.person_code) AS persons
                FROM registers.service_user u
                JOIN catalogue.service s ON s.id = u.service_id
                JOIN catalogue.service n ON n.id = u.next_service_id
                WHERE u.ended_on BETWEEN @from AND @to AND {{condition}}
                GROUP BY s.druh_code, n.druh_code) x))::text
        """;

    /// <summary>Exact unmet demand per druh and territorial unit (kraj, ORP or obec of residence) for regional staff.</summary>
    public static string DemandTable(string condition, string unitKey, string unitName, string unitJoin) =>
        $$"""
        WITH waiting AS ({{Waiting(condition)}})
        SELECT coalesce(json_agg(x ORDER BY x.druh, x.unit), '[]'::json)::text FROM (
            SELECT w.druh_code AS druh, d.name AS "druhName", {{unitKey}} AS unit, {{unitName}} AS "unitName", count(*) AS persons
            FROM waiting w
            JOIN catalogue.druh d ON d.code = w.druh_code
            JOIN territory.obec o ON o.code = w.obec_code
            {{unitJoin}}
            GROUP BY w.druh_code, d.name, {{unitKey}}, {{unitName}}) x
        """;

    /// <summary>Demand of potential users by adverse social situation and obec of residence (unique persons).</summary>
    public static string BySituation(string condition) =>
        $$"""
        WITH waiting AS ({{Waiting(condition)}})
        SELECT coalesce(json_agg(x ORDER BY x.persons DESC), '[]'::json)::text FROM (
            SELECT sit AS situation, w.obec_code AS obec, o.name AS "obecName", count(DISTINCT w.person_code) AS persons
            FROM waiting w CROSS JOIN LATERAL unnest(w.situations) sit JOIN territory.obec o ON o.code = w.obec_code
            GROUP BY sit, w.obec_code, o.name) x
        """;

    /// <summary>Stores the users of every service by obec of residence on a quarter's last day (idempotent).</summary>
    /// <summary>Replaces the quarter's snapshot rows of the services meeting <paramref name="serviceCondition"/> (over s).</summary>
    public static string TakeSnapshot(string serviceCondition) =>
        $"""
        DELETE FROM registers.user_snapshot us USING catalogue.service s
        WHERE us.quarter_end = @on AND s.id = us.service_id AND {serviceCondition};
        INSERT INTO registers.user_snapshot (service_id, quarter_end, obec_code, users)
        SELECT u.service_id, @on, u.obec_code, count(DISTINCT u.person_code)
        FROM registers.service_user u JOIN catalogue.service s ON s.id = u.service_id
        WHERE u.started_on <= @on AND (u.ended_on IS NULL OR u.ended_on > @on) AND {serviceCondition}
        GROUP BY u.service_id, u.obec_code;
        """;
}
