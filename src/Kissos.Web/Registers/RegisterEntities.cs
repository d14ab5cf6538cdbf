namespace Kissos.Registers;

public static class ApplicantStatus
{
    public const string Waiting = "waiting";
    public const string Admitted = "admitted";
    public const string Withdrawn = "withdrawn";
    public const string Rejected = "rejected";

    public static readonly string[] All = [Waiting, Admitted, Withdrawn, Rejected];
}

/// <summary>Žadatel v pořadníku: one application of a person (by code only) for one service.</summary>
public sealed class Applicant
{
    public long Id { get; init; }
    public required string ServiceId { get; init; }
    /// <summary>The person's pseudonymous code (PersonCodes), never identifying data.</summary>
    public required string PersonCode { get; init; }
    public required int KeyVersion { get; init; }
    public required DateOnly AppliedOn { get; init; }
    /// <summary>Obec of residence (6-digit code).</summary>
    public required string ObecCode { get; set; }
    /// <summary>Nepříznivé sociální situace (codes of § 3 b).</summary>
    public List<string> Situations { get; set; } = [];
    public string? TargetGroup { get; set; }
    /// <summary>Naléhavost: 1 běžná, 2 zvýšená, 3 akutní.</summary>
    public required int Urgency { get; set; }
    public required string Status { get; set; }
    /// <summary>The day the status took effect (for waiting: the application day).</summary>
    public required DateOnly StatusOn { get; set; }
}

/// <summary>Uživatel služby: one stay of a person (by code only) in one service.</summary>
public sealed class ServiceUser
{
    public long Id { get; init; }
    public required string ServiceId { get; init; }
    public required string PersonCode { get; init; }
    public required int KeyVersion { get; init; }
    public required DateOnly StartedOn { get; init; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
    public required string ObecCode { get; set; }
    /// <summary>The service the person went on to, when known (prostupnost).</summary>
    public string? NextServiceId { get; set; }
}

/// <summary>Users of a service by obec of residence on a quarter's last day: the measured territorial scope.</summary>
public sealed class UserSnapshot
{
    public required string ServiceId { get; init; }
    public required DateOnly QuarterEnd { get; init; }
    public required string ObecCode { get; init; }
    public required int Users { get; set; }
}

/// <summary>Nepříznivá sociální situace: the legal causes of § 3 písm. b) zákona 108/2006 Sb.</summary>
public sealed class AdverseSituation
{
    public required string Code { get; init; }
    public required string Name { get; init; }
}
