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
        var forms = await db.Forms.AsNoTracking().Where(f => f.Year == Year).ToListAsync();
        Assert.Equal(network.Count * 4, forms.Count);
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

        // A second run fills only what is missing.
        Assert.StartsWith("vygenerováno 0 formulářů", await FormGenerator.RunAsync(db, [Year], demoDeployment: true, TimeProvider.System));
    }
}
