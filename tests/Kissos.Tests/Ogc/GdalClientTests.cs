using System.Diagnostics;
using System.Text.Json;
using Kissos.Ogc;
using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Kissos.Tests.Ogc;

/// <summary>
/// A real OGC API client reads the running app: GDAL's OAPIF driver (Debian's gdal-bin, as QGIS uses it) lists the
/// collections and reads every feature of a layer through the paging links, in CRS84 and in EPSG:5514.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class GdalClientTests(KissosServer server) : IClassFixture<KissosServer>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kissos-gdal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} chybí: nainstalujte Debian balíček gdal-bin (.ci/run to dělá).");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {await stderr}");
            return await stdout;
        }
    }

    private string Root => new Uri(server.Address, "/ogc").ToString();

    [Fact]
    public async Task Ogrinfo_lists_every_collection()
    {
        var output = await Run("ogrinfo", "-ro", "-q", $"OAPIF:{Root}");

        var layers = output.Split('\n').Where(l => l.Contains(": ")).Select(l => l.Split(':', 2)[1].Trim().Split(' ')[0]).ToList();
        Assert.Equal(OgcCollections.All.Select(c => c.Id), layers);
    }

    [Fact]
    public async Task Ogr2ogr_reads_every_feature_of_a_layer_in_crs84_and_in_sjtsk()
    {
        await using var db = server.Database.Open();
        var expected = await db.Orp.OrderBy(o => o.CsuCode).Select(o => o.CsuCode).ToListAsync();

        // A page size below the layer's size, so the client follows the 'next' links. GDAL 3.6 has no crs option;
        // query parameters in the connection string are sent with every request, and our links keep them.
        var crs84 = await Read($"OAPIF:{Root}/collections/orp", "crs84.geojson");
        var sjtsk = await Read($"OAPIF:{Root}/collections/orp?crs={OgcCrs.SJtsk.Uri}", "sjtsk.geojson");

        Assert.Equal(expected, crs84.Keys.Order());
        Assert.Equal(expected, sjtsk.Keys.Order());
        foreach (var code in expected)
        {
            var (lon, lat) = crs84[code];
            var (x, y) = sjtsk[code];
            Assert.InRange(x, -905_000, -430_000);
            var back = Crs.ToWgs84(new Point(x, y) { SRID = Crs.SJtsk }).Coordinate;
            Assert.Equal(lon, back.X, 2e-5);
            Assert.Equal(lat, back.Y, 2e-5);
        }
    }

    /// <summary>Copies a layer to GeoJSON with ogr2ogr; returns the first vertex of each feature by its code.</summary>
    private async Task<Dictionary<string, (double, double)>> Read(string source, string file)
    {
        var target = Path.Combine(_dir, file);
        await Run("ogr2ogr", "-f", "GeoJSON", target, source, "-oo", "PAGE_SIZE=50");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(target));
        return doc.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("csuCode").GetString()!,
            f =>
            {
                var first = f.GetProperty("geometry").GetProperty("coordinates")[0][0][0];
                return (first[0].GetDouble(), first[1].GetDouble());
            });
    }
}
