using Kissos.Catalogue;

namespace Kissos.Ogc;

/// <summary>A feature property: its JSON name, the SQL expression over the collection's source, and its JSON type.</summary>
public sealed record OgcProperty(string Name, string Sql, string Type, string Title)
{
    public bool IsArray => Type == "array";
}

/// <summary>The validity of a feature in time: the SQL date columns of its start and end (null = open).</summary>
public sealed record OgcTemporal(string Start, string End);

/// <summary>
/// One collection of the OGC API: where its features come from (a FROM clause and a condition over it), which
/// expressions are its id (text, unique, the paging key) and geometry (EPSG:5514), its properties, the properties
/// that can be filtered by equality (?name=value; "contains" for arrays), and its validity in time if it has one.
/// </summary>
public sealed record OgcCollection(
    string Id,
    string Title,
    string Description,
    string Source,
    string IdColumn,
    string GeometryColumn,
    string GeometryType,
    IReadOnlyList<OgcProperty> Properties,
    IReadOnlyList<string> Filters,
    OgcTemporal? Temporal = null,
    string Condition = "true")
{
    public OgcProperty Property(string name) => Properties.Single(p => p.Name == name);
}

/// <summary>The public collections. A new layer (e.g. vacancies) is one more entry here.</summary>
public static class OgcCollections
{
    private const string ObecPopulationOfOrp =
        "(SELECT sum(x.population) FROM territory.obec x WHERE x.orp_csu_code = r.csu_code)";

    private const string ObecPopulationOfKraj =
        "(SELECT sum(x.population) FROM territory.obec x JOIN territory.orp y ON y.csu_code = x.orp_csu_code WHERE y.kraj_nuts3 = k.nuts3)";

    private static OgcProperty Text(string name, string sql, string title) => new(name, sql, "string", title);
    private static OgcProperty Integer(string name, string sql, string title) => new(name, sql, "integer", title);
    private static OgcProperty Array(string name, string sql, string title) => new(name, sql, "array", title);

