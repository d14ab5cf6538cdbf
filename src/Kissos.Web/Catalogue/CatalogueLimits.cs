namespace Kissos.Catalogue;

/// <summary>
/// The largest texts and lists a provider, service or place may hold, checked on every edit and import: generous
/// for real records (the registry's longest web address has 54 characters) and small
/// enough that no record can swamp the public map or the database.
/// </summary>
public static class CatalogueLimits
{
    public const int Description = 4000;
    /// <summary>A service's, provider's or facility's name.</summary>
    public const int Name = 300;
    public const int Web = 300;
    /// <summary>RFC 5321's limit of an address.</summary>
    public const int Email = 254;
    public const int Phone = 50;
    /// <summary>Web addresses, e-mails and phones each (the registry lists up to 21 phones of a service and its provider).</summary>
    public const int Contacts = 50;
    public const int Street = 150;
    public const int OrientationNumber = 10;
    public const int PostCode = 10;
    public const int Places = 200;
    public const int Capacities = 50;
    /// <summary>Target groups and age categories (codes, checked against the code lists).</summary>
    public const int Codes = 50;
    /// <summary>Every obec of Czechia (6,258) fits.</summary>
    public const int CatchmentObce = 6500;
    public const int CatchmentOrp = 250;
    /// <summary>An identifier or code sent by a client (service id, place id, kód obce).</summary>
    public const int Id = 100;
}
