namespace Kissos.Common;

/// <summary>Settings under "Kissos" in configuration.</summary>
public sealed class KissosOptions
{
    public const string Section = "Kissos";

    /// <summary>The folder with the real data (gis-data/, domain/), kept outside the repository.</summary>
    public string DataPath { get; set; } = "../shared";

    /// <summary>Apply migrations and load the data on start when the database is empty.</summary>
    public bool ImportOnStart { get; set; } = true;

    /// <summary>Create the demo accounts (one per role) on start: for local use only, never in production.</summary>
    public bool DemoAccounts { get; set; }

    /// <summary>Basemap tile URL template for Leaflet; empty means the map has no basemap.</summary>
    public string TileUrl { get; set; } = "";

    public string TileAttribution { get; set; } = "";

    public RegisterOptions Registers { get; set; } = new();

    /// <summary>Keep answers made from map data per data version (Common/MapAnswerCache.cs); off only to compare.</summary>
    public bool CacheAnswers { get; set; } = true;

    public MapRequestOptions MapRequests { get; set; } = new();

    public RegistryOptions Registry { get; set; } = new();

    public string ResolveData(string relativePath) => Path.GetFullPath(Path.Combine(DataPath, relativePath));
}

/// <summary>Settings of the registers of applicants and users (Kissos:Registers).</summary>
public sealed class RegisterOptions
{
    /// <summary>The secret HMAC key of person codes, base64, at least 32 bytes. Configuration only, never the database.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Stored with every code, so that a rotated key is told apart (see README, "Registers").</summary>
    public int KeyVersion { get; set; } = 1;
}

/// <summary>Settings of the refresh from the MPSV registry (Kissos:Registry).</summary>
public sealed class RegistryOptions
{
    /// <summary>
    /// NUTS3 codes of the kraje whose services a refresh keeps (a service is in when any of its places is);
    /// empty = the whole country.
    /// </summary>
    public List<string> Kraje { get; set; } = [];
}

/// <summary>
/// How many requests for map data (the OGC API, territory layers, the map's layers and statistics) run at once
/// (Kissos:MapRequests); the rest wait in line, oldest first, so a burst queues instead of piling onto PostgreSQL
/// and the two cores, and the tail stays flat. Measured with scripts/bench-ogc.sh (README, "Benchmark").
/// </summary>
public sealed class MapRequestOptions
{
    /// <summary>Requests in progress at once; 0 = no limit.</summary>
    public int Concurrency { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Requests waiting beyond those; one more is refused with 503.</summary>
    public int Queue { get; set; } = 1000;
}