    public static readonly IReadOnlyList<OgcCollection> All =
    [
        new("kraje", "Kraje", "Kraje (NUTS 3, VÚSC) s počtem obyvatel k 1. 1. 2021. Hranice © ČÚZK (RÚIAN, CC BY 4.0), obyvatelé © ČSÚ.",
            Source: "territory.kraj k", IdColumn: "k.nuts3", GeometryColumn: "k.geom", GeometryType: "MultiPolygon",
            Properties:
            [
                Text("nuts3", "k.nuts3", "kód NUTS 3"),
                Integer("ruianCode", "k.ruian_code", "kód VÚSC v RÚIAN"),
                Text("name", "k.name", "název"),
                Integer("population", ObecPopulationOfKraj, "počet obyvatel"),
            ],
            Filters: []),

        new("orp", "Obce s rozšířenou působností", "Správní obvody ORP s kódy ČSÚ i RÚIAN a počtem obyvatel. Hranice © ČÚZK (RÚIAN, CC BY 4.0), obyvatelé © ČSÚ.",
            Source: "territory.orp r", IdColumn: "r.csu_code", GeometryColumn: "r.geom", GeometryType: "MultiPolygon",
            Properties:
            [
                Text("csuCode", "r.csu_code", "kód ORP (ČSÚ)"),
                Integer("ruianCode", "r.ruian_code", "kód ORP v RÚIAN"),
                Text("name", "r.name", "název"),
                Text("krajNuts3", "r.kraj_nuts3", "kód kraje (NUTS 3)"),
                Integer("population", ObecPopulationOfOrp, "počet obyvatel"),
            ],
            Filters: ["krajNuts3"]),

        new("obce", "Obce", "Obce ČR s počtem obyvatel k 1. 1. 2021; Olomoucký a Zlínský kraj v podrobných hranicích. Hranice © ČÚZK (RÚIAN, CC BY 4.0), obyvatelé © ČSÚ.",
            Source: "territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code", IdColumn: "o.code",
            GeometryColumn: "o.geom", GeometryType: "MultiPolygon",
            Properties:
            [
                Text("code", "o.code", "kód obce"),
                Text("name", "o.name", "název"),
                Text("orpCsuCode", "o.orp_csu_code", "kód ORP (ČSÚ)"),
                Text("krajNuts3", "r.kraj_nuts3", "kód kraje (NUTS 3)"),
                Integer("population", "o.population", "počet obyvatel"),
            ],
            Filters: ["orpCsuCode", "krajNuts3"]),

        new("services", "Sociální služby", "Registrované sociální služby s místy poskytování (multibod), druhem, formami a kapacitou. Zdroj: MPSV, registr poskytovatelů sociálních služeb.",
            Source: "catalogue.service s JOIN catalogue.druh d ON d.code = s.druh_code JOIN catalogue.provider pr ON pr.ico = s.provider_ico",
            IdColumn: "s.id",
            GeometryColumn: "(SELECT ST_Multi(ST_Collect(p.location ORDER BY p.id)) FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id WHERE sp.service_id = s.id)",
            GeometryType: "MultiPoint",
            Properties:
            [
                Text("name", "s.name", "název služby"),
                Text("identifier", "s.identifier", "identifikátor služby"),
                Text("druh", "s.druh_code", "druh služby (kód)"),
                Text("druhName", "d.name", "druh služby"),
                Text("providerIco", "s.provider_ico", "IČO poskytovatele"),
                Text("providerName", "pr.name", "poskytovatel"),
                Array("forms", "s.forms", "formy poskytování"),
                Array("capacities", CatalogueSql.ServiceCapacities, "kapacity s jednotkou"),
                Array("targetGroups", "s.target_groups", "cílové skupiny"),
                new("inRegionalNetwork", "s.in_regional_network", "boolean", "v síti sociálních služeb kraje"),
                new("validFrom", "s.valid_from", "string", "platnost od"),
                new("validTo", "s.valid_to", "string", "platnost do"),
            ],
            Filters: ["druh", "providerIco", "forms"],
            Temporal: new("s.valid_from", "s.valid_to")),

        new("places", "Místa poskytování", "Adresy, na kterých se sociální služby poskytují (adresní místa RÚIAN), se seznamem služeb. Zdroj: MPSV, ČÚZK.",
            Source: "catalogue.place p JOIN territory.obec o ON o.code = p.obec_code", IdColumn: "p.id",
            GeometryColumn: "p.location", GeometryType: "Point",
            Properties:
            [
                Text("address", CatalogueSql.PlaceAddress, "adresa"),
                Text("obecCode", "p.obec_code", "kód obce"),
                Text("obec", "o.name", "obec"),
                Integer("addressPointCode", "p.address_point_code", "kód adresního místa RÚIAN"),
                Array("services",
                    "(SELECT coalesce(json_agg(json_build_object('serviceId', sp.service_id, 'facilityName', sp.facility_name) ORDER BY sp.service_id), '[]'::json) FROM catalogue.service_place sp WHERE sp.place_id = p.id)",
                    "služby na tomto místě"),
            ],
            Filters: ["obecCode"]),

        new("catchment-areas", "Územní působnost služeb", "Území (obce a ORP), kterým služba podle poskytovatele slouží, jako jeden mnohoúhelník na službu.",
            Source: "catalogue.service s", IdColumn: "s.id", GeometryColumn: "s.catchment_geom", GeometryType: "MultiPolygon",
            Properties:
            [
                Text("name", "s.name", "název služby"),
                Text("druh", "s.druh_code", "druh služby (kód)"),
                Array("obce", "s.catchment_obce", "obce působnosti"),
                Array("orp", "s.catchment_orp", "ORP působnosti"),
                new("validFrom", "s.valid_from", "string", "platnost od"),
                new("validTo", "s.valid_to", "string", "platnost do"),
            ],
            Filters: ["druh"],
            Temporal: new("s.valid_from", "s.valid_to"),
            Condition: "s.catchment_geom IS NOT NULL"),
    ];

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
