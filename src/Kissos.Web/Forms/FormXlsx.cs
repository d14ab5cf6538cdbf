using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kissos.Forms;

/// <summary>
/// A form as an Excel workbook and back: one sheet per set in the template's layout (column A the row code, B the
/// label, then the template's columns), sheets protected so that only input cells can be changed. Reading back is
/// all-or-nothing and names every bad cell as "Sheet!C7: message".
/// </summary>
public static class FormXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int FirstDataRow = 3;
    private const int FirstValueColumn = 2; // A = code, B = label
    private const uint LockedStyle = 0, InputStyle = 1, ComputedStyle = 2, HeaderStyle = 3;

    public static byte[] Write(LoadedForm loaded, IReadOnlyDictionary<string, string> names)
    {
        var content = loaded.Content;
        var check = loaded.Check(content);
        var grid = new FormGrid(loaded.Template, content, loaded.Context);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            uint sheetId = 1;
            foreach (var set in grid.Sets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, Text(0, 1, $"{loaded.Service.Name} – {set.Name} ({loaded.Form.Year}, {loaded.Form.Term}. termín)", HeaderStyle)));
                var header = Row(2, Text(0, 2, "Kód", HeaderStyle), Text(1, 2, "Položka", HeaderStyle));
                for (var c = 0; c < set.Columns.Count; c++) header.Append(Text(FirstValueColumn + c, 2, set.Columns[c].Name, HeaderStyle));
                data.Append(header);
                var rowNumber = (uint)FirstDataRow;
                foreach (var row in grid.Rows(set))
                {
                    var line = Row(rowNumber, Text(0, rowNumber, row.Code, LockedStyle),
                        Text(1, rowNumber, new string(' ', row.Level * 2) + names.GetValueOrDefault(row.Code, row.Label), LockedStyle));
                    if (row.Template.Type == CellType.Text)
                        line.Append(Text(FirstValueColumn, rowNumber, content.Texts.GetValueOrDefault(FormAddress.Of(set.Code, row.Code)) ?? "", InputStyle));
                    else
                        for (var c = 0; c < set.Columns.Count; c++)
                        {
                            var address = FormAddress.Of(set.Code, row.Code, set.Columns[c].Code);
                            switch (grid.KindOf(set, row, set.Columns[c]))
                            {
                                case CellKind.Input: line.Append(Number(FirstValueColumn + c, rowNumber, content.Number(address), InputStyle)); break;
                                case CellKind.Computed: line.Append(Number(FirstValueColumn + c, rowNumber, check.Computed[address], ComputedStyle)); break;
                            }
                        }
                    data.Append(line);
                    rowNumber++;
                }
                part.Worksheet = new Worksheet(
                    new SheetViews(new SheetView(new Pane { VerticalSplit = 2, HorizontalSplit = 2, TopLeftCell = "C3", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomRight }) { WorkbookViewId = 0 }),
                    new Columns(new Column { Min = 1, Max = 1, Width = 12, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 60, CustomWidth = true },
                        new Column { Min = 3, Max = (uint)(2 + set.Columns.Count), Width = 16, CustomWidth = true }),
                    data,
                    // Only the unlocked input cells can be changed; no password: protection guides, it does not secure.
                    new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = set.Name });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Reads an uploaded workbook into form content; errors name the sheet and cell. Nothing is kept when any cell is bad.</summary>
    public static (FormContent Content, List<string> Errors, Dictionary<string, string> Where) Read(LoadedForm loaded, Stream input)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, JsonElement>();
        var where = new Dictionary<string, string>(); // form address → Sheet!Ref
        var obce = new List<FormObec>();
        var grid = new FormGrid(loaded.Template, loaded.Content, loaded.Context);
        SpreadsheetDocument document;
        try { document = SpreadsheetDocument.Open(input, false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            return (new FormContent(), ["Soubor není sešit Excelu (XLSX)."], []);
        }
        using (document)
        {
            var workbook = document.WorkbookPart!;
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            foreach (var set in grid.Sets)
            {
                var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().FirstOrDefault(s => s.Name == set.Name);
                if (sheet is null) { errors.Add($"List „{set.Name}“ v sešitu chybí (sešit je z jiné šablony nebo byl změněn)."); continue; }
                var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
                string? orp = null;
                foreach (var row in part.Worksheet.Descendants<Row>().Where(r => r.RowIndex! >= FirstDataRow))
                {
                    var cells = row.Elements<Cell>().ToDictionary(c => ColumnIndex(c.CellReference!), c => c);
                    var code = cells.TryGetValue(0, out var codeCell) ? CellText(codeCell, strings)?.Trim() : null;
                    if (string.IsNullOrEmpty(code)) continue;
                    var reference = $"{set.Name}!A{row.RowIndex}";
                    if (code.StartsWith(FormAddress.OrpPrefix, StringComparison.Ordinal)) orp = code[FormAddress.OrpPrefix.Length..];
                    else if (code.StartsWith(FormAddress.ObecPrefix, StringComparison.Ordinal))
                    {
                        if (orp is null) { errors.Add($"{reference}: obec musí být pod řádkem svého SO ORP."); continue; }
                        obce.Add(new FormObec(orp, code[FormAddress.ObecPrefix.Length..]));
                        where[FormAddress.Of(set.Code, code)] = reference;
                    }
                    else if (set.Row(code) is null) { errors.Add($"{reference}: řádek „{code}“ v šabloně není."); continue; }
                    var template = set.Row(code);
                    if (template?.Type == CellType.Text)
                    {
                        var address = FormAddress.Of(set.Code, code);
                        var text = cells.TryGetValue(FirstValueColumn, out var t) ? CellText(t, strings) : null;
                        if (!string.IsNullOrEmpty(text)) values[address] = JsonSerializer.SerializeToElement(text);
                        where[address] = $"{set.Name}!{ColumnName(FirstValueColumn)}{row.RowIndex}";
                        continue;
                    }
                    for (var c = 0; c < set.Columns.Count; c++)
                    {
                        var address = FormAddress.Of(set.Code, code, set.Columns[c].Code);
                        var cellRef = $"{set.Name}!{ColumnName(FirstValueColumn + c)}{row.RowIndex}";
                        var isInput = code.StartsWith(FormAddress.ObecPrefix, StringComparison.Ordinal)
                            ? set.Columns[c].Kind == ColumnKind.Input
                            : template is { Kind: RowKind.Input } && set.Columns[c].Kind == ColumnKind.Input && grid.Applies(template);
                        if (!isInput || !cells.TryGetValue(FirstValueColumn + c, out var cell)) continue;
                        where[address] = cellRef;
                        var text = CellText(cell, strings)?.Trim();
                        if (string.IsNullOrEmpty(text)) continue;
                        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                            || decimal.TryParse(text.Replace(" ", "").Replace('\u00a0'.ToString(), ""), NumberStyles.Number, CultureInfo.GetCultureInfo("cs-CZ"), out number))
                            values[address] = JsonSerializer.SerializeToElement(number);
                        else errors.Add($"{cellRef}: „{text}“ není číslo.");
                    }
                }
            }
        }
        var (content, cellErrors) = FormCheck.Read(loaded.Template, loaded.Context, values, obce);
        var check = FormCheck.Run(loaded.Template, content, loaded.Context, loaded.Form.NegativesAllowed);
        errors.AddRange(cellErrors.Concat(check.Messages.Where(m => m.Severity == Severity.Invalid))
            .Select(m => $"{where.GetValueOrDefault(m.Cell, m.Cell)}: {m.Message}"));
        return (content, errors, where);
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),                                                                                 // locked text
            new CellFormat(new Protection { Locked = false }) { ApplyProtection = true, NumberFormatId = 4, ApplyNumberFormat = true }, // input #,##0.00
            new CellFormat { FillId = 2, ApplyFill = true, NumberFormatId = 4, ApplyNumberFormat = true },    // computed, grey
            new CellFormat { FontId = 1, ApplyFont = true }));                                                // header

    private static Row Row(uint index, params Cell[] cells)
    {
        var row = new Row { RowIndex = index };
        row.Append(cells);
        return row;
    }

    private static Cell Text(int column, uint row, string text, uint style) => new(new InlineString(new Text(text)))
    {
        CellReference = ColumnName(column) + row, DataType = CellValues.InlineString, StyleIndex = style,
    };

    private static Cell Number(int column, uint row, decimal value, uint style) => new(new CellValue(value))
    {
        CellReference = ColumnName(column) + row, DataType = CellValues.Number, StyleIndex = style,
    };

    private static string? CellText(Cell cell, string[] strings) =>
        cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < strings.Length ? strings[i]
        : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
        : cell.CellValue?.Text;

    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return index - 1;
    }
}
