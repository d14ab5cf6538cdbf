using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>The budget form end to end on the real PostGIS: network, terms, filling, hand-in, return, approval, templates.</summary>
[Collection(DatabaseCollection.Name)]
public class FormEndpointTests(KissosApp app) : IClassFixture<KissosApp>
{
    public const string Statutory = "statutar@demo.kissos.cz";
    private const string Ico = DemoServices.Ico;
    private const int Year = 2026;

    private async Task<string> ServiceAsync(int skip = 0) => (await DemoServices.InZlinskyKrajAsync(app))[skip];

    /// <summary>The service in the network, term 1 open until the end of the year, and the form created by the provider.</summary>
    private async Task<(ApiClient Staff, ApiClient Provider, JsonElement Form)> CreateFormAsync(int skip = 0, int term = 1)
    {
        var service = await ServiceAsync(skip);
        var staff = await app.ClientAsync(ApiClient.Regional);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/{Year}/{term}",
            new TermInput("Plánovaný", new DateOnly(Year, 5, 31), null, new DateOnly(Year + 1, 12, 31))), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{service}", new NetworkInput(4.5m, null)), HttpStatusCode.OK);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var form = await provider.JsonAsync(await provider.PostAsync("/api/my/forms", new NewForm(service, Year, term, null)), HttpStatusCode.Created);
        return (staff, provider, form);
    }

    internal static Dictionary<string, object?> Values(JsonElement form) =>
        form.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);

    /// <summary>Every cell the check says is not filled, set to 0: a complete form that balances.</summary>
    internal static Dictionary<string, object?> Completed(JsonElement form)
    {
        var values = Values(form);
        foreach (var cell in form.GetProperty("check").GetProperty("messages").EnumerateObject())
            if (cell.Value.EnumerateArray().Any(m => m.GetString()!.StartsWith("Nevyplněno"))) values[cell.Name] = 0;
        return values;
    }

    internal static Task<HttpResponseMessage> SaveAsync(ApiClient client, JsonElement form, Dictionary<string, object?> values, object? obce = null) =>
        client.PutAsync($"/api/my/forms/{form.GetProperty("id")}", new { version = form.GetProperty("version").GetUInt32(), values, obce = obce ?? Array.Empty<object>() });

    [Fact]
    public async Task A_form_goes_from_draft_to_hand_in_return_correction_and_approval()
    {
        var (staff, provider, form) = await CreateFormAsync();
        var id = form.GetProperty("id").GetString();
        Assert.Equal("rozpracovano", form.GetProperty("state").GetString());
        Assert.Equal(4.5m, form.GetProperty("check").GetProperty("computed").GetProperty("jednotky/1/sit").GetDecimal());
        Assert.False(form.GetProperty("check").GetProperty("canHandIn").GetBoolean());

        form = await provider.JsonAsync(await SaveAsync(provider, form, Completed(form)), HttpStatusCode.OK);
        Assert.True(form.GetProperty("check").GetProperty("canHandIn").GetBoolean());

        var notStatutory = await provider.JsonAsync(await provider.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("statutární zástupce", notStatutory.GetProperty("detail").GetString());

        var statutory = await app.ClientAsync(Statutory);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.OK);
        var second = await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("ke schválení krajem", second.GetProperty("detail").GetString());
        var locked = await provider.JsonAsync(await provider.GetAsync($"/api/my/forms/{id}"), HttpStatusCode.OK);
        Assert.False(locked.GetProperty("editable").GetBoolean());

        await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/return", new ReasonInput(" ")), HttpStatusCode.BadRequest);
        var returned = await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/return", new ReasonInput("Doplňte úvazky sociálních pracovníků.")), HttpStatusCode.OK);
        Assert.Equal("vraceno", returned.GetProperty("state").GetString());

        form = await provider.JsonAsync(await provider.GetAsync($"/api/my/forms/{id}"), HttpStatusCode.OK);
        var values = Values(form);
        values["jednotky/1.1/skutecnost"] = 1.5m;
        form = await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.OK);
        Assert.Equal("rozpracovano", form.GetProperty("state").GetString());
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.OK);
        var approved = await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/approve", new { }), HttpStatusCode.OK);

        Assert.Equal("schvaleno", approved.GetProperty("state").GetString());
        var history = approved.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("action").GetString(), h.GetProperty("toState").GetString())).ToList();
        Assert.Equal([("predani", "ke_schvaleni"), ("return", "vraceno"), ("prepracovani", "rozpracovano"), ("predani", "ke_schvaleni"), ("approve", "schvaleno")], history);
        Assert.Equal("Doplňte úvazky sociálních pracovníků.", approved.GetProperty("history")[1].GetProperty("reason").GetString());
        var overview = await staff.JsonAsync(await staff.GetAsync($"/api/forms?year={Year}&term=1&state=schvaleno"), HttpStatusCode.OK);
        Assert.Equal(id, overview.GetProperty("items").EnumerateArray().Single().GetProperty("formId").GetString());
        Assert.Equal(1.5m, overview.GetProperty("items")[0].GetProperty("totals").GetProperty("uvazky").GetDecimal());
    }

    [Fact]
    public async Task The_overview_is_kept_until_anything_it_shows_changes_by_any_path()
    {
        var (staff, _, form) = await CreateFormAsync(skip: 2, term: 4);
        var url = $"/api/forms?year={Year}&term=4&q={Ico}";
        async Task<(string ETag, JsonElement Item)> OverviewAsync()
        {
            using var response = await staff.GetAsync(url);
            var body = await staff.JsonAsync(response, HttpStatusCode.OK);
            return (response.Headers.ETag!.Tag, body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("formId").GetString() == form.GetProperty("id").GetString()));
        }

        var first = await OverviewAsync();
        var again = await OverviewAsync();
        await using (var db = app.Database.Open()) // a write that bypasses the app still moves the overview to new data
            await db.Database.ExecuteSqlAsync($"UPDATE forms.form SET state = 'schvaleno' WHERE id = {Guid.Parse(form.GetProperty("id").GetString()!)}");
        var afterSql = await OverviewAsync();
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{form.GetProperty("service").GetProperty("id").GetString()}", new NetworkInput(6.25m, null)), HttpStatusCode.OK);
        var afterNetwork = await OverviewAsync();

        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal("rozpracovano", first.Item.GetProperty("state").GetString());
        Assert.Equal("schvaleno", afterSql.Item.GetProperty("state").GetString());
        Assert.NotEqual(first.ETag, afterSql.ETag);
        Assert.Equal(6.25m, afterNetwork.Item.GetProperty("units").GetDecimal());
    }

    [Fact]
    public async Task Bad_cells_are_reported_by_address_and_nothing_is_saved()
    {
        var (_, provider, form) = await CreateFormAsync(skip: 1);
        var values = Values(form);
        values["naklady/1.1/z2"] = "tisíc";
        values["naklady/1.2/z2"] = -20;
        values["jednotky/1.1/skutecnost"] = 1.234m;
        values["naklady/1/z2"] = 5;
        values["naklady/2.2/z2"] = 100;

        var problem = await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.BadRequest);

        var cells = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(["jednotky/1.1/skutecnost", "naklady/1.1/z2", "naklady/1.2/z2", "naklady/1/z2"], cells);
        var again = await provider.JsonAsync(await provider.GetAsync($"/api/my/forms/{form.GetProperty("id")}"), HttpStatusCode.OK);
        Assert.Empty(again.GetProperty("values").EnumerateObject());
    }

    [Fact]
    public async Task Obce_are_real_and_belong_to_their_ORP_whose_row_is_their_sum()
    {
        var (_, provider, form) = await CreateFormAsync(skip: 2);
        await using var db = app.Database.Open();
        var two = await db.Obce.Where(o => o.OrpCsuCode == "7210").OrderBy(o => o.Code).Take(2).Select(o => o.Code).ToListAsync();
        var elsewhere = await db.Obce.Where(o => o.OrpCsuCode == "7213").Select(o => o.Code).FirstAsync();
        var values = Values(form);
        values[$"naklady/obec:{two[0]}/z7"] = 1000;
        values[$"naklady/obec:{two[1]}/z7"] = 250.5m;

        var wrong = await provider.JsonAsync(await SaveAsync(provider, form, values,
            new[] { new FormObec("7210", two[0]), new FormObec("7210", two[1]), new FormObec("7210", elsewhere), new FormObec("7210", "999999") }), HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "naklady/obec:999999", $"naklady/obec:{elsewhere}" }.Order(), wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var obce = new[] { new FormObec("7210", two[0]), new FormObec("7210", two[1]) };
        var saved = await provider.JsonAsync(await SaveAsync(provider, form, values, obce), HttpStatusCode.OK);
        Assert.Equal(1250.5m, saved.GetProperty("check").GetProperty("computed").GetProperty("naklady/orp:7210/z7").GetDecimal());
        Assert.Equal(await db.Orp.Where(o => o.CsuCode == "7210").Select(o => o.Name).SingleAsync(), saved.GetProperty("obce")[0].GetProperty("orpName").GetString());

        var stale = await SaveAsync(provider, form, values, obce); // the version read before the save above
        await provider.JsonAsync(stale, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_new_template_version_leaves_filed_forms_alone_and_the_next_term_starts_from_the_previous()
    {
        var (staff, provider, form) = await CreateFormAsync(skip: 3);
        var values = Values(form);
        values["jednotky/1.1/skutecnost"] = 2.25m;
        await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.OK);
        var templateId = form.GetProperty("templateId").GetInt32();
        var file = await (await staff.GetAsync($"/api/forms/templates/{templateId}")).Content.ReadAsStringAsync();

        var renamed = file.Replace("\"label\": \"dary\"", "\"label\": \"dary a sbírky\"");
        var bad = await staff.Http.PostAsync("/api/forms/templates", new StringContent(renamed.Replace("\"-N\"", "\"-X\""), Encoding.UTF8, "application/json"));
        Assert.Contains("'X'", (await staff.JsonAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("template")[0].GetString());
        var created = await staff.JsonAsync(await staff.Http.PostAsync("/api/forms/templates", new StringContent(renamed, Encoding.UTF8, "application/json")), HttpStatusCode.Created);
        Assert.True(created.GetProperty("version").GetInt32() >= 2);

        var old = await provider.JsonAsync(await provider.GetAsync($"/api/my/forms/{form.GetProperty("id")}"), HttpStatusCode.OK);
        Assert.Equal(templateId, old.GetProperty("templateId").GetInt32());
        Assert.Contains(old.GetProperty("template").GetProperty("sets")[5].GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString() == "dary");

        var (_, _, next) = await CreateFormAsync(skip: 3, term: 2);
        Assert.Equal(created.GetProperty("id").GetInt32(), next.GetProperty("templateId").GetInt32());
        Assert.Equal(2.25m, next.GetProperty("values").GetProperty("jednotky/1.1/skutecnost").GetDecimal());

        var copy = await staff.JsonAsync(await staff.PostAsync("/api/forms/templates/copy", new TemplateCopy(null, Year, Year + 1)), HttpStatusCode.Created);
        Assert.Equal(Year + 1, copy.GetProperty("year").GetInt32());
        var terms = await staff.JsonAsync(await staff.GetAsync($"/api/forms/terms?year={Year + 1}"), HttpStatusCode.OK);
        Assert.Equal(4, terms.GetArrayLength());
    }

    [Fact]
    public async Task After_the_deadline_only_a_reopened_form_changes_and_negatives_need_an_exception()
    {
        var (staff, provider, form) = await CreateFormAsync(skip: 0, term: 3);
        var id = form.GetProperty("id").GetString();
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/{Year}/3", new TermInput("Vyúčtování", new DateOnly(Year, 5, 31), null, new DateOnly(Year, 6, 30))), HttpStatusCode.OK);
        var values = Values(form);
        values["naklady/1.1/z1"] = -300;

        var late = await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.BadRequest);
        Assert.Contains("Termín odevzdání uplynul", late.GetProperty("detail").GetString());

        form = await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/reopen", new ReasonInput("Prodloužení po dohodě.")), HttpStatusCode.OK);
        var negative = await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.BadRequest);
        Assert.Contains("výjimkou", negative.GetProperty("errors").GetProperty("naklady/1.1/z1")[0].GetString());

        form = await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/exception", new ReasonInput("Vratka dotace z minulého roku.")), HttpStatusCode.OK);
        await provider.JsonAsync(await SaveAsync(provider, form, values), HttpStatusCode.OK);

        await using var db = app.Database.Open();
        var audited = await db.AuditEntries.Where(a => a.Entity == nameof(Form) && a.EntityId == id).CountAsync();
        Assert.True(audited >= 4, $"audit entries of the form: {audited}");
        var other = await app.ClientAsync(null);
        await other.JsonAsync(await other.GetAsync($"/api/my/forms/{id}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_network_imports_all_rows_or_none_and_reports_each_bad_line()
    {
        var staff = await app.ClientAsync(ApiClient.Regional);
        var service = await ServiceAsync();
        var csv = $"sluzba;uvazky;luzka\n{service};3,25;\nmpsv-4365;2;10\nneni-takova;1;\n{service};x;\n";

        var refused = await staff.JsonAsync(await staff.Http.PostAsync($"/api/forms/network/{Year + 3}/import", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        Assert.Equal(["řádek 3", "řádek 4", "řádek 5"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(0, (await staff.JsonAsync(await staff.GetAsync($"/api/forms/network?year={Year + 3}"), HttpStatusCode.OK)).GetArrayLength());

        await staff.JsonAsync(await staff.Http.PostAsync($"/api/forms/network/{Year + 3}/import", new StringContent($"sluzba;uvazky;luzka\n{service};3,25;\n", Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        var network = await staff.JsonAsync(await staff.GetAsync($"/api/forms/network?year={Year + 3}"), HttpStatusCode.OK);
        Assert.Equal(3.25m, network[0].GetProperty("units").GetDecimal());
    }

    [Fact]
    public async Task Staff_of_another_kraj_do_not_see_the_form()
    {
        var (_, _, form) = await CreateFormAsync(skip: 1, term: 3);
        var admin = await app.ClientAsync(ApiClient.Admin);
        await admin.JsonAsync(await admin.PostAsync("/api/admin/users",
            new { email = "olomouc@test.kissos.cz", password = Kissos.Accounts.DemoAccounts.Password, role = "regional", kraj = "CZ071" }), HttpStatusCode.Created);
        var other = await app.ClientAsync("olomouc@test.kissos.cz");

        await other.JsonAsync(await other.GetAsync($"/api/forms/{form.GetProperty("id")}"), HttpStatusCode.NotFound);
        await other.JsonAsync(await other.PostAsync($"/api/forms/{form.GetProperty("id")}/approve", new { }), HttpStatusCode.NotFound);
        var overview = await other.JsonAsync(await other.GetAsync($"/api/forms?year={Year}&term=1"), HttpStatusCode.OK);
        Assert.Equal(0, overview.GetProperty("count").GetInt32());
        await other.JsonAsync(await other.GetAsync($"/api/forms?year={Year}&term=1&kraj=CZ072"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_export_every_cell_of_a_term_as_xlsx_or_csv_and_a_set_as_csv()
    {
        var (staff, provider, form) = await CreateFormAsync(term: 2);
        await using var db = app.Database.Open();
        var obec = await db.Obce.Where(o => o.OrpCsuCode == "7210").OrderBy(o => o.Code).Select(o => new { o.Code, o.Name }).FirstAsync();
        var values = Values(form);
        values["jednotky/1.1/skutecnost"] = 1.5m;
        values["jednotky/1.3/skutecnost"] = 0.25m;
        foreach (var other in new[] { "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.5", "1.6" }) values[$"jednotky/{other}/skutecnost"] = 0;
        values["jednotky/1.4/skutecnost"] = FormCheck.Unfilled;
        values[$"naklady/obec:{obec.Code}/z7"] = 1000;
        await provider.JsonAsync(await SaveAsync(provider, form, values, new[] { new FormObec("7210", obec.Code) }), HttpStatusCode.OK);
        var service = form.GetProperty("service").GetProperty("id").GetString()!;

        var csv = await staff.GetAsync($"/api/forms/export?year={Year}&term=2&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(';')).ToList();
        Assert.Equal(FormExport.TermColumns, lines[0]);
        string? Cell(string set, string row, string column) =>
            lines.Single(l => l[0] == service && l[7] == row && l[9] == column && l[6] == set)[11];
        Assert.Equal("1,5", Cell("Počet jednotek služby", "1.1", "skutecnost"));
        Assert.Equal("1,75", Cell("Počet jednotek služby", "1", "skutecnost")); // a sum row, computed
        Assert.Equal("", Cell("Počet jednotek služby", "1.4", "skutecnost"));    // unfilled (−1) is empty
        Assert.Equal(obec.Name, lines.Single(l => l[0] == service && l[7] == $"obec:{obec.Code}" && l[9] == "z7")[8]);

        var xlsx = await staff.GetAsync($"/api/forms/export?year={Year}&term=2");
        Assert.Equal(FormXlsx.ContentType, xlsx.Content.Headers.ContentType!.MediaType);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
            Assert.Equal(lines.Count, rows.Count);
            var oneFive = rows.Single(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).Take(10)
                .SequenceEqual(lines.Single(l => l[0] == service && l[7] == "1.1" && l[9] == "skutecnost").Take(10)));
            Assert.Equal("1.5", oneFive.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Last().CellValue!.Text);
        }

        var set = await provider.GetAsync($"/api/my/forms/{form.GetProperty("id")}/csv?set=jednotky");
        var setLines = (await set.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Kód;Položka;Výchozí hodnota (síť);Skutečnost", setLines[0]);
        Assert.StartsWith("1.1;", setLines.Single(l => l.StartsWith("1.1;")));
        Assert.EndsWith(";1,5", setLines.Single(l => l.StartsWith("1.1;")));
        var noSet = await provider.JsonAsync(await provider.GetAsync($"/api/my/forms/{form.GetProperty("id")}/csv?set=nic"), HttpStatusCode.BadRequest);
        Assert.Contains("jednotky", noSet.GetProperty("errors").GetProperty("set")[0].GetString());
        await staff.JsonAsync(await staff.GetAsync($"/api/forms/export?year={Year}&term=5&format=pdf"), HttpStatusCode.BadRequest);
        await staff.JsonAsync(await staff.GetAsync($"/api/forms/export?year={Year}&term=2&kraj=CZ071"), HttpStatusCode.BadRequest);
    }
}
