using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kissos.Notices;

/// <summary>
/// Creates notices for the accounts of a provider. The request only inserts rows; <see cref="NoticeMailer"/> sends
/// the e-mails in the background, so a slow SMTP server never holds a request, and unsent mail survives a restart.
/// </summary>
public sealed class NoticeService(KissosDb db, IOptions<SmtpOptions> smtp, NoticeSignal signal, TimeProvider clock)
{
    // ON CONFLICT DO NOTHING: when two instances (or two runs) create the same notice, the second insert is a no-op.
    private const string InsertForIco = """
        INSERT INTO home.notice (id, dedupe_key, user_id, email, ico, subject, text, created_at,
                                 mail_pending, mail_attempts, next_mail_attempt_at)
        SELECT gen_random_uuid(), @key, u.id, u.email, @ico, @subject, @text, @now, @mail AND u.email IS NOT NULL, 0, @now
        FROM accounts."AspNetUsers" u
        WHERE @ico = ANY (u.provider_icos)
        ON CONFLICT (dedupe_key, user_id) DO NOTHING
        """;

    /// <summary>
    /// Stores a notice for every account bound to <paramref name="ico"/> and queues its e-mail. A key already used
    /// for an account is skipped, so calling again (from any instance) notifies nobody twice.
    /// </summary>
    /// <returns>How many accounts got a new notice.</returns>
    public async Task<int> NotifyProviderAsync(string ico, string dedupeKey, string subject, string text, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        var created = await db.Database.ExecuteSqlRawAsync(InsertForIco,
        [
            new NpgsqlParameter("key", dedupeKey), new NpgsqlParameter("ico", ico),
            new NpgsqlParameter("subject", subject), new NpgsqlParameter("text", text),
            new NpgsqlParameter("now", clock.GetUtcNow()), new NpgsqlParameter("mail", smtp.Value.Enabled),
        ], ct);
        if (created > 0 && smtp.Value.Enabled) signal.Wake();
        return created;
    }
}

/// <summary>Wakes the mailer of this instance when a notice was created here (other instances find it by polling).</summary>
public sealed class NoticeSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
