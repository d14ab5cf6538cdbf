namespace Kissos.Notices;

/// <summary>How e-mails are sent (Kissos:Smtp). No Host = notices stay in the app only.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Kissos:Smtp";

    /// <summary>SMTP server name or address; empty turns e-mail off.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>The From address, e.g. "KISSoS &lt;kissos@kr-zlinsky.cz&gt;".</summary>
    public string Sender { get; set; } = "";
    /// <summary>None, StartTls (required), StartTlsWhenAvailable or SslOnConnect (implicit TLS, port 465).</summary>
    public SmtpTls Tls { get; set; } = SmtpTls.StartTlsWhenAvailable;
    /// <summary>Sign-in to the server, when it wants one (the password belongs in a secret store, not in a file).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public bool Enabled => Host.Length > 0;
}

public enum SmtpTls { None, StartTls, StartTlsWhenAvailable, SslOnConnect }

/// <summary>Timing of delivery and reminders (Kissos:Notices).</summary>
public sealed class NoticeOptions
{
    public const string Section = "Kissos:Notices";

    /// <summary>How often unsent e-mails are looked for even when this instance created none (another instance may have).</summary>
    public TimeSpan MailPollInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often the reminder sources are asked for due reminders.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Failed sends are retried with growing pauses, at most this many times.</summary>
    public int MaxMailAttempts { get; set; } = 5;
}
