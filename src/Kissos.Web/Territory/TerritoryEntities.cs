using NetTopologySuite.Geometries;

namespace Kissos.Territory;

// Geometries are stored in S-JTSK (EPSG:5514); Generalized is a coverage-simplified copy for small scales.

/// <summary>Kraj (NUTS 3 region).</summary>
public sealed class Kraj
{
    /// <summary>NUTS 3 code, e.g. CZ071 (ČSÚ).</summary>
    public required string Nuts3 { get; init; }

    /// <summary>RÚIAN VÚSC code, e.g. 124 for Olomoucký kraj.</summary>
    public required int RuianCode { get; init; }

    public required string Name { get; init; }
    public required MultiPolygon Geom { get; init; }
    public MultiPolygon? Generalized { get; set; }
}

/// <summary>Obec s rozšířenou působností: the territory of an extended-competence municipality.</summary>
public sealed class Orp
{
    /// <summary>ČSÚ code (číselník CISORP 65), 4 digits, e.g. 7107 for Olomouc.</summary>
    public required string CsuCode { get; init; }

    /// <summary>RÚIAN ORP code, e.g. 1899 for Olomouc. A different number from the ČSÚ code.</summary>
    public required int RuianCode { get; init; }

    public required string Name { get; init; }
    public required string KrajNuts3 { get; init; }
    public required MultiPolygon Geom { get; init; }
    public MultiPolygon? Generalized { get; set; }
}

/// <summary>Obec (municipality).</summary>
public sealed class Obec
{
    /// <summary>ČSÚ/RÚIAN kód obce, 6 digits (the same number in both systems).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    /// <summary>ČSÚ code of the obec's ORP.</summary>
    public required string OrpCsuCode { get; init; }

    /// <summary>Inhabitants on 1 Jan 2021 (ČSÚ).</summary>
    public required int Population { get; set; }

    public required MultiPolygon Geom { get; set; }
    public MultiPolygon? Generalized { get; set; }

    /// <summary>Which file the geometry came from (the detailed regional layer or the coarse national one).</summary>
    public required string GeomSource { get; set; }
}
