namespace Kissos.Notices;

/// <summary>
/// One notice for one account: shown in the app (GET /api/my/notices) and, when SMTP is configured, e-mailed.
/// (DedupeKey, UserId) is unique, so the same notice or reminder created by several app instances is stored,
/// and mailed, once per account.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; init; }
    /// <summary>Names the event, e.g. "forms:reminder:14d:{formId}"; the same key never notifies an account twice.</summary>
    public string DedupeKey { get; init; } = "";
    public string UserId { get; init; } = "";
    /// <summary>The address the e-mail goes to, as it was when the notice was created.</summary>
    public string? Email { get; init; }
    /// <summary>The provider (IČO) the notice is about.</summary>
    public string? Ico { get; init; }
    public string Subject { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>True while the e-mail waits to be sent (or retried).</summary>
    public bool MailPending { get; set; }
    public DateTimeOffset? MailedAt { get; set; }
    public int MailAttempts { get; set; }
    public DateTimeOffset NextMailAttemptAt { get; set; }
    public string? MailError { get; set; }
}
