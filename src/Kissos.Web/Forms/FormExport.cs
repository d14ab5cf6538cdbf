using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>One cell of a form as exported: where it is (set, row, column, with names) and its value.</summary>
public sealed record ExportCell(string Set, string SetName, string Row, string RowLabel, string? Column, string? ColumnName, object? Value);

/// <summary>
/// Forms for staff's own analysis: every form of a term (or of a year) of a family in one table (XLSX or CSV), and one set of one form as CSV in the
/// template's layout. A table row is one cell of one form ("long" layout: the sets of different druhy have different
/// rows, and a pivot table in Excel turns it into any cross-tab). Input and computed cells are both exported; a cell
/// still unfilled (−1) is empty, so that sums in Excel are not off by −1 per blank.
/// </summary>
public static class FormExport
{
    /// <summary>The columns of the term export, in order.</summary>
    public static readonly string[] TermColumns =
        ["Kód služby", "Služba", "IČO", "Poskytovatel", "Druh", "Stav", "Sada", "Kód řádku", "Řádek", "Kód sloupce", "Sloupec", "Hodnota"];

    /// <summary>The columns of a whole year's export: the term's, and the term last (the others keep their places).</summary>
    public static readonly string[] YearColumns = [.. TermColumns, "Termín"];

    private static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    public static void MapFormExports(this RouteGroupBuilder staff)
    {
        staff.MapGet("/export", ExportTerm);
        staff.MapGet("/{id:guid}/csv", SetCsv);
    }

    /// <summary>Every cell of a form with a value: numbers of input and computed cells (null when unfilled), texts.</summary>
    public static IEnumerable<ExportCell> Cells(FormTemplate template, FormContent content, FormContext context,
        IReadOnlyDictionary<string, string> rowNames)
    {
        var grid = new FormGrid(template, content, context);
        foreach (var set in grid.Sets)
            foreach (var row in grid.Rows(set))
            {
                var label = rowNames.GetValueOrDefault(row.Code, row.Label);
                if (row.Template.Type == CellType.Text)
                {
                    yield return new(set.Code, set.Name, row.Code, label, null, null, content.Texts.GetValueOrDefault(FormAddress.Of(set.Code, row.Code)));
                    continue;
                }
                foreach (var column in set.Columns)
                {
                    var kind = grid.KindOf(set, row, column);
                    if (kind == CellKind.None) continue;
                    decimal? value = kind == CellKind.Computed ? grid.Value(set, row.Code, column)
                        : content.Number(FormAddress.Of(set.Code, row.Code, column.Code)) is var v && v != FormCheck.Unfilled ? v : null;
                    yield return new(set.Code, set.Name, row.Code, label, column.Code, column.Name, value);
                }
            }
    }

    /// <summary>
    /// GET /api/forms/export?year=[&amp;term=][&amp;family=][&amp;format=xlsx|csv][&amp;kraj=]: every form of the kraj's family
    /// (default rozpocet-a-vyuctovani; vykaz-skutecnost = every set of every annual report) of the term, columns
    /// <see cref="TermColumns"/>, or of every term of the year when term is left out, columns <see cref="YearColumns"/>;
    /// one row per cell, forms ordered by service name and term. XLSX: one sheet "Formuláře" with a frozen header and a filter; CSV: ';' and UTF-8 with
    /// BOM, numbers with a decimal comma. 400 (problem details) for a bad year, term, format, kraj or a family the kraj
    /// has no template of.
    /// </summary>
    private static async Task<IResult> ExportTerm(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "year", "term", "format", "kraj", "family");
        var kraj = FormStaffEndpoints.KrajOf(http, query);
        var year = query.Int("year", 2000, 2100);
        var term = query.Int("term", 1, 4);
        if (year is null) query.AddError("year", "Uveďte rok (year=2026).");
        var format = query.Get("format") ?? "xlsx";
        if (format is not ("xlsx" or "csv")) query.AddError("format", "Formát je xlsx nebo csv.");
        var family = await FormStaffEndpoints.FamilyAsync(db, query, kraj, http.RequestAborted);
        if (!query.IsValid) return query.Problem();

        var ct = http.RequestAborted;
        var forms = await (from f in db.Forms.AsNoTracking()
                           join s in db.Services on f.ServiceId equals s.Id
                           join p in db.Providers on s.ProviderIco equals p.Ico
                           join d in db.Druhy on s.DruhCode equals d.Code
                           join n0 in db.NetworkEntries on new { f.Kraj, f.Year, f.ServiceId } equals new { n0.Kraj, n0.Year, n0.ServiceId } into network
                           from n in network.DefaultIfEmpty()
                           where f.Kraj == kraj && f.Year == year && (term == null || f.Term == term) && f.Family == family
                           orderby s.Name, s.Id, f.Term
                           select new
                           {
                               f.TemplateId, f.Term, f.State, f.Content, s.Id, s.Name, Ico = s.ProviderIco, ProviderName = p.Name,
                               s.DruhCode, DruhName = d.Name, s.Forms, Units = n == null ? (decimal?)null : n.Units, Beds = n == null ? null : n.Beds,
                           }).ToListAsync(ct);
        var templateIds = forms.Select(f => f.TemplateId).Distinct().ToList();
        var templates = await db.TemplateVersions.AsNoTracking().Where(t => templateIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => JsonSerializer.Deserialize<FormTemplate>(t.Definition, FormTemplate.Json)!, ct);
        var contents = forms.Select(f => FormContent.FromJson(f.Content)).ToList();
        var rowNames = await FormStore.RowNamesAsync(db, contents.SelectMany(c => c.Obce), ct);

