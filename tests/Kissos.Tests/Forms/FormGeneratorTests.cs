using System.Text.Json;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>generate-forms: refused on a real deployment; what it makes passes the engine's hand-in check.</summary>
[Collection(DatabaseCollection.Name)]
public class FormGeneratorTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const int Year = 2031;

    [Fact]
    public async Task A_deployment_without_demo_accounts_refuses_and_stays_empty()
    {
        await using var db = app.Database.Open();
        await Assert.ThrowsAsync<FormGenerator.RefusedException>(() => FormGenerator.RunAsync(db, [2032], demoDeployment: false, TimeProvider.System));
        Assert.False(await db.Forms.AnyAsync(f => f.Year == 2032));
    }

    [Fact]
    public async Task Generated_forms_of_every_service_of_both_kraje_pass_the_hand_in_check()
    {
        await using var db = app.Database.Open();
        await FormGenerator.RunAsync(db, [Year], demoDeployment: true, TimeProvider.System);
        var network = await db.NetworkEntries.AsNoTracking().Where(n => n.Year == Year).ToDictionaryAsync(n => n.ServiceId);
        Assert.Equal(FormDefaults.Kraje.Order(), network.Values.Select(n => n.Kraj).Distinct().Order());
        var all = await db.Forms.AsNoTracking().Where(f => f.Year == Year).ToListAsync();
        var forms = all.Where(f => f.Family == FormEndpoints.DefaultFamily).ToList();
        var reports = all.Where(f => f.Family == FormGenerator.ReportFamily).ToList();
        Assert.Equal(network.Count * 4, forms.Count);
        Assert.Equal(network.Count * 2, reports.Count);   // Výkaz skutečnost I and II from terms 3 and 4
        var templates = await db.TemplateVersions.AsNoTracking().Where(t => t.Year == Year)
            .ToDictionaryAsync(t => t.Id, t => JsonSerializer.Deserialize<FormTemplate>(t.Definition, FormTemplate.Json)!);
        var services = await db.Services.AsNoTracking().Where(s => network.Keys.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        foreach (var form in forms)
        {
            var s = services[form.ServiceId];
            var n = network[form.ServiceId];
            var check = FormCheck.Run(templates[form.TemplateId], FormContent.FromJson(form.Content),
                new FormContext(s.DruhCode, s.Forms, form.Term, n.Units, n.Beds), false);
            Assert.True(check.CanHandIn, $"{form.ServiceId} term {form.Term}: {string.Join("; ", check.Messages.Take(3).Select(m => $"{m.Cell} {m.Message}"))}");
            Assert.True(check.Totals["naklady"] > 0);
            Assert.Equal(FormGenerator.Marker, form.UpdatedBy);
            Assert.Equal(FormGenerator.Comment, FormContent.FromJson(form.Content).Texts["naklady/komentar"]);
        }

        // Reports: consistent with their settlements (every cross-set check holds), unique employees at one service per IČO.
        foreach (var report in reports.Where((_, i) => i % 25 == 0))
        {
            var template = templates[report.TemplateId];
            var s = services[report.ServiceId];
            var n = network[report.ServiceId];
            var externals = await FormLinks.ExternalsAsync(db, report, template, s.ProviderIco, default);
            var check = FormCheck.Run(template, FormContent.FromJson(report.Content), new FormContext(s.DruhCode, s.Forms, report.Term, n.Units, n.Beds), false, externals);
            Assert.True(check.CanHandIn, $"{report.ServiceId} report {report.Term}: {string.Join("; ", check.Messages.Where(m => m.Severity != Severity.Warning).Take(3).Select(m => $"{m.Cell} {m.Message}"))}");
            Assert.DoesNotContain(check.Protocol, p => p.Outcome == "chyba");
            var settlement = forms.Single(f => f.ServiceId == report.ServiceId && f.Term == report.Term);
            var (reportTotals, settlementTotals) = (Totals(report), Totals(settlement));
            foreach (var total in new[] { "naklady", "vynosy", "uvazky" }) Assert.Equal(settlementTotals[total], reportTotals[total]);
            Assert.NotEmpty(FormContent.FromJson(report.Content).Transferred);
        }
        var holders = reports.Where(r => FormContent.FromJson(r.Content).Number("unicitni/prima/osoby") > 0)
            .GroupBy(r => (services[r.ServiceId].ProviderIco, r.Term, r.Kraj));
        Assert.All(holders, g => Assert.Single(g));
        Assert.NotEmpty(holders);

        // A second run fills only what is missing.
        Assert.StartsWith("vygenerováno 0 formulářů", await FormGenerator.RunAsync(db, [Year], demoDeployment: true, TimeProvider.System));
    }

    private static Dictionary<string, decimal> Totals(Form form) => JsonSerializer.Deserialize<Dictionary<string, decimal>>(form.Totals)!;
}
