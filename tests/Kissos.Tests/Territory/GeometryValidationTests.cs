using Kissos.Territory;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Kissos.Tests.Territory;

public class GeometryValidationTests
{
    private static (MultiPolygon? Result, List<string> Errors) Check(string wkt)
    {
        var errors = new List<string>();
        var geometry = new WKTReader().Read(wkt);
        geometry.SRID = Crs.Wgs84;
        return (TerritoryImport.ToStoredGeometry(geometry, errors.Add), errors);
    }

    [Fact]
    public void A_valid_polygon_becomes_a_multipolygon_in_SJtsk()
    {
        var (result, errors) = Check("POLYGON ((17.2 49.5, 17.3 49.5, 17.3 49.6, 17.2 49.5))");

        Assert.Empty(errors);
        Assert.NotNull(result);
        Assert.Equal(1, result.NumGeometries);
        Assert.Equal(Crs.SJtsk, result.SRID);
    }

    [Fact]
    public void A_self_intersecting_polygon_is_rejected_with_the_reason()
    {
        var (result, errors) = Check("POLYGON ((17.2 49.5, 17.3 49.6, 17.3 49.5, 17.2 49.6, 17.2 49.5))");

        Assert.Null(result);
        Assert.Contains("neplatná geometrie", Assert.Single(errors));
    }

    [Fact]
    public void A_point_is_not_a_boundary()
    {
        var (result, errors) = Check("POINT (17.2 49.5)");

        Assert.Null(result);
        Assert.Contains("očekáván (Multi)Polygon", Assert.Single(errors));
    }

    [Fact]
    public void Coordinates_outside_Czechia_are_rejected()
    {
        // Swapped lat/lon is the usual mistake.
        var (result, errors) = Check("POLYGON ((49.5 17.2, 49.6 17.2, 49.6 17.3, 49.5 17.2))");

        Assert.Null(result);
        Assert.Contains("mimo Českou republiku", Assert.Single(errors));
    }
}
