using System.Net;
using System.Text.Json;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>
/// Výkaz skutečnost end to end on the real PostGIS: signing term 3 of the settlement creates the report and transfers
/// into it, checks block handing in, a qualified signature (.p7s) is verified, staff see and approve it, a correction
/// is a new signed version, re-signing the settlement re-transfers, and the per-IČO set is kept at one service.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class AnnualReportEndpointTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string Ico = DemoServices.Ico;
    private const int Year = 2026;
    private const string Family = "vykaz-skutecnost";

    private Task<string[]> ServicesAsync() => DemoServices.InZlinskyKrajAsync(app);

    private static Dictionary<string, object?> Values(JsonElement form) => FormEndpointTests.Values(form);

    private static Dictionary<string, object?> Completed(JsonElement form) => FormEndpointTests.Completed(form);

    private static Task<HttpResponseMessage> SaveAsync(ApiClient client, JsonElement form, Dictionary<string, object?> values) =>
        FormEndpointTests.SaveAsync(client, form, values);

    /// <summary>Term 3 open, the service in the network, its settlement of term 3 filled (1.1 = <paramref name="fte"/>) and signed.</summary>
    private async Task<(ApiClient Staff, ApiClient Statutory, JsonElement Settlement)> SignSettlementAsync(string service, decimal fte)
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/{Year}/3",
            new TermInput("Vyúčtování / Skutečnost", new DateOnly(Year, 12, 31), null, new DateOnly(Year + 5, 2, 5))), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{service}", new NetworkInput(4.5m, null)), HttpStatusCode.OK);
        var statutory = await app.ClientAsync(FormEndpointTests.Statutory);
        var settlement = await statutory.JsonAsync(await statutory.PostAsync("/api/my/forms", new NewForm(service, Year, 3, null)), HttpStatusCode.Created);
        var values = Completed(settlement);
        values["jednotky/1.1/skutecnost"] = fte;
        settlement = await statutory.JsonAsync(await SaveAsync(statutory, settlement, values), HttpStatusCode.OK);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{settlement.GetProperty("id")}/submit", new { }), HttpStatusCode.OK);
        return (staff, statutory, settlement);
    }

    private async Task<JsonElement> ReportAsync(ApiClient client, string service)
    {
        var list = await client.JsonAsync(await client.GetAsync($"/api/my/forms?year={Year}&family={Family}"), HttpStatusCode.OK);
        var row = list.EnumerateArray().Single(r => r.GetProperty("serviceId").GetString() == service && r.GetProperty("term").GetInt32() == 3);
        return await client.JsonAsync(await client.GetAsync($"/api/my/forms/{row.GetProperty("formId").GetString()}"), HttpStatusCode.OK);
    }

    private static async Task<string> SignAsync(ApiClient client, JsonElement report, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var canonical = await client.Http.GetByteArrayAsync($"/api/my/forms/{report.GetProperty("id")}/canonical");
        return Convert.ToBase64String(FormSigningTests.SignDetached(canonical, certificate));
    }

    [Fact]
    public async Task Signing_term_3_creates_the_report_which_is_checked_signed_with_a_p7s_approved_and_corrected_as_a_new_version()
    {
        var service = (await ServicesAsync())[0];
        var (staff, statutory, settlement) = await SignSettlementAsync(service, 2.5m);

        var list = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms?year={Year}&family={Family}"), HttpStatusCode.OK);
        Assert.Equal([3, 4], list.EnumerateArray().Where(r => r.GetProperty("serviceId").GetString() == service).Select(r => r.GetProperty("term").GetInt32()));
        var report = await ReportAsync(statutory, service);
        var id = report.GetProperty("id").GetString();
        Assert.Equal(2.5m, report.GetProperty("values").GetProperty("pracovnici/1.1/skutecnost").GetDecimal());
        Assert.StartsWith("Rozpočet a vyúčtování, 3. termín 2026", report.GetProperty("transferred").GetProperty("pracovnici/1.1/skutecnost").GetString());
        Assert.Equal("qualified", report.GetProperty("signature").GetString());

        var values = Completed(report);
        values["pracovnici/1.1/skutecnost"] = 3m;
        var refused = await statutory.JsonAsync(await SaveAsync(statutory, report, values), HttpStatusCode.BadRequest);
        Assert.Contains("převzata z formuláře", refused.GetProperty("errors").GetProperty("pracovnici/1.1/skutecnost")[0].GetString());

        values["pracovnici/1.1/skutecnost"] = 2.5m;
        values["unicitni/prima/osoby"] = 1000;   // more persons than 2.5 FTE make possible
        report = await statutory.JsonAsync(await SaveAsync(statutory, report, values), HttpStatusCode.OK);
        var protocol = report.GetProperty("check").GetProperty("protocol").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("outcome").GetString());
        Assert.Equal("chyba", protocol["K06"]);
        Assert.Equal("ok", protocol["K01"]);
        Assert.Equal("ok", protocol["K02"]);
        var blocked = await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.BadRequest);
        Assert.Contains(blocked.GetProperty("errors").EnumerateObject(), e => e.Value[0].GetString()!.StartsWith("K06:"));

        values["unicitni/prima/osoby"] = 0;   // the per-IČO set is the other test's business
        report = await statutory.JsonAsync(await SaveAsync(statutory, report, values), HttpStatusCode.OK);
        Assert.True(report.GetProperty("check").GetProperty("canHandIn").GetBoolean());
        var unsigned = await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("kvalifikovaný elektronický podpis", unsigned.GetProperty("detail").GetString());

        var now = DateTimeOffset.UtcNow;
        using var certificate = FormSigningTests.Certificate(now.AddDays(-1), now.AddYears(1), "CN=Statutár Testovací");
        var wrong = Convert.ToBase64String(FormSigningTests.SignDetached("jiný soubor"u8.ToArray(), certificate));
        var mismatch = await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new SubmitInput(null, wrong)), HttpStatusCode.BadRequest);
        Assert.Contains("nepatří k tomuto výkazu", mismatch.GetProperty("detail").GetString());
        var signed = await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit",
            new SubmitInput(null, await SignAsync(statutory, report, certificate))), HttpStatusCode.OK);
        Assert.Equal("ke_schvaleni", signed.GetProperty("state").GetString());
        var first = signed.GetProperty("signatures").EnumerateArray().Single();
        Assert.Equal("CN=Statutár Testovací", first.GetProperty("certificateSubject").GetString());
        Assert.True(first.GetProperty("qualified").GetBoolean());

        var overview = await staff.JsonAsync(await staff.GetAsync($"/api/forms?year={Year}&term=3&family={Family}"), HttpStatusCode.OK);
        var item = overview.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("formId").GetString() == id);
        Assert.Equal("ke_schvaleni", item.GetProperty("state").GetString());
        Assert.Equal(0, item.GetProperty("checks").GetProperty("errors").GetInt32());
        Assert.False(item.GetProperty("late").GetBoolean());
        await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/return", new ReasonInput("Doplňte vedoucí pracovníky.")), HttpStatusCode.OK);

        // A correction is a new version: the first signed file stays downloadable as it was.
        report = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms/{id}"), HttpStatusCode.OK);
        values = Values(report);
        values["pracovnici/2.1/skutecnost"] = 0.75m;
        report = await statutory.JsonAsync(await SaveAsync(statutory, report, values), HttpStatusCode.OK);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit",
            new SubmitInput(null, await SignAsync(statutory, report, certificate))), HttpStatusCode.OK);
        var approved = await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/approve", new { }), HttpStatusCode.OK);
        Assert.Equal("schvaleno", approved.GetProperty("state").GetString());
        var signatures = approved.GetProperty("signatures").EnumerateArray().ToList();
        Assert.Equal([1, 2], signatures.Select(s => s.GetProperty("number").GetInt32()));
        Assert.NotEqual(signatures[0].GetProperty("sha256").GetString(), signatures[1].GetProperty("sha256").GetString());
        var old = await staff.Http.GetStringAsync($"/api/forms/{id}/signatures/1");
        Assert.Contains("cislo pracovnici/2.1/skutecnost 0\n", old);
        Assert.Equal(signatures[0].GetProperty("sha256").GetString(), FormCanonical.Sha256(System.Text.Encoding.UTF8.GetBytes(old)));

        var locked = await statutory.JsonAsync(await SaveAsync(statutory, approved, values), HttpStatusCode.BadRequest);
        Assert.Contains("nelze upravovat", locked.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_settlement_signed_again_re_transfers_keeping_what_was_typed_and_the_ico_set_stays_at_one_service()
    {
        var services = await ServicesAsync();
        var (staff, statutory, settlement) = await SignSettlementAsync(services[1], 2m);
        var report = await ReportAsync(statutory, services[1]);
        var values = Completed(report);
        values["pracovnici/2.1/skutecnost"] = 0.5m;
        values["unicitni/prima/osoby"] = 7;
        report = await statutory.JsonAsync(await SaveAsync(statutory, report, values), HttpStatusCode.OK);

        var settlementId = settlement.GetProperty("id").GetString();
        await staff.JsonAsync(await staff.PostAsync($"/api/forms/{settlementId}/return", new ReasonInput("Úvazky nesedí.")), HttpStatusCode.OK);
        settlement = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms/{settlementId}"), HttpStatusCode.OK);
        var corrected = Values(settlement);
        corrected["jednotky/1.1/skutecnost"] = 2.25m;
        await statutory.JsonAsync(await SaveAsync(statutory, settlement, corrected), HttpStatusCode.OK);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{settlementId}/submit", new { }), HttpStatusCode.OK);

        report = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms/{report.GetProperty("id")}"), HttpStatusCode.OK);
        Assert.Equal(2.25m, report.GetProperty("values").GetProperty("pracovnici/1.1/skutecnost").GetDecimal());
        Assert.Equal(0.5m, report.GetProperty("values").GetProperty("pracovnici/2.1/skutecnost").GetDecimal());
        Assert.Contains(report.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "preklopeni");

        // The provider's next service: its report starts with the per-IČO set at 0 and says where it is filled.
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{services[2]}", new NetworkInput(1m, null)), HttpStatusCode.OK);
        var other = await statutory.JsonAsync(await statutory.PostAsync("/api/my/forms", new NewForm(services[2], Year, 3, Family)), HttpStatusCode.Created);
        Assert.Equal(0, other.GetProperty("values").GetProperty("unicitni/prima/osoby").GetDecimal());
        var ico = other.GetProperty("check").GetProperty("protocol").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "ICO");
        Assert.Contains("je za IČO vyplněna u služby", ico.GetProperty("message").GetString());
        var twice = Values(other);
        twice["unicitni/prima/osoby"] = 4;
        other = await statutory.JsonAsync(await SaveAsync(statutory, other, twice), HttpStatusCode.OK);
        Assert.Contains("jen u jedné služby", other.GetProperty("check").GetProperty("messages").GetProperty("unicitni/prima/osoby")[0].GetString());
        var term2 = await statutory.JsonAsync(await statutory.PostAsync("/api/my/forms", new NewForm(services[2], Year, 2, Family)), HttpStatusCode.BadRequest);
        Assert.Contains("jen v termínech 3, 4", term2.GetProperty("detail").GetString());
    }

    /// <summary>Olomoucký kraj's half-year units report is only a file: uploaded, it is a form of the same engine.</summary>
    [Fact]
    public async Task The_half_year_units_report_of_Olomoucky_kraj_is_a_template_file_served_without_code()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot(), "gis-data", "forms", "pololetni-jednotky-cz071.json"));
        var regional = await app.ClientAsync(ApiClient.Regional);
        var foreign = await regional.Http.PostAsync("/api/forms/templates", new StringContent(file, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);   // Zlínský kraj's staff cannot upload Olomoucký kraj's template
        var admin = await app.ClientAsync(ApiClient.Admin);
        await admin.JsonAsync(await admin.Http.PostAsync("/api/forms/templates", new StringContent(file, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.Created);
        const string service = "mpsv-4365";   // a service with a place in Olomoucký kraj
        await admin.JsonAsync(await admin.PutAsync($"/api/forms/terms/{Year}/2?kraj=CZ071",
            new TermInput("Pololetí", new DateOnly(Year, 6, 30), null, new DateOnly(Year + 5, 7, 31))), HttpStatusCode.OK);
        await admin.JsonAsync(await admin.PutAsync($"/api/forms/network/{Year}/{service}?kraj=CZ071", new NetworkInput(2m, null)), HttpStatusCode.OK);

        await admin.JsonAsync(await admin.PostAsync("/api/my/forms", new NewForm(service, Year, 1, "pololetni-jednotky")), HttpStatusCode.BadRequest);
        var form = await admin.JsonAsync(await admin.PostAsync("/api/my/forms", new NewForm(service, Year, 2, "pololetni-jednotky")), HttpStatusCode.Created);
        Assert.Equal(2m, form.GetProperty("check").GetProperty("computed").GetProperty("jednotky/uvazky/sit").GetDecimal());
        var values = Completed(form);
        var typed = values.Keys.First(k => k.EndsWith("/stav") && k != "jednotky/luzka/stav");
        values[typed] = 3m;
        form = await admin.JsonAsync(await SaveAsync(admin, form, values), HttpStatusCode.OK);

        var p01 = form.GetProperty("check").GetProperty("protocol").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "P01");
        Assert.Equal("varovani", p01.GetProperty("outcome").GetString());
        Assert.True(form.GetProperty("check").GetProperty("canHandIn").GetBoolean());   // a warning informs only
        await admin.JsonAsync(await admin.PostAsync($"/api/my/forms/{form.GetProperty("id")}/submit", new { }), HttpStatusCode.OK);
    }
}
