using Kissos.Audit;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>
/// The default templates (files in Forms/Templates/, built by scripts/build-form-templates.py) and the default term
/// calendar, put into the database on start for every kraj that has none yet. Staff then change them.
/// </summary>
public static class FormDefaults
{
    /// <summary>Kraje whose forms the app serves (Olomoucký and Zlínský kraj).</summary>
    public static readonly string[] Kraje = ["CZ071", "CZ072"];

    public static string TemplateFolder => Path.Combine(AppContext.BaseDirectory, "Forms", "Templates");

    public static IEnumerable<FormTemplate> Files() =>
        Directory.EnumerateFiles(TemplateFolder, "*.json").Order().Select(file =>
        {
            var (template, errors) = TemplateValidation.Parse(File.ReadAllText(file));
            return template ?? throw new InvalidOperationException($"{file}: {string.Join("; ", errors)}");
        });

    /// <summary>Loads what is missing for the template's year and the current year; changes nothing that exists.</summary>
    public static async Task EnsureAsync(KissosDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var years = new HashSet<int>();
        foreach (var file in Files())
            foreach (var kraj in Kraje)
                foreach (var year in new[] { file.Year, now.Year }.Distinct())
                {
                    years.Add(year);
                    if (await db.TemplateVersions.AnyAsync(t => t.Family == file.Family && t.Year == year && t.Kraj == kraj, ct)) continue;
                    db.TemplateVersions.Add(NewVersion(file with { Year = year, Kraj = kraj }, 1, AuditInterceptor.SystemUser, now));
                }
        foreach (var kraj in Kraje)
            foreach (var year in years)
                if (!await db.FormTerms.AnyAsync(t => t.Kraj == kraj && t.Year == year, ct))
                    db.FormTerms.AddRange(Calendar(kraj, year));
        await db.SaveChangesAsync(ct);
    }

    public static TemplateVersion NewVersion(FormTemplate template, int version, string user, DateTimeOffset at) => new()
    {
        Family = template.Family, Year = template.Year, Kraj = template.Kraj, Version = version, Name = template.Name,
        Definition = template.ToJson(), CreatedAt = at, CreatedBy = user,
    };

    /// <summary>Zlínský kraj's calendar as seed 002 gives it for 2022, moved to <paramref name="year"/>.</summary>
    public static IEnumerable<FormTerm> Calendar(string kraj, int year) =>
    [
        new() { Kraj = kraj, Year = year, Term = 1, Name = "Plánovaný", DataAsOf = new(year, 5, 31), DueTo = new(year, 6, 30) },
        new() { Kraj = kraj, Year = year, Term = 2, Name = "Upravený", DataAsOf = new(year, 9, 30), DueTo = new(year, 11, 10) },
        new() { Kraj = kraj, Year = year, Term = 3, Name = "Vyúčtování / Skutečnost", DataAsOf = new(year, 12, 31), DueFrom = new(year + 1, 1, 4), DueTo = new(year + 1, 2, 5) },
        new() { Kraj = kraj, Year = year, Term = 4, Name = "Skutečnost (zpřesněná dle daňového přiznání)", DataAsOf = new(year, 12, 31), DueFrom = new(year + 1, 7, 1), DueTo = new(year + 1, 7, 31) },
    ];
}
