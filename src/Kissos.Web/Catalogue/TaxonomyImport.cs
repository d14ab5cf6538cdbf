using System.Globalization;
using CsvHelper;
using Kissos.Common;
using Kissos.Data;

namespace Kissos.Catalogue;

/// <summary>Loads the legal taxonomy (druhy, formy, target groups, age categories, capacity types) from shared/domain.</summary>
public static class TaxonomyImport
{
    public static async Task RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        db.Druhy.AddRange(Read(options, "domain/druhy_socialnich_sluzeb.csv", errors, r => new Druh
        {
            Code = r.Required("code"), Name = r.Required("name"), Paragraph = r.Optional("paragraph"),
            Group = r.Required("group"), GroupName = r.Required("group_name"),
            AllowedForms = r.Optional("allowed_forms")?.Split('|').ToList() ?? [],
        }));
        db.Formy.AddRange(Read(options, "domain/formy_poskytovani.csv", errors, r => new Forma
        {
            Code = r.Required("code"), Name = r.Required("name"), Paragraph = r.Required("paragraph"),
            Definition = r.Required("definition"),
        }));
        db.TargetGroups.AddRange(Read(options, "domain/cilove_skupiny.csv", errors, r => new TargetGroup
        {
            Code = r.Required("code"), Name = r.Required("name"), PlanningArea = r.Optional("planning_area_editorial"),
        }));
        db.AgeCategories.AddRange(Read(options, "domain/vekove_kategorie.csv", errors, r => new AgeCategory
        {
            Code = r.Required("code"), Name = r.Required("name"), AgeFrom = r.OptionalInt("age_from"),
            AgeTo = r.OptionalInt("age_to"), SortOrder = r.OptionalInt("sort") ?? 0,
        }));
        db.CapacityTypes.AddRange(Read(options, "domain/typy_kapacity.csv", errors, r => new CapacityType
        {
            Code = r.Required("code"), Name = r.Required("name"), Unit = r.Required("unit"),
        }));
        if (errors.Count > 0) throw new ImportFailedException(errors);
        await db.SaveChangesAsync(ct);
    }

    private static List<T> Read<T>(KissosOptions options, string file, List<ImportError> errors, Func<CsvRow, T> map)
    {
        using var reader = new StreamReader(options.ResolveData(file));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<T>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            try { rows.Add(map(new CsvRow(csv))); }
            catch (CsvRowException e) { errors.Add(new ImportError(Path.GetFileName(file), csv.Parser.RawRow, e.Message)); }
        }
        return rows;
    }
}

/// <summary>A bad value in one CSV row; the message says which column and why, in Czech.</summary>
public sealed class CsvRowException(string message) : Exception(message);

/// <summary>Typed access to the current row of a CsvReader, by header name.</summary>
public readonly struct CsvRow(CsvReader csv)
{
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
}
