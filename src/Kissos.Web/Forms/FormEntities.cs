using Kissos.Audit;

namespace Kissos.Forms;

/// <summary>One version of a kraj's template of a family for a year; the definition is the template file (JSON).</summary>
public sealed class TemplateVersion : IAudited
{
    public int Id { get; init; }
    public required string Family { get; init; }
    public required int Year { get; init; }
    public required string Kraj { get; init; }
    /// <summary>1, 2, … within (family, year, kraj); a new upload is a new version, filed forms keep theirs.</summary>
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required string Definition { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>A term (1–4) of a year in a kraj's calendar: the date the data are as of, and when they are handed in.</summary>
public sealed class FormTerm : IAudited
{
    public required string Kraj { get; init; }
    public required int Year { get; init; }
    public required int Term { get; init; }
    public required string Name { get; set; }
    public required DateOnly DataAsOf { get; set; }
    public DateOnly? DueFrom { get; set; }
    public required DateOnly DueTo { get; set; }
}

/// <summary>A service in a kraj's network (síť sociálních služeb) for a year, with its units: the baseline of a form.</summary>
public sealed class NetworkEntry : IAudited
{
    public required string Kraj { get; init; }
    public required int Year { get; init; }
    public required string ServiceId { get; init; }
    /// <summary>FTE of direct care (úvazky), two decimals.</summary>
    public required decimal Units { get; set; }
    /// <summary>Beds of residential services and noclehárny; null for others.</summary>
    public int? Beds { get; set; }
}

/// <summary>One template filled for one service and one period (year, term).</summary>
public sealed class Form : IAudited
{
    public Guid Id { get; init; }
    public required int TemplateId { get; init; }
    public required string Family { get; init; }
    public required string ServiceId { get; init; }
    public required string Kraj { get; init; }
    public required int Year { get; init; }
    public required int Term { get; init; }
    public required string State { get; set; }
    /// <summary>FormContent as JSON (numbers and texts by cell address, obce).</summary>
    public required string Content { get; set; }
    /// <summary>The template's totals for the staff overview, computed on every save (JSON object code → number).</summary>
    public string Totals { get; set; } = "{}";
    /// <summary>
    /// Failing cross-set checks (errors block handing in, warnings inform) as of <see cref="CheckedAt"/>, stored with every
    /// write of the content for the staff overview; null = not checked yet (forms from before the counts were kept).
    /// </summary>
    public int? CheckErrors { get; set; }
    public int? CheckWarnings { get; set; }
    /// <summary>When the counts were computed; a later change of a form the checks read (FormLinks) makes them stale.</summary>
    public DateTimeOffset? CheckedAt { get; set; }
    /// <summary>Staff reopened the form after its deadline.</summary>
    public bool Reopened { get; set; }
    /// <summary>The kraj allowed negative values in this form (with ExceptionReason).</summary>
    public bool NegativesAllowed { get; set; }
    public string? ExceptionReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    /// <summary>PostgreSQL's xmin: the optimistic-concurrency token a client sends back with a save.</summary>
    public uint Version { get; set; }
}

/// <summary>One move of a form's workflow (or a staff action on it): who, when, from which state to which, why.</summary>
public sealed class FormTransition
{
    public long Id { get; init; }
    public required Guid FormId { get; init; }
    public required string Action { get; init; }
    public required string FromState { get; init; }
    public required string ToState { get; init; }
    public required string UserName { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// One signing of a form by its statutory representative: the canonical file (FormCanonical) as it was signed, its
/// SHA-256, who and when, and for a qualified signature the .p7s with its certificate. Rows are never changed: a form
/// returned, corrected and signed again gets the next number, the earlier versions stay.
/// </summary>
public sealed class FormSignature
{
    public long Id { get; init; }
    public required Guid FormId { get; init; }
    /// <summary>1, 2, … per form.</summary>
    public required int Number { get; init; }
    /// <summary>The signed canonical file (UTF-8 text).</summary>
    public required string Canonical { get; init; }
    /// <summary>Lower-case hex SHA-256 of <see cref="Canonical"/>'s UTF-8 bytes.</summary>
    public required string Sha256 { get; init; }
    public required string SignedBy { get; init; }
    public required DateTimeOffset SignedAt { get; init; }
    /// <summary>The detached CMS/PKCS#7 signature (DER) when a qualified signature was given; null otherwise.</summary>
    public byte[]? Cms { get; init; }
    public string? CertificateSubject { get; init; }
    public string? CertificateIssuer { get; init; }
    public string? CertificateSerial { get; init; }
    public DateTimeOffset? CertificateNotBefore { get; init; }
    public DateTimeOffset? CertificateNotAfter { get; init; }
}
