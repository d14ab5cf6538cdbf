using System.Net;
using Kissos.Notices;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kissos.Tests.Notices;

/// <summary>A reminder source for tests: the same reminder, always due, counting how often it was asked.</summary>
public sealed class AlwaysDueReminder(ReminderProbe probe) : IReminderSource
{
    public const string Ico = "61985929"; // Centrum Dominika Kokory, kept by the demo provider account

    public Task<IReadOnlyList<DueReminder>> GetDueAsync(DateOnly today, CancellationToken ct)
    {
        Interlocked.Increment(ref probe.Calls);
        return Task.FromResult<IReadOnlyList<DueReminder>>(
            [new DueReminder(Ico, $"test:reminder:{probe.Token}", $"Připomínka {probe.Token}", "Termín se blíží.")]);
    }
}

public sealed class ReminderProbe(string token)
{
    public string Token { get; } = token;
    public int Calls;
}

/// <summary>An app instance that mails to an SMTP server (the sink) and runs <see cref="AlwaysDueReminder"/> every 200 ms.</summary>
public class NoticeApp(string smtpHost, int smtpPort, ReminderProbe probe) : KissosApp
{
    public NoticeApp(SmtpSink sink, ReminderProbe probe) : this(sink.Host, sink.Port, probe) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Kissos:Smtp:Host", smtpHost);
        builder.UseSetting("Kissos:Smtp:Port", smtpPort.ToString());
        builder.UseSetting("Kissos:Smtp:Sender", "KISSoS <kissos@test.kissos.cz>");
        builder.UseSetting("Kissos:Smtp:Tls", "None");
        builder.UseSetting("Kissos:Notices:ReminderInterval", "00:00:00.200");
        builder.UseSetting("Kissos:Notices:MailPollInterval", "00:00:00.200");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton(probe);
            s.AddScoped<IReminderSource, AlwaysDueReminder>();
        });
    }
}

[Collection(DatabaseCollection.Name)]
public class NoticeTests(SmtpSink sink) : IClassFixture<SmtpSink>
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_notice_is_in_the_app_and_reaches_the_smtp_sink_once()
    {
        await using var app = new NoticeApp(sink, new ReminderProbe(Token()));
        await app.InitializeAsync();
        var token = Token();
        using (var scope = app.Services.CreateScope())
        {
            var notices = scope.ServiceProvider.GetRequiredService<NoticeService>();
            Assert.Equal(1, await notices.NotifyProviderAsync(AlwaysDueReminder.Ico, $"test:{token}", $"Vráceno k přepracování {token}",
                "Rozpočet služby vám kraj vrátil: doplňte obce.", default));
            Assert.Equal(0, await notices.NotifyProviderAsync(AlwaysDueReminder.Ico, $"test:{token}", $"Vráceno k přepracování {token}",
                "Podruhé se nepošle.", default));
        }

        var mails = await sink.WaitForAsync(token, 1, MailTimeout);
        var mail = Assert.Single(mails);
        Assert.Equal(ApiClient.Provider, mail.To.Mailboxes.Single().Address);
        Assert.Equal($"Vráceno k přepracování {token}", mail.Subject);
        Assert.Contains("doplňte obce", mail.TextBody);

        var provider = await app.ClientAsync(ApiClient.Provider);
        var list = await provider.JsonAsync(await provider.GetAsync("/api/my/notices"), HttpStatusCode.OK);
        var notice = list.EnumerateArray().Single(n => n.GetProperty("subject").GetString()!.Contains(token));
        Assert.Equal(JsonValueKindNull, notice.GetProperty("readAt").ValueKind);
        var id = notice.GetProperty("id").GetString();

        var regional = await app.ClientAsync(ApiClient.Regional);
        Assert.DoesNotContain((await regional.JsonAsync(await regional.GetAsync("/api/my/notices"), HttpStatusCode.OK)).EnumerateArray(),
            n => n.GetProperty("subject").GetString()!.Contains(token));
        using (var foreign = await regional.PostAsync($"/api/my/notices/{id}/read", new { }))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var read = await provider.PostAsync($"/api/my/notices/{id}/read", new { }))
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        list = await provider.JsonAsync(await provider.GetAsync("/api/my/notices"), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKindNull, list.EnumerateArray().Single(n => n.GetProperty("id").GetString() == id).GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task Two_instances_running_the_same_reminder_deliver_it_once()
    {
        var probeA = new ReminderProbe(Token());
        await using var a = new NoticeApp(sink, probeA);
        await a.InitializeAsync();
        var probeB = new ReminderProbe(probeA.Token);
        await using var b = new NoticeApp(sink, probeB) { SharedDatabase = a.Database };
        await b.InitializeAsync();
        _ = a.Services; _ = b.Services; // starts both hosts with their reminder runners and mailers

        // Besides the timers, both instances run the reminder at the same moment, the race a unique key must win.
        var runs = await Task.WhenAll(a.Services.GetRequiredService<ReminderRunner>().RunOnceAsync(default),
            b.Services.GetRequiredService<ReminderRunner>().RunOnceAsync(default));
        var until = DateTime.UtcNow + MailTimeout;
        while ((probeA.Calls < 5 || probeB.Calls < 5) && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.True(probeA.Calls >= 5 && probeB.Calls >= 5, $"reminder runs: A {probeA.Calls}, B {probeB.Calls}");

        Assert.Single(await sink.WaitForAsync(probeA.Token, 1, MailTimeout));
        await Task.Delay(1000); // time for a duplicate to arrive, had one been sent
        Assert.Single(sink.Messages(probeA.Token));
        await using var db = a.Database.Open();
        Assert.Equal(1, await db.Notices.CountAsync(n => n.DedupeKey == $"test:reminder:{probeA.Token}"));
        Assert.True(runs.Sum() <= 1, $"created by the simultaneous runs: {string.Join(", ", runs)}");
    }

    [Fact]
    public async Task An_unreachable_smtp_server_keeps_the_notice_and_schedules_a_retry()
    {
        await using var app = new NoticeApp(sink.Host, 1, new ReminderProbe(Token())); // nothing listens on port 1
        await app.InitializeAsync();
        var token = Token();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<NoticeService>()
                .NotifyProviderAsync(AlwaysDueReminder.Ico, $"test:{token}", $"Schváleno {token}", "Kraj schválil rozpočet.", default);
        await using var db = app.Database.Open();
        var until = DateTime.UtcNow + MailTimeout;
        Notice notice;
        while ((notice = await db.Notices.AsNoTracking().SingleAsync(n => n.DedupeKey == $"test:{token}")).MailAttempts == 0 && DateTime.UtcNow < until)
            await Task.Delay(100);
        Assert.Equal(1, notice.MailAttempts);
        Assert.True(notice.MailPending);
        Assert.Null(notice.MailedAt);
        Assert.NotNull(notice.MailError);
        Assert.True(notice.NextMailAttemptAt > DateTimeOffset.UtcNow);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
