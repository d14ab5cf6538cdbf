using System.Net;
using System.Text.Json;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>
/// The staff overview reads each form's count of failing cross-set checks from the form row (FormCheckCounts): the
/// counts equal running the checks, follow an edit of the form, a change of another report of the same IČO, and are
/// computed for a form that has none yet.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class FormCheckCountTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string Ico = DemoServices.Ico;
    private const int Year = 2026;
    private const string Family = "vykaz-skutecnost";

    private Task<string[]> ServicesAsync() => DemoServices.InZlinskyKrajAsync(app);

    /// <summary>The report of term 3 of the service, created by signing its settlement (1.1 = 2 FTE) and saved complete with these persons.</summary>
    private async Task<JsonElement> ReportAsync(ApiClient staff, ApiClient statutory, string service, int persons)
    {
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{service}", new NetworkInput(2m, null)), HttpStatusCode.OK);
        var settlement = await statutory.JsonAsync(await statutory.PostAsync("/api/my/forms", new NewForm(service, Year, 3, null)), HttpStatusCode.Created);
        var values = FormEndpointTests.Completed(settlement);
        values["jednotky/1.1/skutecnost"] = 2m;
        settlement = await statutory.JsonAsync(await FormEndpointTests.SaveAsync(statutory, settlement, values), HttpStatusCode.OK);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{settlement.GetProperty("id")}/submit", new { }), HttpStatusCode.OK);
        var list = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms?year={Year}&family={Family}"), HttpStatusCode.OK);
        var id = list.EnumerateArray().Single(r => r.GetProperty("serviceId").GetString() == service && r.GetProperty("term").GetInt32() == 3)
            .GetProperty("formId").GetString();
        var report = await statutory.JsonAsync(await statutory.GetAsync($"/api/my/forms/{id}"), HttpStatusCode.OK);
        return await SetPersonsAsync(statutory, report, persons);
    }

    private static async Task<JsonElement> SetPersonsAsync(ApiClient statutory, JsonElement report, int persons)
    {
        var values = FormEndpointTests.Completed(report);
        values["unicitni/prima/osoby"] = persons;
        return await statutory.JsonAsync(await FormEndpointTests.SaveAsync(statutory, report, values), HttpStatusCode.OK);
    }

    /// <summary>Every form of the overview: its counts as the overview gives them, and as running its checks now gives them.</summary>
    private static async Task<List<(string Id, (int, int) Overview, (int, int) Checked)>> CompareAsync(ApiClient staff)
    {
        var overview = await staff.JsonAsync(await staff.GetAsync($"/api/forms?year={Year}&term=3&family={Family}"), HttpStatusCode.OK);
        var compared = new List<(string, (int, int), (int, int))>();
        foreach (var item in overview.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("formId").ValueKind == JsonValueKind.String))
        {
            var id = item.GetProperty("formId").GetString()!;
            var checks = item.GetProperty("checks");
            var form = await staff.JsonAsync(await staff.GetAsync($"/api/forms/{id}"), HttpStatusCode.OK);
            var outcomes = form.GetProperty("check").GetProperty("protocol").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()).ToList();
            compared.Add((id, (checks.GetProperty("errors").GetInt32(), checks.GetProperty("warnings").GetInt32()),
                (outcomes.Count(o => o == "chyba"), outcomes.Count(o => o == "varovani"))));
        }
        return compared;
    }

    [Fact]
    public async Task The_overview_counts_equal_the_checks_after_an_edit_a_change_elsewhere_in_the_ico_and_for_forms_never_counted()
    {
        var services = await ServicesAsync();
        var staff = await app.ClientAsync(ApiClient.Regional);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/{Year}/3",
            new TermInput("Vyúčtování / Skutečnost", new DateOnly(Year, 12, 31), null, new DateOnly(Year + 5, 2, 5))), HttpStatusCode.OK);
        var statutory = await app.ClientAsync(FormEndpointTests.Statutory);
        var first = await ReportAsync(staff, statutory, services[0], 1000);   // more persons than 2 FTE make possible: K06 fails
        var firstId = first.GetProperty("id").GetString()!;

        var compared = await CompareAsync(staff);
        Assert.All(compared, c => Assert.Equal(c.Checked, c.Overview));
        var before = compared.Single(c => c.Id == firstId).Overview;
        Assert.True(before.Item1 >= 1, $"{before}");

        first = await SetPersonsAsync(statutory, first, 5);   // the edit mends K06
        compared = await CompareAsync(staff);
        Assert.All(compared, c => Assert.Equal(c.Checked, c.Overview));
        Assert.Equal(before.Item1 - 1, compared.Single(c => c.Id == firstId).Overview.Item1);

        // The provider's second report fills the per-IČO set too: the first report, not saved again, now fails the rule.
        var second = await ReportAsync(staff, statutory, services[1], 0);
        await SetPersonsAsync(statutory, second, 5);
        compared = await CompareAsync(staff);
        Assert.All(compared, c => Assert.Equal(c.Checked, c.Overview));
        Assert.Equal(before.Item1, compared.Single(c => c.Id == firstId).Overview.Item1);

        // A form from before the counts were kept is counted on the next overview, and the count is stored.
        await using (var db = app.Database.Open())
            await db.Forms.Where(f => f.Family == Family).ExecuteUpdateAsync(s => s.SetProperty(f => f.CheckErrors, (int?)null)
                .SetProperty(f => f.CheckWarnings, (int?)null).SetProperty(f => f.CheckedAt, (DateTimeOffset?)null));
        compared = await CompareAsync(staff);
        Assert.All(compared, c => Assert.Equal(c.Checked, c.Overview));
        await using (var db = app.Database.Open())
        {
            var stored = await db.Forms.AsNoTracking().Where(f => f.Family == Family).ToListAsync();
            Assert.All(stored, f => Assert.NotNull(f.CheckedAt));
            Assert.Equal(compared.Single(c => c.Id == firstId).Checked.Item1, stored.Single(f => f.Id.ToString() == firstId).CheckErrors);
        }
    }
}
