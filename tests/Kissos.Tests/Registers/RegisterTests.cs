using System.Net;
using System.Text;
using System.Text.Json;
using Kissos.Common;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Registers;

[Collection(DatabaseCollection.Name)]
public class RegisterTests(KissosApp app) : IClassFixture<KissosApp>, IAsyncLifetime
{
    private const string Kokory = "mpsv-4365", Pavlovice = "mpsv-1050", Namest = "mpsv-1152"; // three homes for seniors (druh 13)
    private const string Olomouc = "500496", KokoryObec = "514152";                              // ORP 7107, ORP 7109
    private const string ApplicantHeader = "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;datum_zadosti;obec;nepriznive_situace;cilova_skupina;naleharost;stav;datum_stavu";
    private const string UserHeader = "sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;zahajeni;ukonceni;duvod_ukonceni;obec;navazujici_sluzba";

    private static string Applicant(string service, int person, string obec, string status = "waiting", string statusOn = "") =>
        $"{service};;Osoba{person};Zkušební;1940-01-{person:00};2026-02-01;{obec};vek|zdravotni_stav;24;2;{status};{statusOn}";

    private static string User(string service, int person, string obec, string ended = "", string next = "") =>
        $"{service};;Uživatel{person};Zkušební;1938-02-{person:00};2025-01-01;{ended};{(ended == "" ? "" : "přechod")};{obec};{next}";

    /// <summary>
    /// Person 1 waits for all three homes (one unmet applicant); persons 2–7 wait in Pavlovice, living in Olomouc;
    /// person 8 lives in Kokory; person 9 was admitted. Users: 5 from Olomouc and 3 from Kokory in Pavlovice,
    /// one who left Kokory for Pavlovice.
    /// </summary>
    private static readonly string[] Applicants =
    [
        ApplicantHeader,
        Applicant(Kokory, 1, KokoryObec), Applicant(Pavlovice, 1, KokoryObec), Applicant(Namest, 1, KokoryObec),
        .. Enumerable.Range(2, 6).Select(p => Applicant(Pavlovice, p, Olomouc)),
        Applicant(Namest, 8, KokoryObec),
        Applicant(Kokory, 9, Olomouc, "admitted", "2026-06-01"),
    ];

    private static readonly string[] Users =
    [
        UserHeader,
        .. Enumerable.Range(1, 5).Select(p => User(Pavlovice, p, Olomouc)),
        .. Enumerable.Range(6, 3).Select(p => User(Pavlovice, p, KokoryObec)),
        User(Kokory, 9, Olomouc, "2026-05-31", Pavlovice),
    ];

    private static StringContent Csv(IEnumerable<string> lines) => new(string.Join("\r\n", lines), Encoding.UTF8, "text/csv");

    private async Task<JsonElement> Import(ApiClient client, string register, IEnumerable<string> lines, HttpStatusCode expected = HttpStatusCode.OK) =>
        await client.JsonAsync(await client.Http.PostAsync($"/api/my/registers/{register}", Csv(lines)), expected);

