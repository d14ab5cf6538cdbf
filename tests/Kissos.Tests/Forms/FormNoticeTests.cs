using System.Net;
using System.Text.Json;
using Kissos.Forms;
using Kissos.Notices;
using Kissos.Tests.Infrastructure;
using Kissos.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kissos.Tests.Forms;

/// <summary>The forms module's notices: return and approval reach the SMTP sink and the app, deadline reminders, "Moje formuláře".</summary>
[Collection(DatabaseCollection.Name)]
public class FormNoticeTests(SmtpSink sink) : IClassFixture<SmtpSink>
{
    private const string Ico = "73632783"; // Diakonie Valašské Meziříčí (CZ072), bound to the demo provider and the statutory account
    private const int Year = 2030;
    private static readonly DateOnly DueTo = new(Year, 6, 30);

    /// <summary>A service of the IČO in the 2030 network, term 1 due 30. 6. 2030, the template copied to 2030.</summary>
    private static async Task<(ApiClient Staff, string Service)> ArrangeAsync(KissosApp app)
    {
        await using var db = app.Database.Open();
        var ids = await db.Services.Where(s => s.ProviderIco == Ico).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync();
        var service = ids.First((await FormSql.InKrajAsync(db, "CZ072", ids, default)).Contains);
        var staff = await app.ClientAsync(ApiClient.Regional);
        await staff.JsonAsync(await staff.PostAsync("/api/forms/templates/copy", new TemplateCopy(null, 2026, Year)), HttpStatusCode.Created);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/{Year}/1", new TermInput("Plánovaný", new DateOnly(Year, 5, 31), null, DueTo)), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/{Year}/{service}", new NetworkInput(3m, null)), HttpStatusCode.OK);
        return (staff, service);
    }

    private static async Task<List<string>> DueKeysAsync(KissosApp app, DateOnly today, string service)
    {
        using var scope = app.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IReminderSource>().OfType<FormDeadlineReminders>().Single();
        return [.. (await source.GetDueAsync(today, default)).Where(r => r.DedupeKey.Contains(service)).Select(r => r.DedupeKey)];
    }

    [Fact]
    public async Task A_return_and_an_approval_reach_the_sink_and_the_app_and_the_open_form_shows_the_reason()
    {
        await using var app = new NoticeApp(sink, new ReminderProbe(Guid.NewGuid().ToString("N")));
        await app.InitializeAsync();
        var (staff, service) = await ArrangeAsync(app);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var form = await provider.JsonAsync(await provider.PostAsync("/api/my/forms", new NewForm(service, Year, 1, null)), HttpStatusCode.Created);
        var id = form.GetProperty("id").GetString();

        var open = (await provider.JsonAsync(await provider.GetAsync("/api/home/forms"), HttpStatusCode.OK)).EnumerateArray()
            .Single(f => f.GetProperty("url").GetString()!.Contains(id!));
        Assert.Equal("rozpracováno", open.GetProperty("state").GetString());
        Assert.StartsWith("Nevyplněných buněk: ", open.GetProperty("note").GetString());
        Assert.Equal(new DateOnly(Year, 6, 30), DateOnly.FromDateTime(open.GetProperty("deadline").GetDateTimeOffset().Date));

        var values = form.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        foreach (var cell in form.GetProperty("check").GetProperty("messages").EnumerateObject())
            if (cell.Value.EnumerateArray().Any(m => m.GetString()!.StartsWith("Nevyplněno"))) values[cell.Name] = 0;
        form = await provider.JsonAsync(await provider.PutAsync($"/api/my/forms/{id}",
            new { version = form.GetProperty("version").GetUInt32(), values, obce = Array.Empty<object>() }), HttpStatusCode.OK);
        var statutory = await app.ClientAsync(FormEndpointTests.Statutory);
        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/return", new ReasonInput("Doplňte obce pod SO ORP Vsetín.")), HttpStatusCode.OK);

        var subject = $"Vráceno k přepracování: Rozpočet a vyúčtování {Year}, 1. termín (Plánovaný)";
        // Both accounts of the IČO (the provider and its statutory representative) get it.
        var mails = await sink.WaitForAsync(subject, 2, TimeSpan.FromSeconds(20));
        Assert.Equal(new[] { FormEndpointTests.Statutory, ApiClient.Provider }.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var mail = mails[0];
        Assert.Contains("Důvod: Doplňte obce pod SO ORP Vsetín.", mail.TextBody);
        Assert.Contains("30. 6. 2030", mail.TextBody);
        var notices = (await provider.JsonAsync(await provider.GetAsync("/api/my/notices"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(notices, n => n.GetProperty("subject").GetString()!.StartsWith(subject));
        open = (await provider.JsonAsync(await provider.GetAsync("/api/home/forms"), HttpStatusCode.OK)).EnumerateArray()
            .Single(f => f.GetProperty("url").GetString()!.Contains(id!));
        Assert.Equal("vráceno k přepracování", open.GetProperty("state").GetString());
        Assert.Equal("Důvod vrácení: Doplňte obce pod SO ORP Vsetín.", open.GetProperty("note").GetString());
        var municipality = await app.ClientAsync(ApiClient.Municipality);
        Assert.Empty((await municipality.JsonAsync(await municipality.GetAsync("/api/home/forms"), HttpStatusCode.OK)).EnumerateArray());

        await statutory.JsonAsync(await statutory.PostAsync($"/api/my/forms/{id}/submit", new { }), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PostAsync($"/api/forms/{id}/approve", new { }), HttpStatusCode.OK);
        Assert.Equal(2, (await sink.WaitForAsync($"Schváleno: Rozpočet a vyúčtování {Year}", 2, TimeSpan.FromSeconds(20))).Count);
        Assert.DoesNotContain((await provider.JsonAsync(await provider.GetAsync("/api/home/forms"), HttpStatusCode.OK)).EnumerateArray(),
            f => f.GetProperty("url").GetString()!.Contains(id!));
    }

    [Fact]
    public async Task A_deadline_reminder_is_due_14_and_3_days_before_until_the_form_is_handed_in()
    {
        await using var app = new KissosApp();
        await app.InitializeAsync();
        var (_, service) = await ArrangeAsync(app);
        var key = $"{FormEndpoints.DefaultFamily}:{service}:{Year}:1";

        Assert.Empty(await DueKeysAsync(app, DueTo.AddDays(-15), service));
        Assert.Equal(new[] { $"forms:deadline:14d:{key}" }, await DueKeysAsync(app, DueTo.AddDays(-14), service));
        Assert.Equal(new[] { $"forms:deadline:14d:{key}" }, await DueKeysAsync(app, DueTo.AddDays(-4), service));
        Assert.Equal(new[] { $"forms:deadline:3d:{key}" }, await DueKeysAsync(app, DueTo.AddDays(-3), service));
        Assert.Equal(new[] { $"forms:deadline:3d:{key}" }, await DueKeysAsync(app, DueTo, service));
        Assert.Empty(await DueKeysAsync(app, DueTo.AddDays(1), service));

        var provider = await app.ClientAsync(ApiClient.Provider);
        var form = await provider.JsonAsync(await provider.PostAsync("/api/my/forms", new NewForm(service, Year, 1, null)), HttpStatusCode.Created);
        Assert.Equal(new[] { $"forms:deadline:3d:{key}" }, await DueKeysAsync(app, DueTo.AddDays(-3), service));
        await using (var db = app.Database.Open())
        {
            var id = Guid.Parse(form.GetProperty("id").GetString()!);
            await db.Forms.Where(f => f.Id == id).ExecuteUpdateAsync(u => u.SetProperty(f => f.State, FormStates.Submitted));
        }
        Assert.Empty(await DueKeysAsync(app, DueTo.AddDays(-3), service));
    }
}
