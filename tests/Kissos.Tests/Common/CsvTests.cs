using System.Text;
using Kissos.Common;

namespace Kissos.Tests.Common;

/// <summary>The shared CSV reader and writer: encodings, line numbers of faulty records, formula neutralisation.</summary>
public class CsvTests
{
    private const string Czech = "nazev;mesto\r\nDomov Štěstí – Žluťoučký kůň;Ústí\r\nŘeditelství ďábelských úlů;Šumperk\r\n";

    private static (string? Text, IReadOnlyList<ImportError> Errors) Decode(byte[] bytes, Encoding? declared = null)
    {
        var errors = new ImportErrorList("test.csv");
        return (CsvText.Decode(bytes, declared, errors), errors.Errors);
    }

    private static List<(int Line, string Message)> Rows(string text, string[] columns)
    {
        var errors = new ImportErrorList("test.csv");
        Csv.ReadRows(new MemoryStream(Encoding.UTF8.GetBytes(text)), columns, errors, (row, _) =>
        {
            foreach (var column in columns) row.Optional(column);
        });
        return errors.Errors.Select(e => (e.Number, e.Message)).ToList();
    }

    [Fact]
    public void Windows_1250_from_Czech_Excel_reads_as_the_same_text_as_UTF_8()
    {
        var cp1250 = CsvText.Windows1250.GetBytes(Czech);
        Assert.Contains((byte)0x8A, cp1250); // Š in Windows-1250: not valid UTF-8 on its own

        foreach (var (text, errors) in new[]
                 {
                     Decode(cp1250), Decode(Encoding.UTF8.GetBytes(Czech)), Decode([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Czech)]),
                     Decode(cp1250, CsvText.FromName("windows-1250")),
                 })
        {
            Assert.Empty(errors);
            Assert.Equal(Czech, text);
        }
    }

    [Fact]
    public void A_file_that_is_not_what_it_declares_is_refused_with_the_line()
    {
        var cp1250 = CsvText.Windows1250.GetBytes(Czech);

        var (text, errors) = Decode(cp1250, CsvText.FromName("utf-8"));
        var (bomText, bomErrors) = Decode([.. Encoding.UTF8.Preamble, .. cp1250]);

        Assert.Null(text);
        Assert.Equal(2, Assert.Single(errors).Number);
        Assert.Contains("není v kódování UTF-8", errors[0].Message);
        Assert.Null(bomText);
        Assert.Equal(2, Assert.Single(bomErrors).Number);
    }

    [Fact]
    public void A_replacement_character_or_NUL_is_never_accepted()
    {
        var (text, errors) = Decode(Encoding.UTF8.GetBytes("nazev\r\nDomov \uFFFDt\uFFFDst\uFFFD\r\nDobrý\r\nA\0B\r\n"));

        Assert.Null(text);
        Assert.Equal([2, 4], errors.Select(e => e.Number));
        Assert.Contains("náhradní znak", errors[0].Message);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    [InlineData("windows-1250")]
    [InlineData("cp1250")]
    public void Declared_charsets_are_known(string name) => Assert.NotNull(CsvText.FromName(name));

    [Fact]
    public void An_unknown_charset_is_not_guessed() => Assert.Null(CsvText.FromName("iso-8859-5"));

    [Fact]
    public void A_stray_quote_is_reported_on_its_own_line_and_the_next_row_reads_well()
    {
        var errors = Rows("ico;nazev\r\n00845451;Jan\"a s.r.o.\r\n73632783;Diakonie\r\n", ["ico", "nazev"]);

        var (line, message) = Assert.Single(errors);
        Assert.Equal(2, line);
        Assert.Contains("uvozovku", message);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens_and_the_rows_after_it_still_count()
    {
        var errors = Rows("ico;nazev\r\n00845451;\"Jan a s.r.o.\r\n73632783;Diakonie\r\n", ["ico", "nazev"]);

        var (line, message) = Assert.Single(errors);
        Assert.Equal(2, line);
        Assert.Contains("není do konce souboru uzavřena", message);
    }

    [Fact]
    public void A_quote_that_swallows_lines_is_cut_back_to_its_own_line()
    {
        // Line 2's opening quote would close at line 4's; lines 4–5 are one legal two-line field.
        var errors = Rows("ico;nazev\r\n00845451;\"Jan a s.r.o.\r\n73632783;Diakonie\r\n61985929;\"Dva\r\nřádky\"\r\nx;y;z\r\n", ["ico", "nazev"]);

        Assert.Equal([2, 6], errors.Select(e => e.Line));
        Assert.Contains("záznam se čte jen na řádku 2", errors[0].Message);
        Assert.Contains("3 pole, záhlaví 2 pole", errors[1].Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_of_the_record_it_starts_in()
    {
        var errors = Rows("ico;nazev\r\n00845451;\"Jan\"a s.r.o.\r\n73632783;Diakonie\r\n", ["ico", "nazev"]);

        Assert.Equal(2, Assert.Single(errors).Line);
    }

    [Fact]
    public void A_row_with_too_few_or_too_many_fields_is_refused_by_its_line()
    {
        var errors = Rows("ico;nazev;web\r\n00845451;Domov\r\n73632783;Diakonie;www;navíc\r\n;;\r\n\r\n61985929;Dominika;\r\n", ["ico", "nazev", "web"]);

        Assert.Equal([2, 3], errors.Select(e => e.Line));
        Assert.Contains("2 pole, záhlaví 3 pole", errors[0].Message);
        Assert.Contains("4 pole, záhlaví 3 pole", errors[1].Message);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.org\";\"x\")")]
    [InlineData("+420 571 629 084")]
    [InlineData("-5")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTAB")]
    [InlineData("\r\n=1+1")]
    [InlineData("'=already quoted")]
    [InlineData("''+420")]
    public void A_formula_start_is_neutralised_on_export_and_restored_on_import(string value)
    {
        var exported = CsvCell.Neutralize(value)!;

        Assert.StartsWith("'", exported);
        Assert.Equal(value, CsvCell.Restore(exported));
    }

    [Theory]
    [InlineData("Domov pro seniory")]
    [InlineData("'citát'")]
    [InlineData("571 629 084")]
    [InlineData("")]
    public void Other_text_goes_out_and_back_unchanged(string value)
    {
        Assert.Equal(value, CsvCell.Neutralize(value));
        Assert.Equal(value, CsvCell.Restore(value));
    }

    [Fact]
    public async Task Every_cell_the_server_writes_is_neutralised()
    {
        using var output = new MemoryStream();

        await Csv.WriteAsync(output, ["a", "b"], [["=1+1", "+420 571 629 084"], ["-", "ok"]], CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal(["a;b", "'=1+1;'+420 571 629 084", "'-;ok", ""], lines);
    }
}

public class IcoTests
{
    [Theory]
    [InlineData("73632783")]
    [InlineData("00845451")]
    [InlineData("61985929")]
    public void A_valid_ico_passes(string ico) => Assert.Null(Ico.Error(ico));

    [Theory]
    [InlineData("73632784", "kontrolní číslici")]
    [InlineData("12345678", "kontrolní číslici")]
    [InlineData("845451", "00845451")]   // Excel dropped two zeros
    [InlineData("123", "nemá 8 číslic")]
    [InlineData("7363 2783", "jen číslice")]
    public void An_invalid_ico_says_why(string ico, string reason) => Assert.Contains(reason, Ico.Error(ico));
}