        var rows = forms.Zip(contents).SelectMany(pair =>
        {
            var (f, content) = pair;
            var context = new FormContext(f.DruhCode, f.Forms, f.Term, f.Units, f.Beds);
            var fixedPart = new object?[] { f.Id, f.Name, f.Ico, f.ProviderName, f.DruhName, FormStates.Label(f.State) };
            object?[] termPart = term is null ? [f.Term.ToString(CultureInfo.InvariantCulture)] : [];
            return Cells(templates[f.TemplateId], content, context, rowNames).Select(c =>
                fixedPart.Concat([c.SetName, c.Row, c.RowLabel, c.Column, c.ColumnName, c.Value, .. termPart]).ToArray());
        });
        var columns = term is null ? YearColumns : TermColumns;
        var file = $"{family}-{kraj}-{year}{(term is null ? "" : $"-{term}")}.{format}";
        if (format == "csv")
            return TypedResults.Stream(output => Csv.WriteAsync(output, columns, rows.Select(r => r.Select(CsvText).ToArray()), ct),
                Csv.ContentType, file);
        return TypedResults.File(Table("Formuláře", columns, rows), FormXlsx.ContentType, file);
    }

    /// <summary>
    /// GET /api/forms/{id}/csv?set=CODE (staff) and /api/my/forms/{id}/csv?set=CODE (provider): one set of one form in the
    /// template's layout (Kód; Položka; one column per template column; a text row has its text in the first value
    /// column). 400 when the set is missing or not in the form, with the form's set codes; 404 outside the account's scope.
    /// </summary>
    public static async Task<IResult> SetCsv(Guid id, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "set");
        var code = query.Get("set");
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        if (loaded is null) return FormStore.NotFound();
        var sets = new FormGrid(loaded.Template, loaded.Content, loaded.Context).Sets;
        var set = sets.FirstOrDefault(s => s.Code == code);
        if (set is null) query.AddError("set", $"Uveďte sadu formuláře: {string.Join(", ", sets.Select(s => s.Code))}.");
        if (!query.IsValid) return query.Problem();

        var rowNames = await FormStore.RowNamesAsync(db, loaded.Content.Obce, http.RequestAborted);
        var cells = Cells(loaded.Template, loaded.Content, loaded.Context, rowNames).Where(c => c.Set == set!.Code).ToList();
        var rows = cells.GroupBy(c => c.Row).Select(row => row.First().Column is null
            ? [row.Key, row.First().RowLabel, CsvText(row.First().Value)]
            : new[] { row.Key, row.First().RowLabel }.Concat(set!.Columns.Select(column => CsvText(row.FirstOrDefault(c => c.Column == column.Code)?.Value))).ToArray());
        string[] columns = ["Kód", "Položka", .. set!.Columns.Select(c => c.Name)];
        var file = $"{loaded.Form.Year}-{loaded.Form.Term}-{loaded.Service.Id}-{set.Code}.csv";
        return TypedResults.Stream(output => Csv.WriteAsync(output, columns, rows, http.RequestAborted), Csv.ContentType, file);
    }

    /// <summary>A CSV field for Czech Excel: a decimal comma, no thousands separator.</summary>
    private static string? CsvText(object? value) => value switch
    {
        null => null,
        decimal number => number.ToString(Czech),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// One sheet with a frozen header row and a filter, written as a stream of rows (a term holds ~10⁵ cells): numbers
    /// as numbers, everything else as inline text.
    /// </summary>
    public static byte[] Table(string sheetName, string[] columns, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var count = 1;
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteElement(new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft,
                }) { WorkbookViewId = 0 }));
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, columns);
                foreach (var row in rows)
                {
                    WriteRow(writer, row);
                    count++;
                }
                writer.WriteEndElement();
                writer.WriteElement(new AutoFilter { Reference = $"A1:{FormXlsx.ColumnName(columns.Length - 1)}{count}" });
                writer.WriteEndElement();
            }
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void WriteRow(OpenXmlWriter writer, object?[] values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
            writer.WriteElement(value switch
            {
                null => new Cell(),
                decimal number => new Cell { CellValue = new CellValue(number) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture)!)) },
            });
        writer.WriteEndElement();
    }
}
