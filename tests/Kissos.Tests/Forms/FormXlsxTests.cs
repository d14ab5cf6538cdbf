using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>A form downloaded as XLSX, edited as a person would in Excel, and uploaded back.</summary>
[Collection(DatabaseCollection.Name)]
public class FormXlsxTests(KissosApp app) : IClassFixture<KissosApp>
{
    private static void Edit(byte[] file, Action<string, Func<string, Cell>> edit, out byte[] edited)
    {
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            edit("", reference =>
            {
                var (sheetName, cellRef) = (reference.Split('!')[0], reference.Split('!')[1]);
                var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
                var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
                return part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == cellRef);
            });
            workbook.Workbook.Save();
        }
        edited = stream.ToArray();
    }

    private static string RefOf(byte[] file, string sheetName, string rowCode, int column)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
        var row = part.Worksheet.Descendants<Row>().Single(r => r.Elements<Cell>().First().InnerText == rowCode);
        return $"{sheetName}!{FormXlsx.ColumnName(column)}{row.RowIndex}";
    }

    [Fact]
    public async Task A_downloaded_workbook_edited_and_uploaded_back_saves_all_cells_or_reports_each_bad_one()
    {
        await using var db = app.Database.Open();
        var service = await db.Services.Where(s => s.ProviderIco == "73632783").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var staff = await app.ClientAsync(ApiClient.Regional);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/terms/2026/1", new TermInput("Plánovaný", new DateOnly(2026, 5, 31), null, new DateOnly(2027, 12, 31))), HttpStatusCode.OK);
        await staff.JsonAsync(await staff.PutAsync($"/api/forms/network/2026/{service}", new NetworkInput(2m, null)), HttpStatusCode.OK);
        var provider = await app.ClientAsync(ApiClient.Provider);
        var form = await provider.JsonAsync(await provider.PostAsync("/api/my/forms", new NewForm(service, 2026, 1, null)), HttpStatusCode.Created);
        var id = form.GetProperty("id").GetString();

        using var download = await provider.GetAsync($"/api/my/forms/{id}/xlsx");
        Assert.Equal(FormXlsx.ContentType, download.Content.Headers.ContentType!.MediaType);
        var file = await download.Content.ReadAsByteArrayAsync();
        // Column C is "Celkem" (a sum), D is source 1, E source 2.
        var salaries = RefOf(file, "Náklady a výnosy", "1.1", 3);
        var food = RefOf(file, "Náklady a výnosy", "2.2", 3);
        var total = RefOf(file, "Náklady a výnosy", "1.1", 2);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(file), false))
        {
            Assert.All(document.WorkbookPart!.WorksheetParts, p => Assert.True(p.Worksheet.Elements<SheetProtection>().Single().Sheet!.Value));
            var styles = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            Cell CellAt(string reference)
            {
                var sheet = document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == reference.Split('!')[0]);
                var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
                return part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference.Split('!')[1]);
            }
            Assert.False(styles[(int)CellAt(salaries).StyleIndex!.Value].Protection?.Locked?.Value ?? true);  // input: unlocked
            Assert.Null(styles[(int)CellAt(total).StyleIndex!.Value].Protection);                               // sum: locked (default)
        }

        Edit(file, (_, cell) =>
        {
            cell(salaries).CellValue = new CellValue("tisíc");
            cell(salaries).DataType = CellValues.String;
            cell(food).CellValue = new CellValue(-50m);
        }, out var bad);
        using var refused = await provider.Http.PutAsync($"/api/my/forms/{id}/xlsx", Body(bad));
        var problem = await provider.JsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("cells", out _), problem.ToString());
        var cells = problem.GetProperty("cells").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains(cells, c => c.StartsWith($"{salaries}: ") && c.Contains("není číslo"));
        Assert.Contains(cells, c => c.StartsWith($"{food}: ") && c.Contains("výjimkou"));

        Edit(file, (_, cell) =>
        {
            cell(salaries).CellValue = new CellValue(125000.5m);
            cell(food).CellValue = new CellValue(3000m);
        }, out var good);
        using var accepted = await provider.Http.PutAsync($"/api/my/forms/{id}/xlsx", Body(good));
        var saved = await provider.JsonAsync(accepted, HttpStatusCode.OK);
        Assert.Equal(125000.5m, saved.GetProperty("values").GetProperty("naklady/1.1/z1").GetDecimal());
        Assert.Equal(128000.5m, saved.GetProperty("check").GetProperty("computed").GetProperty("naklady/N/z1").GetDecimal());

        using var foreign = await provider.Http.PutAsync($"/api/my/forms/{id}/xlsx", Body("not a workbook"u8.ToArray()));
        Assert.Contains("není sešit", (await provider.JsonAsync(foreign, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(FormXlsx.ContentType);
        return content;
    }
}
