using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Kissos.Common;

/// <summary>
/// CSV as Czech Excel writes it (';'), read row by row with every bad row reported by the physical line it starts
/// on (header = 1), and written so that no cell can start a formula when the file is opened in a spreadsheet.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvConfiguration Semicolon = new(CultureInfo.InvariantCulture) { Delimiter = ";" };

    /// <summary>
    /// Reads the whole input (<see cref="CsvText.Decode"/>: UTF-8, Windows-1250 or the declared
    /// <paramref name="charset"/>), checks the header against the expected columns, then applies each row with
    /// its line; errors go to the list. Columns beyond the expected ones are refused unless <paramref name="otherColumns"/>.
    /// </summary>
    public static void ReadRows(Stream input, string[] columns, ImportErrorList errors, Action<CsvRow, int> apply,
        Encoding? charset = null, char delimiter = ';', bool otherColumns = false)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        if (CsvText.Decode(buffer.ToArray(), charset, errors) is not { } text) return;
        using var records = CsvRecords.Read(text, delimiter).GetEnumerator();
        if (!records.MoveNext())
        {
            errors.Add(1, "soubor je prázdný, chybí řádek se záhlavím");
            return;
        }
        var header = records.Current;
        if (header.Error is not null) errors.Add(header.Line, $"záhlaví: {header.Error}");
        var missing = columns.Except(header.Fields).ToList();
        var unknown = otherColumns ? [] : header.Fields.Except(columns).ToList();
        if (missing.Count > 0) errors.Add(header.Line, $"chybí sloupce: {string.Join(", ", missing)}");
        if (unknown.Count > 0) errors.Add(header.Line, $"neznámé sloupce: {string.Join(", ", unknown)}");
        foreach (var repeated in header.Fields.GroupBy(f => f).Where(g => g.Count() > 1))
            errors.Add(header.Line, $"sloupec '{repeated.Key}' je v záhlaví vícekrát");
        if (errors.Errors.Count > 0) return;
        var index = header.Fields.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is not null)
            {
                errors.Add(record.Line, record.Error);
                continue;
            }
            try { apply(new CsvRow(index, record.Fields), record.Line); }
            catch (CsvRowException e) { errors.Add(record.Line, e.Message); }
        }
    }

    /// <summary>The charset a request declares (?charset= or the Content-Type's), null when none; an unknown one is an error.</summary>
    public static Encoding? DeclaredCharset(HttpRequest request, QueryParameters query)
    {
        var name = query.Get("charset") ?? request.GetTypedHeaders().ContentType?.Charset.Value;
        if (string.IsNullOrWhiteSpace(name)) return null;
        var encoding = CsvText.FromName(name);
        if (encoding is null) query.AddError("charset", $"Kódování '{name}' neumíme číst; uveďte jedno z: {CsvText.SupportedNames}.");
        return encoding;
    }

    /// <summary>
    /// Writes a header and rows, UTF-8 with a BOM so that Excel reads the Czech letters; every cell goes through
    /// <see cref="CsvCell.Neutralize"/>. Every CSV the server sends is written here.
    /// </summary>
    public static async Task WriteAsync(Stream output, string[] columns, IEnumerable<string?[]> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Semicolon);
        foreach (var column in columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(CsvCell.Neutralize(field));
            await csv.NextRecordAsync();
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>A '|'-separated list, trimmed, without empty items or repeats.</summary>
    public static List<string> List(string? value) =>
        value?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList() ?? [];
}

/// <summary>
/// Spreadsheet (CSV) injection, as OWASP advises: a cell starting with '=', '+', '-', '@', TAB or CR is a formula
/// to Excel, so it goes out behind a single quote ("+420 571…" → "'+420 571…"). The import takes exactly one such
/// quote off again, so that every value survives an export and import unchanged — also one that itself starts with
/// quotes before such a character, which is why the rule looks past all leading quotes.
/// </summary>
public static class CsvCell
{
    private static bool StartsAFormula(string value)
    {
        var rest = value.AsSpan().TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    public static string? Neutralize(string? value) => value is not null && StartsAFormula(value) ? "'" + value : value;

    public static string Restore(string value) => value.StartsWith('\'') && StartsAFormula(value) ? value[1..] : value;
}

/// <summary>A bad value in one CSV row; the message says which column and why, in Czech.</summary>
public sealed class CsvRowException(string message) : Exception(message);

/// <summary>Typed access to one CSV row by header name; values are trimmed and a neutralised formula start is restored.</summary>
public readonly struct CsvRow(IReadOnlyDictionary<string, int> columns, string[] fields)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy"];

    /// <summary>No cell of any import is longer: a list of every obec of Czechia fits (6,258 codes of 7 characters).</summary>
    public const int MaxCell = 50_000;

    public string? Optional(string column)
    {
        if (!columns.TryGetValue(column, out var i) || i >= fields.Length) throw new CsvRowException($"chybí sloupec '{column}'");
        var value = CsvCell.Restore(fields[i].Trim());
        if (value.Length > MaxCell) throw new CsvRowException($"sloupec '{column}' smí mít nejvýš {MaxCell:N0} znaků, má {value.Length:N0}");
        if (ControlCharacters.InText(value)) throw new CsvRowException($"sloupec '{column}' obsahuje řídicí znak (např. NUL)");
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A text of at most <paramref name="max"/> characters, or null when empty.</summary>
    public string? Optional(string column, int max) => Optional(column) switch
    {
        { Length: var n } when n > max => throw new CsvRowException($"sloupec '{column}' smí mít nejvýš {max:N0} znaků, má {n:N0}"),
        var value => value,
    };

    public string Required(string column, int max) =>
        Optional(column, max) ?? throw new CsvRowException($"sloupec '{column}' je povinný");

    /// <summary>A '|'-separated list of at most <paramref name="maxCount"/> items of at most <paramref name="maxLength"/> characters each.</summary>
    public List<string> List(string column, int maxCount, int maxLength)
    {
        var items = Csv.List(Optional(column));
        if (items.Count > maxCount) throw new CsvRowException($"sloupec '{column}' smí mít nejvýš {maxCount:N0} položek, má {items.Count:N0}");
        if (items.FirstOrDefault(i => i.Length > maxLength) is { } tooLong)
            throw new CsvRowException($"položka '{tooLong[..20]}…' ve sloupci '{column}' smí mít nejvýš {maxLength:N0} znaků");
        return items;
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

/// <summary>Keys a file may hold once; a repeat is refused naming the line where the key first appeared.</summary>
public sealed class CsvKeys<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, int> _firstLine = [];

    public IEnumerable<TKey> Keys => _firstLine.Keys;

    /// <summary>Throws <see cref="CsvRowException"/> "<paramref name="what"/> je v souboru už na řádku N" for a repeat.</summary>
    public void Add(TKey key, int line, string what)
    {
        if (!_firstLine.TryAdd(key, line)) throw new CsvRowException($"{what} je v souboru už na řádku {_firstLine[key]}");
    }
}
