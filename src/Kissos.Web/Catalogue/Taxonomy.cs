namespace Kissos.Catalogue;

// The legal taxonomy of zákon 108/2006 Sb. and the MPSV registry code lists, loaded as data from shared/domain.

/// <summary>Druh sociální služby: the legal kind of a social service, with its § of zákon 108/2006 Sb.</summary>
public sealed class Druh
{
    /// <summary>Registry code (DruhSocialniSluzby/&lt;code&gt;), e.g. "13" = domovy pro seniory.</summary>
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Paragraph { get; init; }
    public required string Group { get; init; }
    public required string GroupName { get; init; }
    /// <summary>Forms of provision the law allows for this druh (pob, amb, ter).</summary>
    public required List<string> AllowedForms { get; init; }
}

/// <summary>Forma poskytování: pobytová (pob), ambulantní (amb), terénní (ter) — § 33.</summary>
public sealed class Forma
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Paragraph { get; init; }
    public required string Definition { get; init; }
}

/// <summary>Cílová skupina: a target group of users (CilovaSkupinaOsoby).</summary>
public sealed class TargetGroup
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>KISSoS's own grouping for planning (not an official classification).</summary>
    public string? PlanningArea { get; init; }
}

/// <summary>Věková kategorie uživatelů (VekovaSkupinaOsoby).</summary>
public sealed class AgeCategory
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int? AgeFrom { get; init; }
    public int? AgeTo { get; init; }
    public required int SortOrder { get; init; }
}

/// <summary>Typ kapacity: the unit a capacity is counted in (beds, clients, contacts, interventions, calls).</summary>
public sealed class CapacityType
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The unit in Czech, e.g. "lůžko".</summary>
    public required string Unit { get; init; }
}
