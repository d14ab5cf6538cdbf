using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Kissos.Common;
using Kissos.Territory;
using NetTopologySuite.Geometries;

namespace Kissos.Registry;

/// <summary>An address point of RÚIAN: its obec, část obce, and definition point in S-JTSK (EPSG:5514).</summary>
public sealed record AddressPoint(string ObecCode, string? Quarter, Point Location);

/// <summary>
/// Reads ČÚZK's "Data RÚIAN o adresách poskytovaná pro stát ve formátu CSV" (one file per obec, Windows-1250,
/// ';', monthly): a single CSV, a folder of them, or the ZIP as published. The files are streamed row by row and
/// only the codes asked for are kept, so the three million address points of the country never sit in memory.
/// </summary>
public static class AddressPoints
{
    public const string CodeColumn = "Kód ADM";
    public const string ObecColumn = "Kód obce";
    public const string YColumn = "Souřadnice Y";
    public const string XColumn = "Souřadnice X";
    public const string QuarterColumn = "Název části obce";

    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        DetectDelimiter = false,
        BadDataFound = null,
        MissingFieldFound = null,
    };

    /// <summary>The points of the wanted codes that the files have; bad files and rows go to the error list.</summary>
    public static Dictionary<long, AddressPoint> Load(string path, IReadOnlySet<long> wanted, ImportErrorList errors)
    {
        var found = new Dictionary<long, AddressPoint>();
        try
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) errors.Add(0, $"ve složce {path} nejsou žádné soubory CSV");
                foreach (var file in files)
                    using (var stream = File.OpenRead(file))
                        ReadCsv(stream, Path.GetFileName(file), wanted, found, errors);
            }
            else if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(path);
                var entries = zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
                if (entries.Count == 0) errors.Add(0, "archiv ZIP neobsahuje žádné soubory CSV");
                foreach (var entry in entries)
                    using (var stream = entry.Open())
                        ReadCsv(stream, entry.FullName, wanted, found, errors);
            }
            else
            {
                using var stream = File.OpenRead(path);
                ReadCsv(stream, Path.GetFileName(path), wanted, found, errors);
            }
        }
        catch (DecoderFallbackException e)
        {
            errors.Add(0, $"soubor adresních míst není v kódování Windows-1250, jak jej ČÚZK vydává: {e.Message}");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            errors.Add(0, $"soubor adresních míst nelze přečíst (neúplný nebo poškozený?): {e.Message}");
        }
        return found;
    }

    private static void ReadCsv(Stream input, string name, IReadOnlySet<long> wanted, Dictionary<long, AddressPoint> found, ImportErrorList errors)
    {
        using var reader = new StreamReader(input, CsvText.Windows1250);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add(0, $"{name}: prázdný soubor");
            return;
        }
        var header = csv.HeaderRecord!;
        int Column(string column)
        {
            var index = Array.IndexOf(header, column);
            if (index < 0) errors.Add(1, $"{name}: chybí sloupec '{column}' (je to CSV adresních míst RÚIAN v kódování Windows-1250?)");
            return index;
        }
        int code = Column(CodeColumn), obec = Column(ObecColumn), y = Column(YColumn), x = Column(XColumn);
        if (code < 0 || obec < 0 || y < 0 || x < 0) return;
        var quarter = Array.IndexOf(header, QuarterColumn);

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            // A half-written file ends in a short row: refuse it rather than read a shifted column.
            if (csv.Parser.Count != header.Length)
            {
                errors.Add(line, $"{name}: řádek má {csv.Parser.Count} polí místo {header.Length} (neúplný soubor?)");
                continue;
            }
            if (!long.TryParse(csv.Parser[code], NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                errors.Add(line, $"{name}: kód adresního místa '{csv.Parser[code]}' není číslo");
                continue;
            }
            if (!wanted.Contains(key)) continue;
            var (yText, xText) = (csv.Parser[y], csv.Parser[x]);
            if (yText.Length == 0 && xText.Length == 0) continue; // an address point without a definition point: not found
            if (!TryNumber(yText, out var yValue) || !TryNumber(xText, out var xValue))
            {
                errors.Add(line, $"{name}: souřadnice '{yText}', '{xText}' adresního místa {key} nejsou čísla");
                continue;
            }
            var point = Crs.FromRuianYX(yValue, xValue);
            if (!Crs.CzechiaSJtsk.Contains(point.Coordinate))
            {
                errors.Add(line, $"{name}: adresní místo {key} leží mimo Českou republiku (Y {yText}, X {xText}; prohozené osy?)");
                continue;
            }
            found[key] = new AddressPoint(csv.Parser[obec], quarter < 0 || csv.Parser[quarter].Length == 0 ? null : csv.Parser[quarter], point);
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
