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

    private const string ProviderHeader = "ico;nazev;pravni_forma;web;email;telefon";

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    /// <summary>The bytes Czech Excel writes for "CSV (oddělený středníkem)".</summary>
    private static MemoryStream Windows1250(params string[] lines) => new(CsvText.Windows1250.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static async Task<string> ExportProviders(Kissos.Data.KissosDb db)
    {
        using var output = new MemoryStream();
        await CatalogueCsv.ExportProvidersAsync(db, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

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
            "00012343;Obec Příklad;obec;www.priklad.cz;;",
            "73632783;Diakonie Valašské Meziříčí;spolek;www.diakonievm.cz;info@diakonievm.cz;571 629 084"));

        Assert.Equal(new CatalogueCsv.ImportResult(1, 1), result);
        Assert.Equal("Obec Příklad", (await db.Providers.AsNoTracking().SingleAsync(p => p.Ico == "00012343")).Name);
        Assert.Equal("spolek", (await db.Providers.AsNoTracking().SingleAsync(p => p.Ico == "73632783")).LegalForm);
    }

    [Fact]
    public async Task A_Windows_1250_file_is_stored_as_the_same_text_as_its_UTF_8_original()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        string[] providers = [ProviderHeader, "00845451;Domov Šťastný – Řepčín, příspěvková organizace;;;;", "73632783;Diakonie ČCE – Žďár, Ústí;;;;"];
        string[] services = [Header, "mpsv-6276;;Osobní asistence Šumperk – Kůň;73632783;3;ter;ter:klient=2;;;;;;Pomáháme lidem, kteří žijí sami: říjen až úterý;;;;;"];

        await CatalogueCsv.ImportProvidersAsync(db, Windows1250(providers));
        await CatalogueCsv.ImportServicesAsync(db, Windows1250(services));

        db.ChangeTracker.Clear();
        Assert.Equal("Domov Šťastný – Řepčín, příspěvková organizace", (await db.Providers.SingleAsync(p => p.Ico == "00845451")).Name);
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == "mpsv-6276");
        Assert.Equal("Osobní asistence Šumperk – Kůň", service.Name);
        Assert.Equal("Pomáháme lidem, kteří žijí sami: říjen až úterý", service.Description);
        var exported = await ExportServices(db);
        await CatalogueCsv.ImportServicesAsync(db, Csv(services)); // the UTF-8 original changes nothing
        db.ChangeTracker.Clear();
        Assert.Equal(exported, await ExportServices(db));
        Assert.DoesNotContain('\uFFFD', await ExportProviders(db));
    }

    [Fact]
    public async Task Formulas_and_phone_numbers_go_out_neutralised_and_come_back_exactly()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        const string formula = "=HYPERLINK(\"http://example.org/x\";\"x\")";
        var service = await db.Services.SingleAsync(s => s.Id == "mpsv-6276");
        service.Description = formula;
        service.Phones = ["+420 571 629 084", "-1"];
        service.Webs = ["@web"];
        service.Emails = [];
        var provider = await db.Providers.SingleAsync(p => p.Ico == "73632783");
        provider.Phone = "+420 571 629 084";
        provider.Name = "-Diakonie-";
        await db.SaveChangesAsync();

        var services = await ExportServices(db);
        var providers = await ExportProviders(db);

        var row = Encoding.UTF8.GetString(services).Split("\r\n").Single(l => l.StartsWith("mpsv-6276;"));
        Assert.Contains(";\"'=HYPERLINK(\"\"http://example.org/x\"\";\"\"x\"\")\";'@web;;'+420 571 629 084|-1;", row);
        Assert.Contains("73632783;'-Diakonie-;", providers);
        Assert.Contains(";'+420 571 629 084", providers);
        Assert.All(CsvRecords.Read(Encoding.UTF8.GetString(services).TrimStart('\uFEFF'), ';').Skip(1).SelectMany(r => r.Fields),
            field => Assert.DoesNotMatch("^[=+@\t\r-]", field));

        await CatalogueCsv.ImportProvidersAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(providers)));
        await CatalogueCsv.ImportServicesAsync(db, new MemoryStream(services));
        db.ChangeTracker.Clear();
        var back = await db.Services.AsNoTracking().SingleAsync(s => s.Id == "mpsv-6276");
        Assert.Equal(formula, back.Description);
        Assert.Equal(["+420 571 629 084", "-1"], back.Phones);
        Assert.Equal(["@web"], back.Webs);
        Assert.Equal("+420 571 629 084", (await db.Providers.SingleAsync(p => p.Ico == "73632783")).Phone);
        Assert.Equal(services, await ExportServices(db));
        Assert.Equal(providers, await ExportProviders(db));
    }

    [Fact]
    public async Task Provider_errors_name_the_line_where_the_faulty_record_starts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => CatalogueCsv.ImportProvidersAsync(db, Csv(ProviderHeader,
            "00845451;Domov;;;;",                                   // 2: fine
            "73632783;Jan\"a s.r.o.;;;;",                            // 3: stray quote
            "61985929;Centrum Dominika;;;;",                         // 4: fine, despite line 3
            "00845451;Domov podruhé;;;;",                            // 5: duplicate of line 2
            "68684053;Bez sloupců",                                  // 6: two fields of six
            "70891320;\"Víceřádkový\r\nnázev\";;;;",                  // 7–8: one record, fine
            "70828920;Dobrý;;;;",                                    // 9: fine
            "12343;Bez nul;;;;",                                       // 10: Excel dropped the zeros
            "73632784;Špatná kontrolní číslice;;;;")));              // 11

        Assert.Equal([3, 5, 6, 10, 11], failure.Errors.Select(e => e.Number));
        Assert.Contains("uvozovku", failure.Errors[0].Message);
        Assert.Contains("už na řádku 2", failure.Errors[1].Message);
        Assert.Contains("2 pole, záhlaví 6 polí", failure.Errors[2].Message);
        Assert.Contains("00012343", failure.Errors[3].Message);
        Assert.Contains("kontrolní číslici", failure.Errors[4].Message);
    }

    [Fact]
    public async Task Service_errors_name_the_line_where_the_faulty_record_starts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => CatalogueCsv.ImportServicesAsync(db, Csv(Header,
            "new-1;;Nová;73632783;13;pob;pob:luzka=10;;;;;;\"Popis\r\nna dva řádky\";;;;;",   // 2–3: fine
            "new-2;;Jan\"a;73632783;13;pob;;;;;;;;;;;;",                                      // 4: stray quote
            "new-3;;Dobrá;73632783;13;pob;;;;;;;;;;;;",                                        // 5: fine
            "new-1;;Znovu;73632783;13;pob;;;;;;;;;;;;",                                        // 6: duplicate of line 2
            "new-4;;Krátká;73632783;13")));                                                    // 7: too few fields

        Assert.Equal([4, 6, 7], failure.Errors.Select(e => e.Number));
        Assert.Contains("už na řádku 2", failure.Errors[1].Message);
        Assert.Contains("5 polí, záhlaví 18 polí", failure.Errors[2].Message);
    }
}
