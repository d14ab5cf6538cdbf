using System.Text.Json.Nodes;

namespace Kissos.Hsds;

/// <summary>A column of an HSDS table as the data package declares it: Table Schema type, format, required, foreign key.</summary>
public sealed record HsdsField(string Name, string Type = "string", string? Format = null, bool Required = false, string? References = null);

/// <summary>One HSDS table: its resource name, its file in the package, and the columns KISSoS fills.</summary>
public sealed record HsdsTable(string Name, string Path, HsdsField[] Fields);

/// <summary>
/// The HSDS 3.0 tables KISSoS exports, each with the subset of the standard's columns it can fill (names, types and
/// formats as in Open Referral's datapackage.json; a test compares them). The data package descriptor is made from
/// these, and so is every CSV header.
/// </summary>
public static class HsdsTables
{
    private static readonly HsdsField Id = new("id", Format: "uuid", Required: true);

    private static HsdsField Reference(string name, string table, bool required = false) =>
        new(name, Format: "uuid", Required: required, References: table);

    public static readonly HsdsTable Organization = new("organization", "organizations.csv",
    [
        Id, new("name", Required: true), new("description", Required: true), new("email", Format: "email"),
        new("website", Format: "uri"), new("legal_status"),
    ]);

    public static readonly HsdsTable OrganizationIdentifier = new("organization_identifier", "organization_identifiers.csv",
    [
        Id, Reference("organization_id", "organization", required: true), new("identifier_scheme"),
        new("identifier_type", Required: true), new("identifier", Required: true),
    ]);

    public static readonly HsdsTable Service = new("service", "services.csv",
    [
        Id, Reference("organization_id", "organization", required: true), new("name", Required: true), new("description"),
        new("url", Format: "uri"), new("email", Format: "email"), new("status", Required: true),
        new("minimum_age", "number"), new("maximum_age", "number"), new("last_modified", "datetime"),
    ]);

    public static readonly HsdsTable Location = new("location", "locations.csv",
    [
        Id, new("location_type", Required: true), new("name"), new("latitude", "number"), new("longitude", "number"),
        new("external_identifier"), new("external_identifier_type"),
    ]);

    public static readonly HsdsTable Address = new("address", "addresses.csv",
    [
        Id, Reference("location_id", "location"), new("address_1", Required: true), new("city", Required: true), new("region"),
        new("state_province", Required: true), new("postal_code", Required: true), new("country", Required: true),
        new("address_type", Required: true),
    ]);

    public static readonly HsdsTable ServiceAtLocation = new("service_at_location", "service_at_location.csv",
    [
        Id, Reference("service_id", "service", required: true), Reference("location_id", "location", required: true), new("description"),
    ]);

    public static readonly HsdsTable Phone = new("phone", "phones.csv",
    [
        Id, Reference("service_id", "service"), Reference("organization_id", "organization"), new("number", Required: true),
    ]);

    public static readonly HsdsTable ServiceArea = new("service_area", "service_areas.csv",
    [
        Id, Reference("service_id", "service"), new("name"), new("description"),
    ]);

    public static readonly HsdsTable Taxonomy = new("taxonomy", "taxonomies.csv",
    [
        Id, new("name", Required: true), new("description", Required: true),
    ]);

    public static readonly HsdsTable TaxonomyTerm = new("taxonomy_term", "taxonomy_terms.csv",
    [
        Id, new("code"), new("name", Required: true), new("description", Required: true), Reference("taxonomy_id", "taxonomy"), new("language"),
    ]);

    public static readonly HsdsTable Attribute = new("attribute", "attributes.csv",
    [
        Id, new("link_id", Format: "uuid", Required: true), Reference("taxonomy_term_id", "taxonomy_term", required: true),
        new("link_entity", Required: true), new("value"),
    ]);

    /// <summary>In the order of the standard's package: referenced tables before those that reference them.</summary>
    public static readonly HsdsTable[] All =
        [Organization, Service, ServiceAtLocation, Location, Address, Phone, ServiceArea, Taxonomy, TaxonomyTerm, Attribute, OrganizationIdentifier];

    /// <summary>The Frictionless tabular data package descriptor (datapackage.json) of the export.</summary>
    public static JsonObject Descriptor(DateTimeOffset created) => new()
    {
        ["name"] = "kissos-hsds",
        ["title"] = "KISSoS – katalog sociálních služeb (Open Referral HSDS 3.0)",
        ["description"] = "Poskytovatelé, sociální služby, místa poskytování, kapacity a volná místa z Krajského informačního systému sociálních služeb ve formátu Human Services Data Specification 3.0.",
        ["profile"] = "tabular-data-package",
        ["version"] = "3.0.0",
        ["homepage"] = "http://docs.openreferral.org",
        ["created"] = created.ToString("yyyy-MM-dd'T'HH:mm:ssK"),
        ["resources"] = new JsonArray([.. All.Select(Resource)]),
    };

    private static JsonObject Resource(HsdsTable table) => new()
    {
        ["name"] = table.Name,
        ["path"] = table.Path,
        ["profile"] = "tabular-data-resource",
        ["format"] = "csv",
        ["mediatype"] = "text/csv",
        ["encoding"] = "utf-8",
        ["schema"] = new JsonObject
        {
            ["fields"] = new JsonArray([.. table.Fields.Select(f =>
            {
                var field = new JsonObject { ["name"] = f.Name, ["type"] = f.Type };
                if (f.Format is not null) field["format"] = f.Format;
                field["constraints"] = new JsonObject { ["required"] = f.Required, ["unique"] = f.Name == "id" };
                return (JsonNode)field;
            })]),
            ["primaryKey"] = "id",
            ["foreignKeys"] = new JsonArray([.. table.Fields.Where(f => f.References is not null).Select(f => (JsonNode)new JsonObject
            {
                ["fields"] = f.Name,
                ["reference"] = new JsonObject { ["resource"] = f.References, ["fields"] = "id" },
            })]),
        },
    };
}
