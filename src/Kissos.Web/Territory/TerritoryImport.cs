using System.Text.RegularExpressions;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Kissos.Territory;

/// <summary>
/// Loads kraje, ORP and obce from the real boundary files (see shared/gis-data/PROVENANCE.md), validating
/// every feature. Runs inside the caller's transaction; any bad feature throws and nothing is kept.
/// </summary>
public static partial class TerritoryImport
{
    public const string KrajeFile = "gis-data/kraje/kraje_cz_from_orp.geojson";
    public const string OrpFile = "gis-data/orp/orp_cz_sldb2021.geojson.gz";
    public const string ObceNationalFile = "gis-data/obce/obce_cz_complete_2021_coarse.geojson.gz";
    public const string ObceRegionalFile = "gis-data/obce/obce_olk_zlk.geojson";

    /// <summary>Tolerance of the coverage simplification of obce, in metres.</summary>
    public const double GeneralizeToleranceMetres = 120;

    public sealed record Counts(int Kraje, int Orp, int Obce, int DetailedObce);

    public static async Task<Counts> RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();

        var kraje = ReadKraje(options.ResolveData(KrajeFile), errors);
        var orp = ReadOrp(options.ResolveData(OrpFile), kraje.Keys.ToHashSet(), errors);
        var obce = ReadNationalObce(options.ResolveData(ObceNationalFile), orp.Keys.ToHashSet(), errors);
        var detailed = ReadRegionalObce(options.ResolveData(ObceRegionalFile), obce, errors);
        if (errors.Count > 0) throw new ImportFailedException(errors);

        await EntityMerge.MergeAsync(db, kraje.Values, k => k.Nuts3, ct);
        await db.SaveChangesAsync(ct);
        await EntityMerge.MergeAsync(db, orp.Values, o => o.CsuCode, ct);
        await db.SaveChangesAsync(ct);
        // Boundaries loaded from RÚIAN's exchange format (VfrImport) are newer than these files and are kept.
        var stored = await EntityMerge.MergeAsync(db, obce.Values.Select(o => o.Obec), o => o.Code, ct, (incoming, current) =>
        {
            var (geom, source) = (current.Geom, current.GeomSource);
            db.Entry(current).CurrentValues.SetValues(incoming);
            if (VfrImport.IsVfr(source)) (current.Geom, current.GeomSource) = (geom, source);
        });
        await db.SaveChangesAsync(ct);

        // The generalized copy is simplified from the national layer, which is one consistent coverage.
        await db.Database.ExecuteSqlRawAsync(TerritorySql.GeneralizeObce, [GeneralizeToleranceMetres], ct);

        foreach (var (code, geom) in detailed)
        {
            var obec = stored[code];
            if (VfrImport.IsVfr(obec.GeomSource)) continue;
            obec.Geom = geom;
            obec.GeomSource = ObceRegionalFile;
        }
        await db.SaveChangesAsync(ct);

