using System.IO.Compression;
using Kissos.Common;
using Kissos.Registry;
using Kissos.Territory;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Registry;

/// <summary>The refresh from rpss.json and the RÚIAN address points, pitfall by pitfall (shared/domain/RPSS_FORMAT.md).</summary>
[Collection(DatabaseCollection.Name)]
public class RpssRefreshTests
{
    [Fact]
    public async Task Services_come_with_identifier_forms_capacities_per_form_target_groups_and_places()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        await using var db = database.Open();
        Assert.Equal(11, refresh.ServicesInFile);
        Assert.Equal(9, refresh.ServicesActive);
        Assert.Equal(9, await db.Services.CountAsync());
        var home = await db.Services.Include(s => s.Places).SingleAsync(s => s.Id == "mpsv-1001");
        Assert.Equal("1000101", home.Identifier);
        Assert.Equal("Domov pro seniory Olomouc", home.Name);
        Assert.Equal("13", home.DruhCode);
        Assert.Equal(["24", "30"], home.TargetGroups);
        Assert.Equal(["7", "8"], home.AgeCategories);
        Assert.Equal(["www.dsolomouc.cz/domov"], home.Webs);
        // Capacity belongs to its form, in its unit: a home-care service has clients in two forms, no beds.
        var care = await db.Services.SingleAsync(s => s.Id == "mpsv-1002");
        Assert.Equal(["amb:klient=15", "ter:klient=120"], care.Capacities.Select(c => $"{c.Form}:{c.CapacityType}={c.Amount}").Order());
        Assert.Equal(["ter", "amb"], care.Forms);
        Assert.Equal(["www.charita-sm.cz"], care.Webs); // no contacts of its own: the provider's
        // The same facility listed three times (twice identically, once as a name variant) is one place.
        Assert.Equal("misto-11111101", Assert.Single(home.Places).PlaceId);
        Assert.Equal("Domov pro seniory Olomouc", home.Places[0].FacilityName);
        // A registration listed twice (same portalId) is one service with the facilities of both items.
        var assistance = await db.Services.Include(s => s.Places).SingleAsync(s => s.Id == "mpsv-1006");
        Assert.Equal(["misto-11111105", "misto-11111106"], assistance.Places.Select(p => p.PlaceId).Order());
        Assert.Contains(refresh.Warnings, w => w.Contains("portalId"));
        // Several providers' facilities share one address point: one place, two services.
        Assert.Equal(2, await db.ServicePlaces.CountAsync(sp => sp.PlaceId == "misto-11111101"));
        // Unknown codes of optional lists are dropped and reported, not guessed.
        Assert.Equal(["23"], (await db.Services.SingleAsync(s => s.Id == "mpsv-1005")).TargetGroups);
        Assert.Contains(refresh.Warnings, w => w.Contains("cílová skupina 28"));
    }

    [Fact]
    public async Task Ended_registrations_and_ended_facilities_are_not_imported()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        await using var db = database.Open();
        // 1004 ended in 2020 although its facility never did (the two levels disagree), and carries a druh no longer in use.
        Assert.False(await db.Services.AnyAsync(s => s.Id == "mpsv-1004"));
        Assert.False(await db.Providers.AnyAsync(p => p.Ico == "12345678"));
        // 1005's former office ended in 2021: only its current place remains.
        var counselling = await db.Services.Include(s => s.Places).ThenInclude(p => p.Place).SingleAsync(s => s.Id == "mpsv-1005");
        var place = Assert.Single(counselling.Places).Place!;
        Assert.StartsWith("misto-adresa-", place.Id);
        Assert.Equal(("Vodičkova", 250, "4", "11000", "554782"), (place.Street, place.HouseNumber, place.OrientationNumber, place.PostCode, place.ObecCode));
        Assert.Null(place.Location); // no address-point code: not geocoded from the written address
        Assert.Equal(new DateOnly(2099, 12, 31), (await db.Services.SingleAsync(s => s.Id == "mpsv-1008")).ValidTo);
    }

    [Fact]
    public async Task IČO_keeps_its_leading_zeros_and_personal_data_is_never_stored()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        await using var db = database.Open();
        var provider = await db.Providers.SingleAsync(p => p.Ico == "00845451");
        Assert.Equal("Domov pro seniory Olomouc, příspěvková organizace", provider.Name);
        Assert.Equal("Příspěvková organizace zřízená územním samosprávným celkem", provider.LegalForm);
        Assert.Equal(("www.dsolomouc.cz", "info@dsolomouc.cz", "585 000 111"), (provider.Web, provider.Email, provider.Phone));
        Assert.True(await db.Providers.AnyAsync(p => p.Ico == "00065072"));
        var dump = await RpssFixtures.DumpAsync(database);
        Assert.DoesNotContain("Novák-Statutár", dump);
        Assert.DoesNotContain("Dvořák-Statutár", dump);
        Assert.DoesNotContain("Svobodová-Vedoucí", dump);
    }

    [Fact]
    public async Task A_secret_address_is_never_geocoded_or_shown_beyond_its_obec()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        await using var db = database.Open();
        var shelter = await db.Services.Include(s => s.Places).ThenInclude(p => p.Place).SingleAsync(s => s.Id == "mpsv-1003");
        var link = Assert.Single(shelter.Places); // the second secret facility has no address at all: no place
        var place = link.Place!;
        Assert.Equal("misto-utajene-585068", place.Id);
        Assert.Equal("585068", place.ObecCode);
        Assert.Equal((null, null, null, null, null), (place.AddressPointCode, place.Street, place.HouseNumber, place.PostCode, place.Location));
        Assert.Equal(shelter.Name, link.FacilityName);
        Assert.Equal(2, refresh.SecretFacilities);
        // Its address point exists in RÚIAN, yet it was not even looked up.
        Assert.Equal(8, refresh.AddressCodes);
        var dump = await RpssFixtures.DumpAsync(database);
        Assert.DoesNotContain("Tajná", dump);
        Assert.DoesNotContain("11111199", dump);
    }

    [Fact]
    public async Task Points_come_from_the_address_points_in_S_JTSK_and_the_code_decides_the_obec()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        await using var db = database.Open();
        var place = await db.Places.SingleAsync(p => p.Id == "misto-11111102");
        // "Souřadnice Y/X" are positive; EPSG:5514 (east, north) is (−Y, −X).
        Assert.Equal((-548300.50, -1121100.25), (place.Location!.X, place.Location.Y));
        Assert.Equal("Řepčín", place.Quarter); // read as Windows-1250
        // Pitfall 6: the written address says Olomouc, the address point is in Zlín; the code is trusted.
        Assert.Equal("585068", (await db.Places.SingleAsync(p => p.Id == "misto-11111107")).ObecCode);
    }

    [Fact]
    public async Task The_share_of_address_codes_not_found_is_reported_and_no_position_is_invented()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        Assert.Equal((8, 1, 0.125), (refresh.AddressCodes, refresh.AddressCodesNotFound, refresh.AddressCodesNotFoundShare));
        Assert.Equal(1, refresh.FacilitiesWithoutCode);
        Assert.Contains(refresh.Warnings, w => w.StartsWith("1 z 8 kódů adresních míst (12,5 %)", StringComparison.Ordinal));
        await using var db = database.Open();
        var unknown = await db.Places.SingleAsync(p => p.Id == "misto-11119999");
        Assert.Null(unknown.Location);
        Assert.Equal("585068", unknown.ObecCode);
    }

    [Fact]
    public async Task Addresses_are_read_from_the_ZIP_as_published()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        var zip = Path.Combine(Path.GetTempPath(), $"kissos-adresy-{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(RpssFixtures.AddressesV1, zip);
        try
        {
            var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, zip);

            Assert.Equal((8, 1), (refresh.AddressCodes, refresh.AddressCodesNotFound));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task A_second_refresh_with_the_same_files_changes_nothing_and_reports_no_change()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        var first = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);
        var before = await RpssFixtures.FingerprintAsync(database);

        var second = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        Assert.Equal(9, first.ServicesNew);
        Assert.Empty(second.Changes);
        Assert.Equal((0, 0, 0, 0), (second.ServicesNew, second.ServicesEnded, second.CapacityChanges, second.MovedPlaces));
        Assert.Equal(before, await RpssFixtures.FingerprintAsync(database));
        await using var db = database.Open();
        Assert.Equal([9, 0], await db.Refreshes.OrderBy(r => r.Id).Select(r => r.Changes.Count).ToListAsync());
    }

    [Fact]
    public async Task The_change_report_lists_new_and_ended_services_capacity_changes_and_moved_places()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V2, RpssFixtures.AddressesV2);

        var rows = refresh.Changes.Select(c => $"{c.Kind} {c.ServiceId} {string.Join(',', c.Kraje)} {c.PlaceId} {c.OldValue} → {c.NewValue}: {c.Detail}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join('\n',
        [
            "capacity mpsv-1002 CZ071,CZ072  120 → 130: terénní: počet klientů",
            "ended mpsv-1007 CZ072   → 2026-06-30: registrace ukončena",
            "ended mpsv-1008 CZ071   → 2026-11-24: služba v souboru registru chybí",
            "moved mpsv-1001 CZ071 misto-11111101 49.596949, 17.235653 → 49.596564, 17.235295: bod adresního místa Dlouhá 12/3a, 77900 Olomouc se posunul o 50 m",
            "moved mpsv-1009 CZ072  Zlínská 400, 76001 Zlín → Zlínská 401, 76001 Zlín: místo poskytování se změnilo",
            "new mpsv-1010 CZ072   → : nová registrace",
        ]), string.Join('\n', rows));
        Assert.Equal((1, 2, 1, 2), (refresh.ServicesNew, refresh.ServicesEnded, refresh.CapacityChanges, refresh.MovedPlaces));
        await using var db = database.Open();
        Assert.Equal(new DateOnly(2026, 6, 30), (await db.Services.SingleAsync(s => s.Id == "mpsv-1007")).ValidTo);
        Assert.Equal(["misto-11111108"], await db.ServicePlaces.Where(sp => sp.ServiceId == "mpsv-1009").Select(sp => sp.PlaceId).ToListAsync());
        // Ended services stay in the database (vacancies and registers refer to them); their places are kept too.
        Assert.Equal(10, await db.Services.CountAsync());
        Assert.True(await db.Places.AnyAsync(p => p.Id == "misto-11111107"));
    }

    [Fact]
    public async Task A_truncated_file_is_refused_the_previous_data_stays_and_the_refusal_is_recorded()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);
        var before = await RpssFixtures.FingerprintAsync(database);
        using var broken = new TempFolder();
        var halfWritten = broken.Copy(RpssFixtures.V2, bytes => bytes[..(bytes.Length * 2 / 3)]);

        // The boundaries of the same refresh were read and validated before the registry failed: they are rolled back too.
        var refresh = await RpssFixtures.RefreshAsync(database, halfWritten, RpssFixtures.AddressesV2, RpssFixtures.VfrSample);

        Assert.False(refresh.Succeeded);
        Assert.Contains(refresh.Errors, e => e.Contains("neúplný nebo poškozený", StringComparison.Ordinal));
        Assert.Empty(refresh.Changes);
        Assert.Equal(before, await RpssFixtures.FingerprintAsync(database));
        await using var db = database.Open();
        Assert.False(Kissos.Territory.VfrImport.IsVfr(await db.Obce.Where(o => o.Code == "564729").Select(o => o.GeomSource).SingleAsync()));
        var recorded = await db.Refreshes.OrderBy(r => r.Id).Select(r => new { r.Succeeded, r.Errors.Count }).ToListAsync();
        Assert.Equal([true, false], recorded.Select(r => r.Succeeded));
        Assert.True(recorded[1].Count > 0);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("zip")]
    [InlineData("empty")]
    public async Task A_broken_address_file_or_an_empty_registry_is_refused(string what)
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);
        var before = await RpssFixtures.FingerprintAsync(database);
        using var broken = new TempFolder();
        var (rpss, addresses, message) = what switch
        {
            // The last CSV cut in the middle of a row, as a download that stopped.
            "csv" => (RpssFixtures.V2, broken.CopyFolder(RpssFixtures.AddressesV2, "20260831_OB_585068_ADR.csv", b => b[..(b.Length - 30)]), "polí"),
            "zip" => (RpssFixtures.V2, broken.Copy(Zip(RpssFixtures.AddressesV2, broken), b => b[..(b.Length / 2)]), "poškozený"),
            _ => (broken.Write("rpss.json", """{"polozky": []}"""), RpssFixtures.AddressesV2, "žádnou registraci"),
        };

        var refresh = await RpssFixtures.RefreshAsync(database, rpss, addresses);

        Assert.False(refresh.Succeeded);
        Assert.Contains(refresh.Errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await RpssFixtures.FingerprintAsync(database));
    }

    [Fact]
    public async Task A_file_lacking_most_stored_services_is_taken_for_a_broken_export()
    {
        // The seeded database holds the regional extract (254 services); v1 has one of them.
        await using var database = await TestDatabase.CreateAsync();

        var refresh = await RpssFixtures.RefreshAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1);

        Assert.False(refresh.Succeeded);
        Assert.Contains(refresh.Errors, e => e.Contains("chybí 253 z 254 platných služeb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_region_keeps_its_own_kraje_and_the_extract_and_the_registry_agree_on_ids()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = TestEnvironment.Options();
        options.Registry.Kraje = ["CZ042"];

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1, options: options);

        // Ústecký kraj's service is new; the extract's services of other kraje are neither touched nor ended, and
        // mpsv-6276, in both the extract and the file, is refreshed in place rather than added again.
        Assert.Equal(["mpsv-1006"], refresh.Changes.Where(c => c.Kind == ChangeKinds.New).Select(c => c.ServiceId));
        Assert.Equal(0, refresh.ServicesEnded);
        await using var db = database.Open();
        Assert.Equal(255, await db.Services.CountAsync());
        Assert.Equal("6276001", (await db.Services.SingleAsync(s => s.Id == "mpsv-6276")).Identifier);
        Assert.Equal(["CZ042"], (await db.Refreshes.SingleAsync()).Kraje);

        // From now on the official registry is the source: a reload of the reference data leaves the extract out.
        var before = await RpssFixtures.FingerprintAsync(database);
        var reload = await DataImport.RunAsync(db, TestEnvironment.Options());
        Assert.Null(reload.Registry);
        Assert.Equal(before, await RpssFixtures.FingerprintAsync(database));
    }

    [Fact]
    public async Task Boundaries_and_the_registry_are_refreshed_together()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();

        var refresh = await RpssFixtures.RefreshOkAsync(database, RpssFixtures.V1, RpssFixtures.AddressesV1, RpssFixtures.VfrSample);

        Assert.Equal(1, refresh.VfrObce);
        await using var db = database.Open();
        Assert.Equal("VFR OB_UKSH.xml.gz", (await db.Obce.SingleAsync(o => o.Code == "564729")).GeomSource);
        Assert.DoesNotContain(refresh.Warnings, w => w.Contains("hranice své obce"));
    }

    private static string Zip(string folder, TempFolder temp)
    {
        var zip = Path.Combine(temp.Path, "adresy.zip");
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }
}

/// <summary>A temporary folder for broken copies of fixture files.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kissos-fixture-").FullName;

    /// <summary>A copy of a file with its bytes changed (e.g. cut short).</summary>
    public string Copy(string file, Func<byte[], byte[]> edit)
    {
        var target = System.IO.Path.Combine(Path, "copy-" + System.IO.Path.GetFileName(file));
        File.WriteAllBytes(target, edit(File.ReadAllBytes(file)));
        return target;
    }

    /// <summary>A copy of a folder with one of its files changed.</summary>
    public string CopyFolder(string folder, string file, Func<byte[], byte[]> edit)
    {
        var target = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(folder));
        Directory.CreateDirectory(target);
        foreach (var source in Directory.EnumerateFiles(folder))
        {
            var bytes = File.ReadAllBytes(source);
            File.WriteAllBytes(System.IO.Path.Combine(target, System.IO.Path.GetFileName(source)),
                System.IO.Path.GetFileName(source) == file ? edit(bytes) : bytes);
        }
        return target;
    }

    public string Write(string name, string text)
    {
        var target = System.IO.Path.Combine(Path, name);
        File.WriteAllText(target, text);
        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
