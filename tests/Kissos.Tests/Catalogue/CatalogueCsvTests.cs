using System.Text;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Catalogue;

[Collection(DatabaseCollection.Name)]
public class CatalogueCsvTests
{
    private const string Header =
        "id;identifikator;nazev;ico;druh;formy;kapacity;cilove_skupiny;vekove_kategorie;v_siti_kraje;platnost_od;platnost_do;popis;weby;emaily;telefony;pusobnost_obce;pusobnost_orp";

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static async Task<byte[]> ExportServices(Kissos.Data.KissosDb db)
    {
        using var output = new MemoryStream();
        await CatalogueCsv.ExportServicesAsync(db, output);
        return output.ToArray();
    }

    [Fact]
    public async Task Exported_services_import_back_without_a_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var exported = await ExportServices(db);

        var result = await CatalogueCsv.ImportServicesAsync(db, new MemoryStream(exported));

        Assert.Equal(new CatalogueCsv.ImportResult(0, 254), result);
        db.ChangeTracker.Clear();
        Assert.Equal(exported, await ExportServices(db));
        Assert.StartsWith("id;identifikator;nazev", Encoding.UTF8.GetString(exported).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task A_declared_catchment_area_gets_its_geometry_from_the_obce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        await CatalogueCsv.ImportServicesAsync(db, Csv(Header,
            "mpsv-6276;;Osobní asistence;73632783;3;ter;ter:klient=2;24;;ano;2020-01-01;;;www.diakonievm.cz;;;545058;7206"));

        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == "mpsv-6276");
        var expectedArea = await db.Orp.Where(o => o.CsuCode == "7206").Select(o => o.Geom.Area).SingleAsync();
        Assert.Equal(["24"], service.TargetGroups);
        Assert.True(service.InRegionalNetwork);
        Assert.NotNull(service.CatchmentGeom);
        // Rožnov (7206) plus Valašské Meziříčí (545058, in ORP 7210): more than the ORP alone.
        Assert.InRange(service.CatchmentGeom.Area, expectedArea * 1.01, expectedArea * 2);
        Assert.Equal(1, await db.ServicePlaces.CountAsync(sp => sp.ServiceId == "mpsv-6276")); // places are kept
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_nothing_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var before = await ExportServices(db);

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => CatalogueCsv.ImportServicesAsync(db, Csv(Header,
            "new-1;;Nová služba;73632783;13;pob;pob:luzka=10;;;;;;;;;;;",          // 2: fine
            "new-2;;Bez poskytovatele;99999999;13;pob;;;;;;;;;;;;",                // 3: unknown provider
            "new-3;;Špatný druh;73632783;99;pob;;;;;;;;;;;;",                      // 4: unknown druh
            "new-4;;Lůžka terénně;73632783;4;ter;pob:luzka=5;;;;;;;;;;;",          // 5: capacity of a form it lacks
            "new-5;;Datum;73632783;4;ter;ter:klient=x;;;možná;31.2.2024;;;;;;;",   // 6: three bad values, first reported
            "new-1;;Dvakrát;73632783;13;pob;;;;;;;;;;;;")));                       // 7: duplicate id

        Assert.Equal([3, 4, 5, 6, 7], failure.Errors.Select(e => e.Number));
        Assert.Contains("IČO", failure.Errors[0].Message);
        db.ChangeTracker.Clear();
        Assert.Equal(before, await ExportServices(db));
    }

    [Fact]
    public async Task A_file_with_wrong_columns_is_rejected_before_any_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() =>
            CatalogueCsv.ImportProvidersAsync(db, Csv("ico,nazev", "12345678,Někdo")));

        Assert.All(failure.Errors, e => Assert.Equal(1, e.Number));
        Assert.Contains(failure.Errors, e => e.Message.Contains("chybí sloupce: ico, nazev, pravni_forma"));
        Assert.Contains(failure.Errors, e => e.Message.Contains("neznámé sloupce: ico,nazev"));
    }

    [Fact]
    public async Task Providers_are_upserted_by_ico_with_leading_zeros_kept()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var result = await CatalogueCsv.ImportProvidersAsync(db, Csv("ico;nazev;pravni_forma;web;email;telefon",
            "00012345;Obec Příklad;obec;www.priklad.cz;;",
            "73632783;Diakonie Valašské Meziříčí;spolek;www.diakonievm.cz;info@diakonievm.cz;571 629 084"));

        Assert.Equal(new CatalogueCsv.ImportResult(1, 1), result);
        Assert.Equal("Obec Příklad", (await db.Providers.AsNoTracking().SingleAsync(p => p.Ico == "00012345")).Name);
        Assert.Equal("spolek", (await db.Providers.AsNoTracking().SingleAsync(p => p.Ico == "73632783")).LegalForm);
    }
}
