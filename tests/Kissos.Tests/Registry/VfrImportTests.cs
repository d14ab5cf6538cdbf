using System.IO.Compression;
using Kissos.Common;
using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;

namespace Kissos.Tests.Registry;

/// <summary>RÚIAN boundaries from ČÚZK's exchange format (VFR), read with GDAL: the real sample of obec Děčany.</summary>
[Collection(DatabaseCollection.Name)]
public class VfrImportTests
{
    private const string Decany = "564729";

    private static string Reference => Path.Combine(TestEnvironment.DataPath, "gis-data", "vfr", "decany_564729_obec_originalni_hranice_5514.geojson");

    [Theory]
    [InlineData("xml.gz")]
    [InlineData("xml.zip")]
    public async Task The_sample_gives_Decany_its_original_boundary_not_its_definition_point(string format)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        using var temp = new TempFolder();
        var file = format == "xml.gz" ? RpssFixtures.VfrSample : Rezip(RpssFixtures.VfrSample, temp);

        var count = await VfrImport.RunAsync(db, file);

        Assert.Equal(1, count);
        var obec = await db.Obce.AsNoTracking().SingleAsync(o => o.Code == Decany);
        Assert.Equal("Děčany", obec.Name);
        Assert.Equal($"VFR {Path.GetFileName(file)}", obec.GeomSource);
        Assert.Equal(Crs.SJtsk, obec.Geom.SRID);
        Assert.InRange(obec.Geom.Area / 1e6, 12.368, 12.378); // 12.373 km², measured in S-JTSK
        var reference = (MultiPolygon)Crs.AsSJtsk(Assert.Single(GeoJsonFile.Read(Reference)).Geometry!);
        Assert.InRange(obec.Geom.SymmetricDifference(reference).Area / reference.Area, 0, 0.001);
        Assert.InRange(DiscreteHausdorffDistance.Distance(obec.Geom, reference), 0, 1.0);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_and_the_boundary_stays()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var before = await db.Obce.Where(o => o.Code == Decany).Select(o => new { o.Geom, o.GeomSource }).SingleAsync();
        using var temp = new TempFolder();
        var truncated = temp.Copy(RpssFixtures.VfrSample, bytes => bytes[..(bytes.Length / 2)]);

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => VfrImport.RunAsync(db, truncated));

        Assert.Contains("GDAL", failure.Errors[0].Message);
        db.ChangeTracker.Clear();
        var after = await db.Obce.Where(o => o.Code == Decany).Select(o => new { o.Geom, o.GeomSource }).SingleAsync();
        Assert.Equal(before.GeomSource, after.GeomSource);
        Assert.True(before.Geom.EqualsExact(after.Geom));
    }

    [Fact]
    public async Task A_reload_of_the_reference_data_keeps_the_newer_VFR_boundary()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        await VfrImport.RunAsync(db, RpssFixtures.VfrSample);

        await DataImport.RunAsync(db, TestEnvironment.Options());

        var obec = await db.Obce.AsNoTracking().SingleAsync(o => o.Code == Decany);
        Assert.Equal("VFR OB_UKSH.xml.gz", obec.GeomSource);
        Assert.InRange(obec.Geom.Area / 1e6, 12.368, 12.378);
    }

    /// <summary>Current ČÚZK files are .xml.zip: the sample, re-zipped.</summary>
    private static string Rezip(string gz, TempFolder temp)
    {
        var zip = Path.Combine(temp.Path, "OB_UKSH.xml.zip");
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        using var entry = archive.CreateEntry("OB_UKSH.xml").Open();
        using var source = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
        source.CopyTo(entry);
        return zip;
    }
}
