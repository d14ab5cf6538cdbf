using Kissos.Territory;

namespace Kissos.Ogc;

/// <summary>
/// A coordinate reference system the API answers in (OGC API Features Part 2, CRS by reference): its URI, its
/// SRID in PostGIS, whether its axis order is latitude first, and how many decimals a coordinate keeps.
/// </summary>
public sealed record OgcCrs(string Uri, int Srid, bool LatitudeFirst, int Decimals)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>WGS84 longitude, latitude: the default of GeoJSON and of the API.</summary>
    public static readonly OgcCrs Crs84 = new(Crs84Uri, Crs.Wgs84, false, 6);

    /// <summary>WGS84 as EPSG defines it: latitude first.</summary>
    public static readonly OgcCrs Epsg4326 = new("http://www.opengis.net/def/crs/EPSG/0/4326", Crs.Wgs84, true, 6);

    /// <summary>S-JTSK / Křovák East North, in metres: how the data is stored.</summary>
    public static readonly OgcCrs SJtsk = new("http://www.opengis.net/def/crs/EPSG/0/5514", Crs.SJtsk, false, 2);

    public static readonly IReadOnlyList<OgcCrs> Supported = [Crs84, Epsg4326, SJtsk];

    public static OgcCrs Storage => SJtsk;

    public static OgcCrs? Find(string uri) => Supported.FirstOrDefault(c => c.Uri == uri);

    public bool IsGeographic => Srid == Crs.Wgs84;

    /// <summary>The header value naming the CRS of a response's coordinates.</summary>
    public string ContentCrs => $"<{Uri}>";

    /// <summary>SQL turning a stored (EPSG:5514) geometry into this CRS with its axis order.</summary>
    public string FromStorage(string geometry) => Srid == Storage.Srid
        ? geometry
        : LatitudeFirst ? $"ST_FlipCoordinates(ST_Transform({geometry}, {Srid}))" : $"ST_Transform({geometry}, {Srid})";

    /// <summary>
    /// SQL of the stored-CRS polygon covering a box given in this CRS by the parameters @minX, @minY, @maxX, @maxY
    /// (in this CRS's axis order). Geographic boxes are densified first so their edges stay true after projection.
    /// </summary>
    public string BoxToStorage()
    {
        var box = LatitudeFirst
            ? $"ST_MakeEnvelope(@minY, @minX, @maxY, @maxX, {Srid})"
            : $"ST_MakeEnvelope(@minX, @minY, @maxX, @maxY, {Srid})";
        return Srid == Storage.Srid ? box : $"ST_Transform(ST_Segmentize({box}, 0.01), {Storage.Srid})";
    }
}
