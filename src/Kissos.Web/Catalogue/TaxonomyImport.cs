using Kissos.Common;
using Kissos.Data;

namespace Kissos.Catalogue;

/// <summary>Loads the legal taxonomy (druhy, formy, target groups, age categories, capacity types) from shared/domain.</summary>
public static class TaxonomyImport
{
    public static async Task RunAsync(KissosDb db, KissosOptions options, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        var druhy = Read(options, "domain/druhy_socialnich_sluzeb.csv", ["code", "name", "paragraph", "group", "group_name", "allowed_forms"], errors, r => new Druh
        {
            Code = r.Required("code"), Name = r.Required("name"), Paragraph = r.Optional("paragraph"),
            Group = r.Required("group"), GroupName = r.Required("group_name"),
            AllowedForms = r.Optional("allowed_forms")?.Split('|').ToList() ?? [],
        });
        var formy = Read(options, "domain/formy_poskytovani.csv", ["code", "name", "paragraph", "definition"], errors, r => new Forma
        {
            Code = r.Required("code"), Name = r.Required("name"), Paragraph = r.Required("paragraph"),
            Definition = r.Required("definition"),
        });
        var targetGroups = Read(options, "domain/cilove_skupiny.csv", ["code", "name", "planning_area_editorial"], errors, r => new TargetGroup
        {
            Code = r.Required("code"), Name = r.Required("name"), PlanningArea = r.Optional("planning_area_editorial"),
        });
        var ageCategories = Read(options, "domain/vekove_kategorie.csv", ["code", "name", "age_from", "age_to", "sort"], errors, r => new AgeCategory
        {
            Code = r.Required("code"), Name = r.Required("name"), AgeFrom = r.OptionalInt("age_from"),
            AgeTo = r.OptionalInt("age_to"), SortOrder = r.OptionalInt("sort") ?? 0,
        });
        var capacityTypes = Read(options, "domain/typy_kapacity.csv", ["code", "name", "unit"], errors, r => new CapacityType
        {
            Code = r.Required("code"), Name = r.Required("name"), Unit = r.Required("unit"),
        });
        var situations = Read(options, "domain/nepriznive_socialni_situace.csv", ["code", "name"], errors, r => new Kissos.Registers.AdverseSituation
        {
            Code = r.Required("code"), Name = r.Required("name"),
        });
        if (errors.Count > 0) throw new ImportFailedException(errors);

        await EntityMerge.MergeAsync(db, druhy, d => d.Code, ct);
        await EntityMerge.MergeAsync(db, formy, f => f.Code, ct);
        await EntityMerge.MergeAsync(db, targetGroups, t => t.Code, ct);
        await EntityMerge.MergeAsync(db, ageCategories, a => a.Code, ct);
        await EntityMerge.MergeAsync(db, capacityTypes, c => c.Code, ct);
        await EntityMerge.MergeAsync(db, situations, a => a.Code, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rows of one of the shared reference files (UTF-8, ','); the columns named are required, others ignored.</summary>
    private static List<T> Read<T>(KissosOptions options, string file, string[] columns, List<ImportError> errors, Func<CsvRow, T> map)
    {
        var fileErrors = new ImportErrorList(Path.GetFileName(file));
        var rows = new List<T>();
        using (var input = File.OpenRead(options.ResolveData(file)))
            Csv.ReadRows(input, columns, fileErrors, (row, _) => rows.Add(map(row)), delimiter: ',', otherColumns: true);
        errors.AddRange(fileErrors.Errors);
        return rows;
    }
}
