using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Kissos.Common;

/// <summary>CSV as Czech Excel writes it (UTF-8, ';'), read row by row with every bad row reported by its line.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly CsvConfiguration Semicolon = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        DetectDelimiter = false,
        TrimOptions = TrimOptions.Trim,
    };

    /// <summary>Checks the header against the expected columns, then applies each row; errors go to the list.</summary>
    public static void ReadRows(Stream input, string[] columns, ImportErrorList errors, Action<CsvRow, int> apply)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, Semicolon);
        try
        {
            ReadRows(csv, columns, errors, apply);
        }
        catch (CsvHelperException)
        {
            // Malformed CSV (a stray quote, a JSON body): reported at its line, the rest is not read.
            errors.Add(Math.Max(csv.Parser.RawRow, 1), "řádek není platné CSV (např. neuzavřené uvozovky); soubor nelze číst dál");
        }
    }

    private static void ReadRows(CsvReader csv, string[] columns, ImportErrorList errors, Action<CsvRow, int> apply)
    {
        if (!csv.Read() || !csv.ReadHeader())
        {
            errors.Add(1, "soubor je prázdný, chybí řádek se záhlavím");
            return;
        }
        var missing = columns.Except(csv.HeaderRecord!).ToList();
        var unknown = csv.HeaderRecord!.Except(columns).ToList();
        if (missing.Count > 0) errors.Add(1, $"chybí sloupce: {string.Join(", ", missing)}");
        if (unknown.Count > 0) errors.Add(1, $"neznámé sloupce: {string.Join(", ", unknown)}");
        if (errors.Errors.Count > 0) return;
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            try { apply(new CsvRow(csv), line); }
            catch (CsvRowException e) { errors.Add(line, e.Message); }
        }
    }

    /// <summary>Writes a header and rows, UTF-8 with a BOM so that Excel reads the Czech letters.</summary>
    public static async Task WriteAsync(Stream output, string[] columns, IEnumerable<string?[]> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Semicolon);
        foreach (var column in columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(field);
            await csv.NextRecordAsync();
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>A '|'-separated list, trimmed, without empty items or repeats.</summary>
    public static List<string> List(string? value) =>
        value?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList() ?? [];
}

/// <summary>A bad value in one CSV row; the message says which column and why, in Czech.</summary>
public sealed class CsvRowException(string message) : Exception(message);

/// <summary>Typed access to the current row of a CsvReader, by header name.</summary>
public readonly struct CsvRow(CsvReader csv)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy"];

    public string? Optional(string column)
    {
        if (!csv.TryGetField<string>(column, out var value)) throw new CsvRowException($"chybí sloupec '{column}'");
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string Required(string column) =>
        Optional(column) ?? throw new CsvRowException($"sloupec '{column}' je povinný");

    public int? OptionalInt(string column) => Optional(column) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        var s => throw new CsvRowException($"sloupec '{column}': '{s}' není celé číslo"),
    };

    /// <summary>A date as RRRR-MM-DD or D.M.RRRR (Czech Excel), or null when empty.</summary>
    public DateOnly? Date(string column) => Optional(column) switch
    {
        null => null,
        var s when DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        var s => throw new CsvRowException($"{column}: '{s}' není datum (RRRR-MM-DD nebo D.M.RRRR)"),
    };
}
