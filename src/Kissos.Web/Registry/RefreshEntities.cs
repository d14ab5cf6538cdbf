namespace Kissos.Registry;

/// <summary>
/// One refresh from the publishers' files (MPSV registry, ČÚZK address points, optionally RÚIAN boundaries):
/// what was read, what changed, and — for a refused one — why nothing was stored.
/// </summary>
public sealed class Refresh
{
    public int Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>File names (not paths) of the sources.</summary>
    public required string RpssFile { get; init; }
    public required string AddressesFile { get; init; }
    public string? VfrFile { get; init; }
    /// <summary>The kraje the refresh was limited to (NUTS3); empty = all of Czechia.</summary>
    public List<string> Kraje { get; init; } = [];

    /// <summary>Registrations (items of polozky) in the file, and the active ones imported (within the kraje).</summary>
    public int ServicesInFile { get; set; }
    public int ServicesActive { get; set; }
    public int ServicesNew { get; set; }
    public int ServicesEnded { get; set; }
    public int CapacityChanges { get; set; }
    public int MovedPlaces { get; set; }
    /// <summary>Active facilities after deduplication, of them with a secret address and without an address-point code.</summary>
    public int Facilities { get; set; }
    public int SecretFacilities { get; set; }
    public int FacilitiesWithoutCode { get; set; }
    /// <summary>Distinct address-point codes looked up, and those the address-point file does not have.</summary>
    public int AddressCodes { get; set; }
    public int AddressCodesNotFound { get; set; }
    /// <summary>Obce whose boundary came from the VFR file.</summary>
    public int VfrObce { get; set; }
    /// <summary>Data-quality notes that did not stop the refresh (Czech).</summary>
    public List<string> Warnings { get; set; } = [];
    /// <summary>Why a refused refresh stored nothing (Czech, one line per bad record).</summary>
    public List<string> Errors { get; set; } = [];
    public List<RefreshChange> Changes { get; init; } = [];

    public double AddressCodesNotFoundShare => AddressCodes == 0 ? 0 : (double)AddressCodesNotFound / AddressCodes;
}

/// <summary>The kinds of change a refresh reports.</summary>
public static class ChangeKinds
{
    public const string New = "new";
    public const string Ended = "ended";
    public const string Capacity = "capacity";
    public const string Moved = "moved";

    public static readonly string[] All = [New, Ended, Capacity, Moved];

    public static string Czech(string kind) => kind switch
    {
        New => "nová služba",
        Ended => "ukončená služba",
        Capacity => "změna kapacity",
        Moved => "změna místa",
        _ => kind,
    };
}

/// <summary>One change of one service found by a refresh.</summary>
public sealed class RefreshChange
{
    public long Id { get; init; }
    public int RefreshId { get; init; }
    public required string Kind { get; init; }
    public required string ServiceId { get; init; }
    public required string ServiceName { get; init; }
    public required string ProviderIco { get; init; }
    /// <summary>NUTS3 of the kraje where the service is provided (before or after), for regional staff's view.</summary>
    public List<string> Kraje { get; init; } = [];
    public string? PlaceId { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    /// <summary>What changed, in Czech.</summary>
    public required string Detail { get; init; }
}
