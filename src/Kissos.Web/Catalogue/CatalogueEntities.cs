using Kissos.Audit;
using NetTopologySuite.Geometries;

namespace Kissos.Catalogue;

/// <summary>Poskytovatel: the legal person providing social services, identified by IČO.</summary>
public sealed class Provider : IAudited
{
    /// <summary>IČO, 8 digits as text (leading zeros are significant).</summary>
    public required string Ico { get; init; }
    public required string Name { get; set; }
    /// <summary>Právní forma; absent in the regional extract, so often null.</summary>
    public string? LegalForm { get; set; }
    public string? Web { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>A registered social service of one druh, provided by one provider at one or more places.</summary>
public sealed class Service : IAudited
{
    /// <summary>Stable key of the source record, e.g. "mpsv-6276".</summary>
    public required string Id { get; init; }
    /// <summary>The registry's 7-digit identifikátor, where the source has it.</summary>
    public string? Identifier { get; set; }
    public required string Name { get; set; }
    public required string ProviderIco { get; set; }
    public required string DruhCode { get; set; }
    public List<string> Forms { get; set; } = [];
    public List<ServiceCapacity> Capacities { get; set; } = [];
    public List<string> TargetGroups { get; set; } = [];
    public List<string> AgeCategories { get; set; } = [];
    /// <summary>Member of the regional network of services; null when not known.</summary>
    public bool? InRegionalNetwork { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? Description { get; set; }
    public List<string> Webs { get; set; } = [];
    public List<string> Emails { get; set; } = [];
    public List<string> Phones { get; set; } = [];
    /// <summary>Územní působnost as declared: obce (6-digit codes) and whole ORP (ČSÚ codes).</summary>
    public List<string> CatchmentObce { get; set; } = [];
    public List<string> CatchmentOrp { get; set; } = [];
    /// <summary>Union of the declared catchment units, derived in PostGIS (EPSG:5514).</summary>
    public MultiPolygon? CatchmentGeom { get; set; }
    public List<ServicePlace> Places { get; set; } = [];
    /// <summary>
    /// Obec (6-digit code) of the registry's contact address: where a service without a place of provision is
    /// listed and counted on the map; null when the registry gives none.
    /// </summary>
    public string? ContactObecCode { get; set; }
    /// <summary>Last edit through the app; every edit writes the row, so Version moves even when only child rows change.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: the optimistic-concurrency token of an edit.</summary>
    public uint Version { get; set; }
}

/// <summary>Capacity of one form of a service, in one unit (registered maximum).</summary>
public sealed class ServiceCapacity : IAudited
{
    /// <summary>The same capacities in any order: replacing equal rows would only fill the audit log.</summary>
    public static bool SameSet(IReadOnlyCollection<ServiceCapacity> a, IReadOnlyCollection<ServiceCapacity> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => y.Form == x.Form && y.CapacityType == x.CapacityType && y.Amount == x.Amount));

    public required string Form { get; init; }
    public required string CapacityType { get; init; }
    public required int Amount { get; init; }
}

/// <summary>Místo poskytování: an address where services are provided.</summary>
public sealed class Place : IAudited
{
    public required string Id { get; init; }
    /// <summary>RÚIAN address-point code.</summary>
    public long? AddressPointCode { get; set; }
    public string? Street { get; set; }
    /// <summary>Číslo domovní / orientační.</summary>
    public int? HouseNumber { get; set; }
    public string? OrientationNumber { get; set; }
    public string? PostCode { get; set; }
    /// <summary>Část obce.</summary>
    public string? Quarter { get; set; }
    public required string ObecCode { get; set; }
    /// <summary>Point in EPSG:5514; null when the source has no coordinates.</summary>
    public Point? Location { get; set; }
}

/// <summary>A service provided at a place, under the facility's own name there.</summary>
public sealed class ServicePlace : IAudited
{
    public required string ServiceId { get; init; }
    public required string PlaceId { get; init; }
    public required string FacilityName { get; set; }
    public Place? Place { get; set; }
}
