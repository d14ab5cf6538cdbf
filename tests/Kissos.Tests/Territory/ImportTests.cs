using Kissos.Common;
using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Territory;

[Collection(DatabaseCollection.Name)]
public class ImportTests
{
    [Fact]
    public async Task The_real_territory_and_registry_are_loaded_with_both_code_systems()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        Assert.Equal(14, await db.Kraje.CountAsync());
        Assert.Equal(206, await db.Orp.CountAsync());
        Assert.Equal(6258, await db.Obce.CountAsync());
        Assert.Equal(13, await db.Orp.CountAsync(o => o.KrajNuts3 == "CZ071"));
        Assert.Equal(13, await db.Orp.CountAsync(o => o.KrajNuts3 == "CZ072"));
        Assert.Equal(709, await db.Obce.CountAsync(o => o.GeomSource == TerritoryImport.ObceRegionalFile));

        var olomouc = await db.Orp.SingleAsync(o => o.CsuCode == "7107");
        Assert.Equal(1899, olomouc.RuianCode);
        Assert.Equal("Olomouc", olomouc.Name);
        Assert.Equal(124, (await db.Kraje.SingleAsync(k => k.Nuts3 == "CZ071")).RuianCode);
        Assert.Equal(46, await db.Obce.CountAsync(o => o.OrpCsuCode == "7107"));

        Assert.Equal(126, await db.Providers.CountAsync());
        Assert.Equal(254, await db.Services.CountAsync());
        Assert.Equal(259, await db.Places.CountAsync());
        Assert.Equal(7, await db.Places.CountAsync(p => p.Location == null));
    }

    [Fact]
    public async Task Population_and_areas_match_the_official_totals()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var population = await db.Obce.Join(db.Orp, o => o.OrpCsuCode, r => r.CsuCode, (o, r) => new { o.Population, r.KrajNuts3 })
            .Where(x => x.KrajNuts3 == "CZ071").SumAsync(x => x.Population);
        var area = await db.Kraje.Where(k => k.Nuts3 == "CZ071").Select(k => k.Geom.Area).SingleAsync();

        Assert.Equal(630_522, population); // ČSÚ, 1 Jan 2021
        Assert.InRange(area / 1e6, 5_260, 5_280); // km², computed in S-JTSK
    }

    [Fact]
    public async Task Generalized_obce_form_a_coverage_without_overlaps()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var overlap = await db.Database.SqlQueryRaw<double>(
            """
            SELECT coalesce(sum(ST_Area(ST_Intersection(a.generalized, b.generalized))), 0) AS "Value"
            FROM territory.obec a JOIN territory.obec b
              ON a.code < b.code AND a.generalized && b.generalized AND ST_Intersects(a.generalized, b.generalized)
            WHERE a.orp_csu_code IN ('7107', '7213') AND b.orp_csu_code IN ('7107', '7213')
            """).SingleAsync();
        var simplerThanSource = await db.Database.SqlQueryRaw<bool>(
            """SELECT sum(ST_NPoints(generalized)) < sum(ST_NPoints(geom)) AS "Value" FROM territory.orp""").SingleAsync();
        var allValid = await db.Obce.AllAsync(o => o.Generalized == null || o.Generalized.IsValid);

        Assert.InRange(overlap, 0, 1.0); // m²
        Assert.True(simplerThanSource);
        Assert.True(allValid);
    }

    [Fact]
    public async Task Importing_again_gives_the_same_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var before = await Fingerprint(db);

        var summary = await DataImport.RunAsync(db, TestEnvironment.Options());

        Assert.Equal(6258, summary.Territory.Obce);
        Assert.Equal(before, await Fingerprint(db));
    }

    [Fact]
    public async Task Bad_features_are_reported_by_number_and_nothing_changes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var before = await Fingerprint(db);
        using var data = new DataFolder();
        data.EditLine(RegistryFile, 2, line => line.Replace("\"ico\": \"", "\"ico\": \"X"));
        data.EditLine(RegistryFile, 5, line => line.Replace("\"kodObce\": \"", "\"kodObce\": \"9"));

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => DataImport.RunAsync(db, TestEnvironment.Options(data.Path)));

        Assert.Equal([2, 5], failure.Errors.Select(e => e.Number).Order());
        Assert.Contains(failure.Errors, e => e.Number == 2 && e.Message.Contains("IČO"));
        Assert.Contains(failure.Errors, e => e.Number == 5 && e.Message.Contains("obce"));
        db.ChangeTracker.Clear();
        Assert.Equal(before, await Fingerprint(db));
    }

    [Fact]
    public async Task An_obec_outside_its_ORP_is_rejected()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var db = database.Open();
        using var data = new DataFolder();
        // Claim that obec Olomouc (500496) belongs to ORP Zlín, consistently in both obce layers.
        const string Olomouc = "\"kod\": 500496, ";
        string MoveToZlin(string json)
        {
            var orp = json.IndexOf("\"orp_kod\": \"7107\"", json.IndexOf(Olomouc, StringComparison.Ordinal), StringComparison.Ordinal);
            return json[..orp] + "\"orp_kod\": \"7213\"" + json[(orp + "\"orp_kod\": \"7107\"".Length)..];
        }
        data.Edit(TerritoryImport.ObceNationalFile, MoveToZlin);
        data.Edit(TerritoryImport.ObceRegionalFile, MoveToZlin);

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => DataImport.RunAsync(db, TestEnvironment.Options(data.Path)));

        var error = Assert.Single(failure.Errors);
        Assert.Contains("500496", error.Message);
        Assert.Contains("7213", error.Message);
        Assert.False(await db.Kraje.AnyAsync());
    }

    private const string RegistryFile = "domain/registr_olk_zlk.jsonl";

    /// <summary>Counts and a hash of every stored geometry and code, to compare two states of the database.</summary>
    private static Task<string> Fingerprint(Kissos.Data.KissosDb db) => db.Database.SqlQueryRaw<string>(
        """
        SELECT concat_ws('|',
            (SELECT md5(string_agg(nuts3 || ST_AsEWKB(geom)::text || ST_AsEWKB(generalized)::text, ',' ORDER BY nuts3)) FROM territory.kraj),
            (SELECT md5(string_agg(code || name || population || ST_AsEWKB(geom)::text, ',' ORDER BY code)) FROM territory.obec),
            (SELECT md5(string_agg(id || name || provider_ico || druh_code || array_to_string(forms, ','), ',' ORDER BY id)) FROM catalogue.service),
            (SELECT md5(string_agg(id || coalesce(ST_AsEWKB(location)::text, '-'), ',' ORDER BY id)) FROM catalogue.place),
            (SELECT count(*) FROM catalogue.service_capacity)) AS "Value"
        """).SingleAsync();
}
