using System.ComponentModel;
using System.Diagnostics;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Territory;

/// <summary>
/// Loads the boundaries of obce from ČÚZK's RÚIAN exchange format (VFR: an OB_…_UKSH file of one obec, or the
/// ST_UKSH file of the state) so that a deployment takes current boundaries straight from the publisher.
/// GDAL (Debian's gdal-bin) reads the GML; VFR layers carry several geometries and a one-geometry format would
/// silently keep the first, the definition point, so the original boundary is selected by name. The boundaries are
/// S-JTSK already and are not transformed. Every obec is validated as the territory import does: a known code,
/// a valid polygon in Czechia, inside its ORP. Runs in the caller's transaction.
/// </summary>
public static class VfrImport
{
    public const string SourcePrefix = "VFR ";
    private const string Query = "SELECT Kod, Nazev, OriginalniHranice FROM Obce";

    public static bool IsVfr(string? geomSource) => geomSource?.StartsWith(SourcePrefix, StringComparison.Ordinal) == true;

    /// <summary>Replaces the boundary (and name) of every obec in the file; returns how many.</summary>
    public static async Task<int> RunAsync(KissosDb db, string path, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        var errors = new ImportErrorList(name);
        var temp = Directory.CreateTempSubdirectory("kissos-vfr-");
        try
        {
            var output = Path.Combine(temp.FullName, "obce.geojson");
            await ConvertAsync(path, output, errors, ct);
            errors.ThrowIfAny();

            var features = GeoJsonFile.Read(output);
            if (features.Count == 0) errors.Add(0, "soubor neobsahuje žádnou obec (vrstva Obce s hranicí OriginalniHranice)");
            var obce = await db.Obce.ToDictionaryAsync(o => o.Code, ct);
            var updated = new Dictionary<string, int>();
            foreach (var f in features)
            {
                void Report(string message) => errors.Add(f.Number, message);
                var code = f.Text("Kod");
                var obecName = f.Text("Nazev")?.Trim();
                if (code is null || !obce.TryGetValue(code, out var obec)) { Report($"neznámý kód obce '{code}'"); continue; }
                if (string.IsNullOrEmpty(obecName)) { Report($"obec {code}: chybí název"); continue; }
                if (!updated.TryAdd(code, f.Number)) { Report($"obec {code} je v souboru dvakrát"); continue; }
                if (TerritoryImport.FromSJtsk(f.Geometry, message => Report($"obec {code}: {message}")) is not { } geom) continue;
                obec.Geom = geom;
                obec.Name = obecName;
                obec.GeomSource = SourcePrefix + name;
            }
            errors.ThrowIfAny();
            await db.SaveChangesAsync(ct);

            var outside = await db.Database.SqlQueryRaw<string>(TerritorySql.ObceOutsideTheirOrp).ToListAsync(ct);
            foreach (var code in outside.Where(updated.ContainsKey))
                errors.Add(updated[code], $"obec {code} neleží ve svém ORP {obce[code].OrpCsuCode}");
            errors.ThrowIfAny();
            return updated.Count;
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>GDAL's virtual file systems read the compressed files as published, without unpacking them.</summary>
    public static string GdalPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return "/vsigzip/" + full;
        if (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return "/vsizip/" + full;
        return full;
    }

    private static async Task ConvertAsync(string path, string output, ImportErrorList errors, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            errors.Add(0, $"soubor {path} neexistuje");
            return;
        }
        var start = new ProcessStartInfo("ogr2ogr")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { "-f", "GeoJSON", output, GdalPath(path), "-sql", Query, "-nln", "obce" },
        };
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var messages = (await stderr + await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // A truncated or corrupt file may still leave GDAL with exit code 0: its ERROR lines decide.
            var failures = messages.Where(m => m.StartsWith("ERROR", StringComparison.Ordinal) || m.StartsWith("FAILURE", StringComparison.Ordinal)).ToList();
            if (process.ExitCode != 0 || failures.Count > 0 || !File.Exists(output))
                errors.Add(0, $"GDAL (ogr2ogr) soubor nepřečetl (neúplný nebo poškozený?): {string.Join(" ", failures.Count > 0 ? failures : messages)}");
        }
        catch (Win32Exception)
        {
            errors.Add(0, "program ogr2ogr chybí: nainstalujte GDAL (Debian: apt-get install gdal-bin)");
        }
    }
}
