namespace Kissos.Vacancies;

/// <summary>The public vacancy layer, built by PostgreSQL as GeoJSON.</summary>
public static class VacancySql
{
    /// <summary>Vacancies visible to the public today (@today): published, not withdrawn, not expired, of a service not ended.</summary>
    public const string Public = "v.withdrawn_at IS NULL AND v.valid_until >= @today AND (s.valid_to IS NULL OR s.valid_to >= @today)";

    public static string Features(string condition) =>
        $$"""
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY f->'properties'->>'validUntil', f->>'id'), '[]'::json))::text
        FROM ({{Feature(condition)}}) x(f)
        """;

    public static string OneFeature(string condition) => $"SELECT f::text FROM ({Feature(condition)}) x(f)";

    public static string Feature(string condition) =>
        $$"""
        SELECT json_build_object(
            'type', 'Feature', 'id', v.id,
            'geometry', ST_AsGeoJSON(ST_Transform(p.location, 4326), 6)::json,
            'properties', json_build_object(
                'id', v.id, 'serviceId', s.id, 'serviceName', s.name, 'facilityName', sp.facility_name,
                'druh', s.druh_code, 'druhName', d.name, 'providerName', pr.name, 'ico', pr.ico,
                'placeId', p.id, 'obec', o.name, 'obecCode', o.code, 'orpCsuCode', r.csu_code, 'kraj', r.kraj_nuts3,
                'places', v.places, 'availableFrom', v.available_from, 'validUntil', v.valid_until,
                'targetGroup', v.target_group, 'targetGroupName', tg.name, 'description', v.description,
                'barrierFree', v.barrier_free, 'floor', v.floor, 'lift', v.lift, 'barrierNote', v.barrier_note,
                'contactName', v.contact_name, 'contactPhone', v.contact_phone, 'contactEmail', v.contact_email,
                'publishedAt', v.published_at, 'updatedAt', v.updated_at))
        FROM vacancies.vacancy v
        JOIN catalogue.service s ON s.id = v.service_id
        JOIN catalogue.druh d ON d.code = s.druh_code
        JOIN catalogue.provider pr ON pr.ico = s.provider_ico
        JOIN catalogue.service_place sp ON sp.service_id = s.id AND sp.place_id = v.place_id
        JOIN catalogue.place p ON p.id = v.place_id
        JOIN territory.obec o ON o.code = p.obec_code
        JOIN territory.orp r ON r.csu_code = o.orp_csu_code
        LEFT JOIN catalogue.target_group tg ON tg.code = v.target_group
        WHERE {{condition}}
        """;
}
