using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Kissos.Tests.Territory;

public class CrsTests
{
    // Points across the country: Aš, Praha, Sněžka, Olomouc, Zlín, Bílá-Bumbálka, Mikulov, Nová Pec.
    public static TheoryData<double, double> PointsAcrossCzechia => new()
    {
        { 12.1795, 50.2232 }, { 14.4213, 50.0875 }, { 15.7398, 50.7360 }, { 17.2509, 49.5938 },
        { 17.6664, 49.2265 }, { 18.3350, 49.4640 }, { 16.6369, 48.8056 }, { 13.9426, 48.7946 },
    };

    [Theory]
    [MemberData(nameof(PointsAcrossCzechia))]
    public void Wgs84_to_SJtsk_and_back_returns_the_same_point(double lon, double lat)
    {
        var sjtsk = Crs.ToSJtsk(new Point(lon, lat) { SRID = Crs.Wgs84 });
        var back = Crs.ToWgs84(sjtsk);

        Assert.Equal(Crs.SJtsk, sjtsk.SRID);
        Assert.InRange(sjtsk.Coordinate.X, -905_000, -430_000); // Křovák East North: negative, metres
        Assert.InRange(sjtsk.Coordinate.Y, -1_230_000, -935_000);
        // 5e-7° is about 5 cm: ProjNet inverts the 7-parameter datum shift only approximately (~1.4 cm).
        Assert.Equal(lon, back.Coordinate.X, 5e-7);
        Assert.Equal(lat, back.Coordinate.Y, 5e-7);
    }

    [Fact]
    public void A_polygon_keeps_its_shape_and_gets_the_target_srid()
    {
        var wgs84 = new WKTReader().Read("POLYGON ((17.2 49.5, 17.3 49.5, 17.3 49.6, 17.2 49.6, 17.2 49.5))");
        wgs84.SRID = Crs.Wgs84;

        var sjtsk = Crs.ToSJtsk(wgs84);

        Assert.True(sjtsk.IsValid);
        Assert.Equal(5, sjtsk.NumPoints);
        // 0.1° × 0.1° at 49.55° N is about 7.23 km × 11.12 km.
        Assert.InRange(sjtsk.Area / 1e6, 80.0, 81.0);
    }

    [Collection(DatabaseCollection.Name)]
    public class AgainstPostGis
    {
        [Theory]
        [MemberData(nameof(PointsAcrossCzechia), MemberType = typeof(CrsTests))]
        public async Task ProjNet_agrees_with_PostGIS_ST_Transform_within_one_metre(double lon, double lat)
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using (var ext = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection))
                await ext.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(
                "SELECT ST_X(g), ST_Y(g) FROM ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 5514) g", connection);
            command.Parameters.AddWithValue("lon", lon);
            command.Parameters.AddWithValue("lat", lat);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var postgis = new Coordinate(reader.GetDouble(0), reader.GetDouble(1));

            var projnet = Crs.ToSJtsk(new Point(lon, lat) { SRID = Crs.Wgs84 }).Coordinate;

            Assert.True(projnet.Distance(postgis) < 1.0, $"ProjNet {projnet} vs PostGIS {postgis}: {projnet.Distance(postgis):F3} m");
        }
    }
}