        await CheckObceInsideOrpAsync(db, obce, ct);
        await db.Database.ExecuteSqlRawAsync(TerritorySql.GeneralizeOrpAndKraje, ct);
        return new Counts(kraje.Count, orp.Count, obce.Count, detailed.Count);
    }

    private static Dictionary<string, Kraj> ReadKraje(string path, List<ImportError> errors)
    {
        var result = new Dictionary<string, Kraj>();
        foreach (var f in GeoJsonFile.Read(path))
        {
            var report = Reporter(path, f.Number, errors);
            var nuts3 = f.Text("kraj_nuts3");
            var ruian = f.Int("vusc_kod_ruian");
            var name = f.Text("kraj_nazev");
            if (nuts3 is null || !Nuts3Pattern().IsMatch(nuts3)) { report($"neplatný kód NUTS3 kraje '{nuts3}'"); continue; }
            if (ruian is null) { report("chybí kód VÚSC (RÚIAN)"); continue; }
            if (string.IsNullOrWhiteSpace(name)) { report("chybí název kraje"); continue; }
            if (!result.TryAdd(nuts3, null!)) { report($"kraj {nuts3} je v souboru dvakrát"); continue; }
            if (ToStoredGeometry(f.Geometry, report) is not { } geom) { result.Remove(nuts3); continue; }
            result[nuts3] = new Kraj { Nuts3 = nuts3, RuianCode = ruian.Value, Name = name, Geom = geom };
        }
        return result;
    }

    private static Dictionary<string, Orp> ReadOrp(string path, HashSet<string> kraje, List<ImportError> errors)
    {
        var result = new Dictionary<string, Orp>();
        foreach (var f in GeoJsonFile.Read(path))
        {
            var report = Reporter(path, f.Number, errors);
            var csu = f.Text("orp_kod_csu");
            var ruian = f.Int("kod");
            var name = f.Text("nazev");
            var kraj = f.Text("kraj_nuts3");
            if (csu is null || !OrpCodePattern().IsMatch(csu)) { report($"neplatný kód ORP (ČSÚ) '{csu}'"); continue; }
            if (ruian is null) { report("chybí kód ORP (RÚIAN)"); continue; }
            if (string.IsNullOrWhiteSpace(name)) { report("chybí název ORP"); continue; }
            if (kraj is null || !kraje.Contains(kraj)) { report($"ORP {csu} patří do neznámého kraje '{kraj}'"); continue; }
            if (result.ContainsKey(csu)) { report($"ORP {csu} je v souboru dvakrát"); continue; }
            if (ToStoredGeometry(f.Geometry, report) is not { } geom) continue;
            result[csu] = new Orp { CsuCode = csu, RuianCode = ruian.Value, Name = name, KrajNuts3 = kraj, Geom = geom };
        }
        return result;
    }

    private sealed record ObecRecord(Obec Obec, string Source, int Number);

    private static Dictionary<string, ObecRecord> ReadNationalObce(string path, HashSet<string> orp, List<ImportError> errors)
    {
        var result = new Dictionary<string, ObecRecord>();
        foreach (var f in GeoJsonFile.Read(path))
        {
            var report = Reporter(path, f.Number, errors);
            var code = f.Text("kod");
            var name = f.Text("nazev_csu");
            var orpCode = f.Text("orp_kod");
            var population = f.Int("obyv_2021_01_01");
            if (code is null || !ObecCodePattern().IsMatch(code)) { report($"neplatný kód obce '{code}'"); continue; }
            if (string.IsNullOrWhiteSpace(name)) { report($"obec {code}: chybí název"); continue; }
            if (orpCode is null || !orp.Contains(orpCode)) { report($"obec {code}: neznámé ORP '{orpCode}'"); continue; }
            if (population is null or < 0) { report($"obec {code}: chybí nebo je záporný počet obyvatel"); continue; }
            if (result.ContainsKey(code)) { report($"obec {code} je v souboru dvakrát"); continue; }
            if (ToStoredGeometry(f.Geometry, report) is not { } geom) continue;
            var obec = new Obec
            {
                Code = code, Name = name, OrpCsuCode = orpCode, Population = population.Value,
                Geom = geom, GeomSource = ObceNationalFile,
            };
            result[code] = new ObecRecord(obec, path, f.Number);
        }
        return result;
    }

    /// <summary>The detailed layer of the two regions replaces the coarse geometry of the obce it covers.</summary>
    private static Dictionary<string, MultiPolygon> ReadRegionalObce(
        string path, Dictionary<string, ObecRecord> obce, List<ImportError> errors)
    {
        var result = new Dictionary<string, MultiPolygon>();
        foreach (var f in GeoJsonFile.Read(path))
        {
            var report = Reporter(path, f.Number, errors);
            var code = f.Text("kod");
            if (code is null || !obce.TryGetValue(code, out var known)) { report($"neznámý kód obce '{code}'"); continue; }
            if (f.Text("orp_kod") != known.Obec.OrpCsuCode) { report($"obec {code}: ORP '{f.Text("orp_kod")}' nesouhlasí s číselníkem ({known.Obec.OrpCsuCode})"); continue; }
            if (!result.TryAdd(code, null!)) { report($"obec {code} je v souboru dvakrát"); continue; }
            if (ToStoredGeometry(f.Geometry, report) is not { } geom) { result.Remove(code); continue; }
            result[code] = geom;
        }
        return result;
    }

    private static async Task CheckObceInsideOrpAsync(KissosDb db, Dictionary<string, ObecRecord> obce, CancellationToken ct)
    {
        var outside = await db.Database.SqlQueryRaw<string>(TerritorySql.ObceOutsideTheirOrp).ToListAsync(ct);
        if (outside.Count == 0) return;
        throw new ImportFailedException(outside
            .Select(code => obce[code])
            .Select(o => new ImportError(o.Source, o.Number, $"obec {o.Obec.Code} neleží ve svém ORP {o.Obec.OrpCsuCode}"))
            .ToList());
    }

    private static Action<string> Reporter(string path, int number, List<ImportError> errors) =>
        message => errors.Add(new ImportError(Path.GetFileName(path), number, message));

    /// <summary>Checks a WGS84 (multi)polygon and returns it as a MultiPolygon in S-JTSK, or reports why not.</summary>
    public static MultiPolygon? ToStoredGeometry(Geometry? wgs84, Action<string> report) =>
        CheckPolygonal(wgs84, Crs.CzechiaWgs84, report) is { } valid ? AsMultiPolygon(Crs.ToSJtsk(valid)) : null;

    /// <summary>The same check for a geometry already in S-JTSK (RÚIAN's own files): nothing is transformed.</summary>
    public static MultiPolygon? FromSJtsk(Geometry? sjtsk, Action<string> report) =>
        CheckPolygonal(sjtsk, Crs.CzechiaSJtsk, report) is { } valid ? AsMultiPolygon(Crs.AsSJtsk(valid)) : null;

    private static Geometry? CheckPolygonal(Geometry? geometry, Envelope czechia, Action<string> report)
    {
        if (geometry is null) { report("chybí geometrie"); return null; }
        if (geometry is not (Polygon or MultiPolygon)) { report($"geometrie je {geometry.GeometryType}, očekáván (Multi)Polygon"); return null; }
        if (!czechia.Contains(geometry.EnvelopeInternal)) { report("geometrie leží mimo Českou republiku (nejsou souřadnice v jiném systému?)"); return null; }
        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null) { report($"neplatná geometrie: {validity.Message} u {validity.Coordinate}"); return null; }
        return geometry;
    }

    private static MultiPolygon AsMultiPolygon(Geometry geometry) =>
        geometry as MultiPolygon ?? geometry.Factory.CreateMultiPolygon([(Polygon)geometry]);

    [GeneratedRegex(@"^CZ0\d{2}$")] private static partial Regex Nuts3Pattern();
    [GeneratedRegex(@"^\d{4}$")] private static partial Regex OrpCodePattern();
    [GeneratedRegex(@"^\d{6}$")] public static partial Regex ObecCodePattern();
}
