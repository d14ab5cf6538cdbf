using Kissos.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kissos.Notices;

/// <summary>
/// Sends the e-mails of notices that wait for it. Every instance runs one; a batch is claimed with
/// FOR UPDATE SKIP LOCKED, so two instances never send the same row. A failed send is retried later with a growing
/// pause, at most <see cref="NoticeOptions.MaxMailAttempts"/> times; the notice stays in the app either way.
/// </summary>
public sealed class NoticeMailer(IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, IOptions<NoticeOptions> options,
    NoticeSignal signal, TimeProvider clock, ILogger<NoticeMailer> log) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!smtp.Value.Enabled)
        {
            log.LogInformation("SMTP is not configured (Kissos:Smtp:Host): notices are shown in the app only, no e-mail is sent.");
            return;
        }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stop) > 0) { }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "Sending notice e-mails failed; trying again in {Interval}.", options.Value.MailPollInterval);
            }
            try
            {
                await signal.WaitAsync(options.Value.MailPollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch of due e-mails; answers how many rows it handled (sent or failed).</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KissosDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Notices.FromSqlInterpolated($"""
            SELECT * FROM home.notice WHERE mail_pending AND next_mail_attempt_at <= {now}
            ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (due.Count == 0) return 0;

        using var client = new SmtpClient();
        Exception? connectError = null;
        try
        {
            await ConnectAsync(client, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            connectError = e;
        }
        foreach (var notice in due)
        {
            try
            {
                if (connectError is not null) throw connectError;
                await client.SendAsync(Message(notice), ct);
                notice.MailPending = false;
                notice.MailedAt = clock.GetUtcNow();
                notice.MailError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(notice, e);
            }
        }
        if (client.IsConnected) await client.DisconnectAsync(quit: true, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }

    private void Failed(Notice notice, Exception error)
    {
        notice.MailAttempts++;
        notice.MailError = error.Message;
        notice.MailPending = notice.MailAttempts < options.Value.MaxMailAttempts;
        // 1, 4, 16, 64 … minutes: a server that is down for maintenance is not hammered.
        notice.NextMailAttemptAt = clock.GetUtcNow().AddMinutes(Math.Pow(4, notice.MailAttempts - 1));
        log.LogWarning("E-mail of notice {Id} to {Email} failed (attempt {Attempt}): {Error}",
            notice.Id, notice.Email, notice.MailAttempts, error.Message);
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var o = smtp.Value;
        await client.ConnectAsync(o.Host, o.Port, o.Tls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        }, ct);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
    }

    private MimeMessage Message(Notice notice)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.Value.Sender));
        message.To.Add(MailboxAddress.Parse(notice.Email!));
        message.Subject = notice.Subject;
        message.Body = new TextPart("plain")
        {
            Text = notice.Text + "\n\n--\nToto oznámení najdete také v aplikaci KISSoS na nástěnce.\n",
        };
        return message;
    }
}
