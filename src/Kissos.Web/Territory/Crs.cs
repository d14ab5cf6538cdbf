using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Kissos.Territory;

/// <summary>
/// Coordinate reference systems of KISSoS: S-JTSK / Křovák East North (EPSG:5514) for storage,
/// WGS84 (EPSG:4326) for the web. The datum shift is the 7-parameter S-JTSK → WGS84 transformation
/// (EPSG:1623), the one PostGIS/PROJ picks for ST_Transform, so both sides agree to centimetres.
/// </summary>
public static class Crs
{
    public const int SJtsk = 5514;
    public const int Wgs84 = 4326;

    private const string SJtskWkt =
        """
        PROJCS["S-JTSK / Krovak East North",
          GEOGCS["S-JTSK",
            DATUM["System_Jednotne_Trigonometricke_Site_Katastralni",
              SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],
              TOWGS84[570.8,85.7,462.8,4.998,1.587,5.261,3.56],AUTHORITY["EPSG","6156"]],
            PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4156"]],
          PROJECTION["Krovak"],
          PARAMETER["latitude_of_center",49.5],
          PARAMETER["longitude_of_center",24.83333333333333],
          PARAMETER["azimuth",30.28813972222222],
          PARAMETER["pseudo_standard_parallel_1",78.5],
          PARAMETER["scale_factor",0.9999],
          PARAMETER["false_easting",0],
          PARAMETER["false_northing",0],
          UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH],AUTHORITY["EPSG","5514"]]
        """;

    private static readonly CoordinateSystem SJtskSystem =
        (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(SJtskWkt);

    private static readonly GeometryFactory SJtskFactory = new(new PrecisionModel(), SJtsk);
    private static readonly GeometryFactory Wgs84Factory = new(new PrecisionModel(), Wgs84);

    /// <summary>Rough envelope of the Czech Republic in WGS84, for rejecting foreign or swapped coordinates.</summary>
    public static readonly Envelope CzechiaWgs84 = new(12.0, 18.9, 48.5, 51.1);

    /// <summary>Rough envelope of the Czech Republic in S-JTSK (EPSG:5514: east, north; both negative, in metres).</summary>
    public static readonly Envelope CzechiaSJtsk = new(-910_000, -420_000, -1_250_000, -930_000);

    /// <summary>
    /// A point of ČÚZK's RÚIAN files, which give S-JTSK as the positive pair "Souřadnice Y" (west) and
    /// "Souřadnice X" (south); EPSG:5514 (Křovák East North) is the same projection with axes east and north,
    /// so it is (−Y, −X). Storage is EPSG:5514, so no datum shift is involved.
    /// </summary>
    public static Point FromRuianYX(double y, double x) => SJtskFactory.CreatePoint(new Coordinate(-y, -x));

    public static Geometry ToSJtsk(Geometry wgs84) => Transform(wgs84, Wgs84Transform(), SJtskFactory);

    /// <summary>A copy of a geometry whose coordinates are S-JTSK already, marked as EPSG:5514.</summary>
    public static Geometry AsSJtsk(Geometry sjtsk) => SJtskFactory.CreateGeometry(sjtsk);

    public static Geometry ToWgs84(Geometry sjtsk) => Transform(sjtsk, Wgs84Transform().Inverse(), Wgs84Factory);

    // A new transform per call: ProjNet transforms keep scratch state and are not safe to share between threads.
    private static MathTransform Wgs84Transform() =>
        new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, SJtskSystem).MathTransform;

    private static Geometry Transform(Geometry source, MathTransform transform, GeometryFactory factory)
    {
        var result = factory.CreateGeometry(source);
        result.Apply(new TransformFilter(transform));
        result.GeometryChanged();
        return result;
    }

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
