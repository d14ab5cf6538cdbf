using System.Text.Json.Nodes;

namespace Kissos.Ogc;

/// <summary>The OpenAPI 3.0 definition of the OGC API (conformance class OAS30), generated from the collections.</summary>
public static class OgcOpenApi
{
    private static JsonObject Ref(string kind, string name) => new() { ["$ref"] = $"#/components/{kind}/{name}" };

    private static JsonObject Parameter(string name, string @in, string description, JsonObject schema, bool required = false, bool explode = true) => new()
    {
        ["name"] = name,
        ["in"] = @in,
        ["description"] = description,
        ["required"] = required,
        ["schema"] = schema,
        ["style"] = @in == "path" ? "simple" : "form",
        ["explode"] = explode,
    };

    private static JsonObject Schema(string type, params (string Key, JsonNode? Value)[] more)
    {
        var schema = new JsonObject { ["type"] = type };
        foreach (var (key, value) in more) schema[key] = value;
        return schema;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static JsonObject Content(params (string Type, JsonObject Schema)[] types)
    {
        var content = new JsonObject();
        foreach (var (type, schema) in types) content[type] = new JsonObject { ["schema"] = schema };
        return content;
    }

    private static JsonObject Get(string summary, string operationId, JsonArray parameters, string jsonType, JsonObject jsonSchema, bool features = false)
    {
        var ok = new JsonObject
        {
            ["description"] = summary,
            ["content"] = Content((jsonType, jsonSchema), (OgcRequest.Html, Schema("string"))),
        };
        if (features)
            ok["headers"] = new JsonObject
            {
                ["Content-Crs"] = new JsonObject
                {
                    ["description"] = "CRS souřadnic v odpovědi, v lomených závorkách",
                    ["schema"] = Schema("string"),
                },
            };
        return new JsonObject
        {
            ["get"] = new JsonObject
            {
                ["summary"] = summary,
                ["operationId"] = operationId,
                ["parameters"] = parameters,
                ["responses"] = new JsonObject
                {
                    ["200"] = ok,
                    ["304"] = new JsonObject { ["description"] = "nezměněno (If-None-Match odpovídá ETagu)" },
                    ["400"] = Ref("responses", "BadRequest"),
                    ["404"] = Ref("responses", "NotFound"),
                },
            },
        };
    }

    public static JsonObject Document(string root)
    {
        var paths = new JsonObject
        {
            ["/"] = Get("Úvodní stránka API", "getLandingPage", [Ref("parameters", "f")], OgcRequest.Json, Schema("object")),
            ["/conformance"] = Get("Třídy shody, které API splňuje", "getConformance", [Ref("parameters", "f")], OgcRequest.Json,
                Schema("object", ("properties", new JsonObject { ["conformsTo"] = Schema("array", ("items", Schema("string"))) }))),
            ["/api"] = Get("Tato definice API (OpenAPI 3.0)", "getApi", [Ref("parameters", "f")], OgcRequest.OpenApi, Schema("object")),
            ["/collections"] = Get("Seznam kolekcí", "getCollections", [Ref("parameters", "f")], OgcRequest.Json, Ref("schemas", "collections")),
        };
        foreach (var c in OgcCollections.All)
        {
            var items = new JsonArray(Ref("parameters", "limit"), Ref("parameters", "bbox"), Ref("parameters", "bbox-crs"),
                Ref("parameters", "crs"), Ref("parameters", "cursor"), Ref("parameters", "f"));
            if (c.Temporal is not null) items.Add(Ref("parameters", "datetime"));
            foreach (var name in c.Filters)
            {
                var p = c.Property(name);
                items.Add(Parameter(name, "query",
                    p.IsArray ? $"{p.Title}: prvky, jejichž seznam obsahuje tuto hodnotu" : $"{p.Title}: prvky s touto hodnotou",
                    Schema("string")));
            }
            paths[$"/collections/{c.Id}"] = Get($"{c.Title}: popis kolekce", $"describe_{c.Id}",
                [Ref("parameters", "crs"), Ref("parameters", "f")], OgcRequest.Json, Ref("schemas", "collection"));
            paths[$"/collections/{c.Id}/items"] = Get($"{c.Title}: prvky (stránkované)", $"getFeatures_{c.Id}", items,
                OgcRequest.GeoJson, Ref("schemas", "featureCollectionGeoJSON"), features: true);
            paths[$"/collections/{c.Id}/items/{{featureId}}"] = Get($"{c.Title}: jeden prvek", $"getFeature_{c.Id}",
                [Ref("parameters", "featureId"), Ref("parameters", "crs"), Ref("parameters", "f")],
                OgcRequest.GeoJson, Ref("schemas", "featureGeoJSON"), features: true);
        }

        var crsUris = OgcCrs.Supported.Select(c => c.Uri).ToList();
        var link = Schema("object",
            ("required", Strings(["href", "rel", "type"])),
            ("properties", new JsonObject
            {
                ["href"] = Schema("string"), ["rel"] = Schema("string"), ["type"] = Schema("string"), ["title"] = Schema("string"),
            }));
        var links = Schema("array", ("items", Ref("schemas", "link")));
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = OgcEndpoints.Title,
                ["version"] = "1.0.0",
                ["description"] = "Veřejné vrstvy KISSoS podle OGC API – Features, část 1 (jádro, GeoJSON, HTML, OpenAPI 3.0) a část 2 (CRS odkazem). " +
                                  "Stránkuje se klíčem přes odkaz 'next'; neznámé parametry vrací 400; odpovědi mají silný ETag.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = root }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["parameters"] = new JsonObject
                {
                    ["f"] = Parameter("f", "query", "formát odpovědi; jinak podle hlavičky Accept", Schema("string", ("enum", Strings(["json", "html"])))),
                    ["limit"] = Parameter("limit", "query", $"počet prvků na stránce; větší než {OgcItemsQuery.MaxLimit} se omezí na {OgcItemsQuery.MaxLimit}",
                        Schema("integer", ("minimum", 1), ("maximum", OgcItemsQuery.MaxLimit), ("default", OgcItemsQuery.DefaultLimit))),
                    ["bbox"] = Parameter("bbox", "query", "obdélník minX,minY,maxX,maxY (nebo se dvěma výškami) v souřadnicích bbox-crs; prvky, které jej protínají",
                        Schema("array", ("minItems", 4), ("maxItems", 6), ("items", Schema("number"))), explode: false),
                    ["bbox-crs"] = Parameter("bbox-crs", "query", "CRS parametru bbox (výchozí CRS84)", Schema("string", ("format", "uri"), ("enum", Strings(crsUris)))),
                    ["crs"] = Parameter("crs", "query", "CRS souřadnic odpovědi (výchozí CRS84); odpověď jej uvádí v hlavičce Content-Crs",
                        Schema("string", ("format", "uri"), ("enum", Strings(crsUris)))),
                    ["cursor"] = Parameter("cursor", "query", "neprůhledný kurzor další stránky; přebírá se z odkazu 'next'", Schema("string")),
                    ["datetime"] = Parameter("datetime", "query", "datum, čas nebo interval (RFC 3339, otevřený konec '..'); služby platné v tomto čase", Schema("string")),
                    ["featureId"] = Parameter("featureId", "path", "identifikátor prvku", Schema("string"), required: true),
                },
                ["schemas"] = new JsonObject
                {
                    ["link"] = link,
                    ["collection"] = Schema("object",
                        ("required", Strings(["id", "links"])),
                        ("properties", new JsonObject
                        {
                            ["id"] = Schema("string"), ["title"] = Schema("string"), ["description"] = Schema("string"), ["links"] = links.DeepClone(),
                            ["extent"] = Schema("object"), ["itemType"] = Schema("string"),
                            ["crs"] = Schema("array", ("items", Schema("string"))), ["storageCrs"] = Schema("string"),
                        })),
                    ["collections"] = Schema("object",
                        ("required", Strings(["links", "collections"])),
                        ("properties", new JsonObject
                        {
                            ["links"] = links.DeepClone(), ["collections"] = Schema("array", ("items", Ref("schemas", "collection"))),
                        })),
                    ["featureGeoJSON"] = Schema("object",
                        ("required", Strings(["type", "geometry", "properties"])),
                        ("properties", new JsonObject
                        {
                            ["type"] = Schema("string", ("enum", Strings(["Feature"]))), ["id"] = Schema("string"),
                            ["geometry"] = Schema("object", ("nullable", true)), ["properties"] = Schema("object", ("nullable", true)),
                            ["links"] = links.DeepClone(),
                        })),
                    ["featureCollectionGeoJSON"] = Schema("object",
                        ("required", Strings(["type", "features"])),
                        ("properties", new JsonObject
                        {
                            ["type"] = Schema("string", ("enum", Strings(["FeatureCollection"]))),
                            ["features"] = Schema("array", ("items", Ref("schemas", "featureGeoJSON"))),
                            ["links"] = links.DeepClone(),
                            ["numberMatched"] = Schema("integer", ("minimum", 0)), ["numberReturned"] = Schema("integer", ("minimum", 0)),
                        })),
                },
                ["responses"] = new JsonObject
                {
                    ["BadRequest"] = new JsonObject
                    {
                        ["description"] = "neznámý nebo chybný parametr (RFC 7807, česky)",
                        ["content"] = Content(("application/problem+json", Schema("object"))),
                    },
                    ["NotFound"] = new JsonObject
                    {
                        ["description"] = "kolekce nebo prvek neexistuje",
                        ["content"] = Content(("application/problem+json", Schema("object"))),
                    },
                },
            },
        };
    }
}
