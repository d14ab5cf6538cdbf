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
