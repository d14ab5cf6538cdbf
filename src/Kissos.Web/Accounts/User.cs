using Microsoft.AspNetCore.Identity;

namespace Kissos.Accounts;

/// <summary>An account. Its role says what it may do; its bindings say to which data.</summary>
public sealed class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Provider accounts: the IČO of the providers whose services it keeps.</summary>
    public List<string> ProviderIcos { get; set; } = [];
    /// <summary>Provider accounts: the IČO (of ProviderIcos) for which the account is the statutory representative.</summary>
    public List<string> StatutoryIcos { get; set; } = [];
    /// <summary>Municipality accounts: the obec (6-digit code).</summary>
    public string? ObecCode { get; set; }
    /// <summary>Regional staff (klíčoví pracovníci kraje): the kraj (NUTS3).</summary>
    public string? KrajNuts3 { get; set; }
}

public static class Roles
{
    public const string Provider = "provider";
    public const string Municipality = "municipality";
    public const string Regional = "regional";
    public const string Admin = "admin";

    public static readonly string[] All = [Provider, Municipality, Regional, Admin];
}

public static class Policies
{
    /// <summary>Keeps services and vacancies: providers (their IČO), regional staff (their kraj), administrators.</summary>
    public const string KeepsServices = "keeps-services";
    /// <summary>Regional staff and administrators: the audit log, registers across providers, reports.</summary>
    public const string RegionalStaff = "regional-staff";
    public const string Administers = "administers";
}

/// <summary>Claim types carrying an account's bindings.</summary>
public static class KissosClaims
{
    public const string Ico = "kissos:ico";
    public const string Obec = "kissos:obec";
    public const string Kraj = "kissos:kraj";
    /// <summary>An IČO whose statutory representative the account is (signs and hands in forms).</summary>
    public const string Statutory = "kissos:statutory";
}