    public async Task InitializeAsync()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);
        await Import(admin, "applicants", Applicants);
        await Import(admin, "users", Users);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Importing_the_same_files_again_changes_nothing()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var applicants = await Import(admin, "applicants", Applicants);
        var users = await Import(admin, "users", Users);

        Assert.Equal(0, applicants.GetProperty("created").GetInt32() + applicants.GetProperty("updated").GetInt32());
        Assert.Equal(Applicants.Length - 1, applicants.GetProperty("unchanged").GetInt32());
        Assert.Equal(Users.Length - 1, users.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_nothing_is_stored()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);
        var before = await admin.JsonAsync(await admin.GetAsync("/api/registers/duplicates"), HttpStatusCode.OK);

        var problem = await Import(admin, "applicants",
        [
            ApplicantHeader,
            Applicant(Kokory, 20, KokoryObec),                                              // 2: fine
            $"{Kokory};455101/0018;;;;2026-02-01;{KokoryObec};vek;;1;waiting;",              // 3: bad rodné číslo
            Applicant(Kokory, 21, "999999"),                                                // 4: unknown obec
            Applicant(Kokory, 22, KokoryObec, "sleeping"),                                  // 5: unknown status
            $"{Kokory};;Jan;;1950-01-01;2026-02-01;{KokoryObec};vek;;1;waiting;",            // 6: no surname, no RČ
        ], HttpStatusCode.BadRequest);

        Assert.Equal([3, 4, 5, 6], problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        var after = await admin.JsonAsync(await admin.GetAsync("/api/registers/duplicates"), HttpStatusCode.OK);
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Fact]
    public async Task A_provider_learns_only_that_its_applicant_waits_elsewhere()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);

        var rows = (await provider.JsonAsync(await provider.GetAsync("/api/my/registers/applicants"), HttpStatusCode.OK)).EnumerateArray().ToList();

        Assert.All(rows, r => Assert.Equal(Kokory, r.GetProperty("serviceId").GetString()));
        var waiting = Assert.Single(rows, r => r.GetProperty("status").GetString() == "waiting");
        Assert.Equal(2, waiting.GetProperty("alsoWaitingElsewhere").GetInt32());
        Assert.DoesNotContain(Pavlovice, rows.ToString());
    }

    [Fact]
    public async Task A_provider_cannot_import_into_another_providers_service()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);

        var problem = await Import(provider, "applicants", [ApplicantHeader, Applicant(Pavlovice, 30, Olomouc)], HttpStatusCode.BadRequest);

        Assert.Contains("nemůžete spravovat", problem.GetProperty("rows")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Regional_staff_see_who_waits_where()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var duplicates = (await admin.JsonAsync(await admin.GetAsync("/api/registers/duplicates"), HttpStatusCode.OK)).EnumerateArray().ToList();

        var person = Assert.Single(duplicates);
        var services = person.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("serviceId").GetString()!);
        Assert.Equal(new[] { Kokory, Namest, Pavlovice }.Order(), services.Order());
    }

    [Fact]
    public async Task Unmet_demand_counts_each_person_once_rounded_to_fives()
    {
        var anonymous = await app.ClientAsync(null);

        var orp = (await anonymous.JsonAsync(await anonymous.GetAsync("/api/map/demand/orp?kraj=CZ071&druh=13&on=2026-07-01"), HttpStatusCode.OK))
            .GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("properties"));

        // Olomouc: persons 2–7 = 6 (person 9 was admitted), published as 5. Přerov: persons 1 and 8 = 2 (person 1
        // once, not for each of the three homes; 4 would round to 5), published as 0.
        Assert.Equal(5, orp["7107"].GetProperty("unmet").GetInt32());
        Assert.Equal(0, orp["7109"].GetProperty("unmet").GetInt32());
        Assert.Equal(0, orp["7101"].GetProperty("unmet").GetInt32());
    }

    [Fact]
    public async Task Staff_read_exact_demand_per_druh_and_territory()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var rows = (await admin.JsonAsync(await admin.GetAsync("/api/registers/demand?on=2026-07-01&druh=13&level=orp"), HttpStatusCode.OK))
            .EnumerateArray().ToDictionary(r => r.GetProperty("unit").GetString()!, r => r.GetProperty("persons").GetInt32());
        var bad = await admin.GetAsync("/api/registers/demand?level=street");

        Assert.Equal(6, rows["7107"]);
        Assert.Equal(2, rows["7109"]); // staff see exact counts; only public outputs hide them
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Flows_are_rounded_to_fives()
    {
        var anonymous = await app.ClientAsync(null);

        var flows = (await anonymous.JsonAsync(await anonymous.GetAsync("/api/map/flows?on=2026-07-01"), HttpStatusCode.OK))
            .GetProperty("features").EnumerateArray().ToDictionary(
                f => f.GetProperty("properties").GetProperty("fromObec").GetString()!, f => f.GetProperty("properties").GetProperty("persons").GetInt32());

        // 5 users from Olomouc and 3 from Kokory in Pavlovice (the one who left Kokory is no longer a user).
        Assert.Equal(new Dictionary<string, int> { [Olomouc] = 5, [KokoryObec] = 5 }, flows);
    }

    [Fact]
    public async Task Permeability_counts_admissions_leavers_and_moves_between_services()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var p = await admin.JsonAsync(await admin.GetAsync("/api/registers/permeability?from=2026-04-01&to=2026-06-30"), HttpStatusCode.OK);

        Assert.Equal(1, p.GetProperty("admitted")[0].GetProperty("persons").GetInt32());
        Assert.Equal(1, p.GetProperty("left")[0].GetProperty("persons").GetInt32());
        var move = Assert.Single(p.GetProperty("transitions").EnumerateArray());
        Assert.Equal("13", move.GetProperty("from").GetString());
        Assert.Equal("13", move.GetProperty("to").GetString());
    }

    [Fact]
    public async Task A_quarterly_snapshot_measures_where_users_come_from()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        await admin.JsonAsync(await admin.PostAsync("/api/registers/snapshots", new { quarterEnd = "2026-06-30" }), HttpStatusCode.OK);
        var rows = await admin.JsonAsync(await admin.GetAsync($"/api/registers/snapshots?quarterEnd=2026-06-30&service={Pavlovice}"), HttpStatusCode.OK);
        var bad = await admin.PostAsync("/api/registers/snapshots", new { quarterEnd = "2026-06-15" });

        var byObec = rows.EnumerateArray().ToDictionary(r => r.GetProperty("obecCode").GetString()!, r => r.GetProperty("users").GetInt32());
        Assert.Equal(5, byObec[Olomouc]);
        Assert.Equal(3, byObec[KokoryObec]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Municipalities_and_the_public_cannot_read_registers()
    {
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        var anonymous = await app.ClientAsync(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await municipality.GetAsync("/api/my/registers/applicants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await municipality.GetAsync("/api/registers/duplicates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/registers/permeability?from=2026-01-01&to=2026-12-31")).StatusCode);
    }

    // Rows that touch no other test's counts: refused long ago, or a stay that ended in 2019.
    private static readonly string[] CzechApplicants =
    [
        ApplicantHeader,
        $"{Pavlovice};;Řehoř;Šťastný;1936-05-04;2020-01-01;{Olomouc};vek;;1;rejected;2020-02-01",
        $"{Pavlovice};;Růžena;Žáková-Ůlehlová;1938-07-08;2020-01-01;{Olomouc};vek;;1;rejected;2020-02-01",
    ];

    private static readonly string[] CzechUsers =
    [
        UserHeader,
        $"{Pavlovice};;Šárka;Čermáková;1937-01-02;2019-01-01;2019-12-31;úmrtí;{Olomouc};",
    ];

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static byte[] Windows1250(IEnumerable<string> lines) => CsvText.Windows1250.GetBytes(string.Join("\r\n", lines));

    private async Task<JsonElement> Post(ApiClient client, string url, HttpContent content, HttpStatusCode expected) =>
        await client.JsonAsync(await client.Http.PostAsync(url, content), expected);

    private static List<(int Line, string Message)> Rows(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("message").GetString()!)).ToList();

    [Fact]
    public async Task A_Windows_1250_file_from_Czech_Excel_gives_the_same_people_as_its_UTF_8_original()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);
        await Import(admin, "applicants", CzechApplicants);
        await Import(admin, "users", CzechUsers);

        // Detected without a declaration, and as declared: the same codes and values, so nothing changes.
        var detected = await Post(admin, "/api/my/registers/applicants", Bytes(Windows1250(CzechApplicants), "text/csv"), HttpStatusCode.OK);
        var declared = await Post(admin, "/api/my/registers/applicants?charset=windows-1250", Bytes(Windows1250(CzechApplicants), "text/csv"), HttpStatusCode.OK);
        var users = await Post(admin, "/api/my/registers/users", Bytes(Windows1250(CzechUsers), "text/csv; charset=windows-1250"), HttpStatusCode.OK);

        foreach (var result in new[] { detected, declared })
            Assert.Equal((0, 0, 2), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("unchanged").GetInt32()));
        Assert.Equal(1, users.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_file_that_is_not_in_its_declared_charset_is_refused_with_the_line()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var wrong = await Post(admin, "/api/my/registers/applicants", Bytes(Windows1250(CzechApplicants), "text/csv; charset=utf-8"), HttpStatusCode.BadRequest);
        var unknown = await Post(admin, "/api/my/registers/users?charset=koi8-r", Bytes(Windows1250(CzechUsers), "text/csv"), HttpStatusCode.BadRequest);

        var (line, message) = Assert.Single(Rows(wrong));
        Assert.Equal(2, line);
        Assert.Contains("UTF-8", message);
        Assert.Contains("koi8-r", unknown.GetProperty("errors").GetProperty("charset")[0].GetString());
    }

    [Fact]
    public async Task Applicant_errors_name_the_line_where_the_faulty_record_starts()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var problem = await Import(admin, "applicants",
        [
            ApplicantHeader,
            Applicant(Kokory, 23, KokoryObec),                                                          // 2: fine
            $"{Kokory};;Jan\"a;Nový;1940-01-01;2026-02-01;{KokoryObec};vek;;1;waiting;",                // 3: stray quote
            Applicant(Kokory, 24, KokoryObec),                                                          // 4: fine
            Applicant(Kokory, 23, KokoryObec),                                                          // 5: line 2 again
            $"{Kokory};;Krátký;Řádek;1940-01-01",                                                       // 6: 5 of 12 fields
            $"{Kokory};101101231;;;10.1.2001;2026-02-01;{KokoryObec};vek;;1;waiting;",                   // 7: Excel dropped the zero
        ], HttpStatusCode.BadRequest);

        var rows = Rows(problem);
        Assert.Equal([3, 5, 6, 7], rows.Select(r => r.Line));
        Assert.Contains("uvozovku", rows[0].Message);
        Assert.Contains("už na řádku 2", rows[1].Message);
        Assert.Contains("5 polí, záhlaví 12 polí", rows[2].Message);
        Assert.Contains("010110/1231", rows[3].Message);
    }

    [Fact]
    public async Task User_errors_name_the_line_where_the_faulty_record_starts()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var problem = await Import(admin, "users",
        [
            UserHeader,
            User(Kokory, 23, KokoryObec),                                           // 2: fine
            $"{Kokory};;\"Jan;Nový;1938-02-01;2025-01-01;;;{KokoryObec};",            // 3: a quote that never closes
            User(Kokory, 24, KokoryObec),                                           // 4: fine
            User(Kokory, 23, KokoryObec),                                           // 5: line 2 again
            $"{Kokory};;A;B;1938-02-01;2025-01-01;;;{KokoryObec};;navíc",             // 6: 11 of 10 fields
        ], HttpStatusCode.BadRequest);

        var rows = Rows(problem);
        Assert.Equal([3, 5, 6], rows.Select(r => r.Line));
        Assert.Contains("uvozovka", rows[0].Message);
        Assert.Contains("už na řádku 2", rows[1].Message);
        Assert.Contains("11 polí, záhlaví 10 polí", rows[2].Message);
    }
}
