using System.Text.Json;
using Kissos.Forms;

namespace Kissos.Tests.Forms;

/// <summary>The rules of the forms engine on the default template "Rozpočet a vyúčtování", without a database.</summary>
public class FormCheckTests
{
    public static readonly FormTemplate Template = FormDefaults.Files().Single(t => t.Family == "rozpocet-a-vyuctovani");
    private static readonly FormContext Home = new("13", ["pob"], 1, 20.5m, 40);      // domov pro seniory
    private static readonly FormContext Field = new("32", ["ter"], 2, 3m, null);      // terénní programy, term 2

    private static CheckResult Check(FormContent content, FormContext? context = null, bool negatives = false) =>
        FormCheck.Run(Template, content, context ?? Home, negatives);

    private static string[] MessagesAt(CheckResult result, string cell) =>
        result.Messages.Where(m => m.Cell == cell).Select(m => m.Message).ToArray();

    [Fact]
    public void Every_numeric_cell_starts_unfilled_and_blocks_handing_in_but_not_saving()
    {
        var result = Check(new FormContent());

        Assert.True(result.CanSave);
        Assert.False(result.CanHandIn);
        Assert.Contains("Nevyplněno (−1)", MessagesAt(result, "naklady/1.1/z2").Single());
        Assert.Contains("Nevyplněno (−1)", MessagesAt(result, "jednotky/1.2.1/skutecnost").Single());
        Assert.Empty(MessagesAt(result, "naklady/1/z2"));        // a sum row is computed, never typed
        Assert.Empty(MessagesAt(result, "naklady/1.1/celkem"));  // so is the total column
        Assert.Equal(0, result.Computed["naklady/N/celkem"]);    // −1 counts as 0 in sums
    }

    [Fact]
    public void Negative_values_need_the_kraj_exception_and_minus_one_stays_unfilled()
    {
        var content = new FormContent { Numbers = { ["naklady/1.1/z1"] = -500 } };

        Assert.Contains("výjimkou", MessagesAt(Check(content), "naklady/1.1/z1").Single());
        Assert.False(Check(content).CanSave);
        Assert.Empty(MessagesAt(Check(content, negatives: true), "naklady/1.1/z1"));
        Assert.Equal(-500, Check(content, negatives: true).Computed["naklady/N/z1"]);
    }

    public static TheoryData<string, decimal, string> BadValues => new()
    {
        { "jednotky/1.1/skutecnost", 1.234m, "2 desetinná místa" },
        { "naklady/2.2/z3", 10.001m, "haléře" },
        { "specificka/uzivatele/skutecnost", 12.5m, "celé číslo" },
        { "pilotni/souhlas/skutecnost", 2m, "1 (ano) nebo 0 (ne)" },
        { "pilotni/podil-kontaktu/skutecnost", 100.5m, "větší než 100" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_value_that_does_not_fit_its_cell_type_cannot_be_saved(string cell, decimal value, string expected)
    {
        var result = Check(new FormContent { Numbers = { [cell] = value } });

        Assert.False(result.CanSave);
        Assert.Contains(expected, MessagesAt(result, cell).Single());
    }

    [Fact]
    public void Sum_rows_and_the_total_column_add_up_through_every_level()
    {
        var content = new FormContent
        {
            Numbers =
            {
                ["naklady/1.1/z2"] = 1000, ["naklady/1.2/z2"] = 200.50m, ["naklady/2.6.1/z2"] = 300,
                ["naklady/2.6.1/z1"] = 50, ["naklady/V4/z2"] = 1500.50m,
            },
        };

        var computed = Check(content).Computed;

        Assert.Equal(1200.50m, computed["naklady/1/z2"]);
        Assert.Equal(300, computed["naklady/2.6/z2"]);
        Assert.Equal(300, computed["naklady/2/z2"]);
        Assert.Equal(1500.50m, computed["naklady/N/z2"]);
        Assert.Equal(350, computed["naklady/2.6.1/celkem"]);
        Assert.Equal(1550.50m, computed["naklady/N/celkem"]);
        Assert.Equal(0, computed["naklady/rozdil/z2"]);
        Assert.Equal(-50, computed["naklady/rozdil/z1"]);
    }

    [Fact]
    public void Each_must_balance_source_needs_a_zero_difference_and_the_others_need_not()
    {
        var content = new FormContent
        {
            Numbers =
            {
                ["naklady/1.1/z2"] = 1000, ["naklady/V4/z2"] = 900,   // source 2: loss of 100
                ["naklady/1.1/z1"] = 1000, ["naklady/V1/z1"] = 5000,  // source 1: profit allowed
                ["naklady/1.1/z10"] = 10, ["naklady/V9/z10"] = 20,    // source 10: profit of 10
            },
        };

        var result = Check(content);

        Assert.Contains("je -100,00 Kč", MessagesAt(result, "naklady/rozdil/z2").Single());
        Assert.Single(MessagesAt(result, "naklady/rozdil/z10"));
        Assert.Empty(MessagesAt(result, "naklady/rozdil/z1"));
        Assert.Empty(MessagesAt(result, "naklady/rozdil/z11"));
        var balancing = Template.Set("naklady")!.Columns.Where(c => c.MustBalance).Select(c => c.Code);
        Assert.Equal(["z2", "z3", "z4", "z5", "z6", "z7", "z8", "z9", "z10"], balancing);
    }

    [Fact]
    public void Obce_add_up_under_their_SO_ORP_row_which_is_read_only()
    {
        var content = new FormContent
        {
            Obce = [new("7107", "500496"), new("7107", "552356"), new("7202", "585068")],
            Numbers = { ["naklady/obec:500496/z7"] = 1000, ["naklady/obec:552356/z7"] = 250.25m, ["naklady/obec:585068/z7"] = 100 },
        };

        var result = Check(content);

        Assert.Equal(1250.25m, result.Computed["naklady/orp:7107/z7"]);
        Assert.Equal(100, result.Computed["naklady/orp:7202/z7"]);
        Assert.Equal(1350.25m, result.Computed["naklady/V6/z7"]);
        Assert.Equal(1350.25m, result.Computed["naklady/V/z7"]);
        Assert.Equal(1250.25m, result.Computed["naklady/orp:7107/celkem"]);
        var (_, errors) = FormCheck.Read(Template, Home, new Dictionary<string, JsonElement>
        {
            ["naklady/orp:7107/z7"] = JsonSerializer.SerializeToElement(5),
            ["naklady/V6/z7"] = JsonSerializer.SerializeToElement(5),
        }, content.Obce);
        Assert.Equal(["naklady/orp:7107/z7", "naklady/V6/z7"], errors.Select(e => e.Cell));
    }

    [Fact]
    public void An_obec_removed_from_the_list_leaves_the_ORP_sum()
    {
        var both = new FormContent
        {
            Obce = [new("7107", "500496"), new("7107", "552356")],
            Numbers = { ["naklady/obec:500496/z7"] = 1000, ["naklady/obec:552356/z7"] = 250 },
        };
        var one = both with { Obce = [new("7107", "500496")] };

        Assert.Equal(1000, Check(one).Computed["naklady/orp:7107/z7"]);
        Assert.DoesNotContain("naklady/orp:7202/z7", Check(one).Computed.Keys);
    }

    [Fact]
    public void The_row_Jine_needs_a_comment_when_not_zero()
    {
        var content = new FormContent { Numbers = { ["naklady/V7/z13"] = 12_000 } };

        Assert.Contains("komentáři", MessagesAt(Check(content), "naklady/komentar").Single());
        Assert.Empty(MessagesAt(Check(content with { Texts = new() { ["naklady/komentar"] = "MAS Vizovicko 12 000 Kč" } }), "naklady/komentar"));
        Assert.Empty(MessagesAt(Check(new FormContent { Numbers = { ["naklady/V7/z13"] = 0 } }), "naklady/komentar"));
    }

    [Fact]
    public void Pilot_data_are_required_only_with_consent_1()
    {
        var refused = Check(new FormContent { Numbers = { ["pilotni/souhlas/skutecnost"] = 0 } });
        var agreed = Check(new FormContent { Numbers = { ["pilotni/souhlas/skutecnost"] = 1 } });
        var unanswered = Check(new FormContent());

        Assert.Empty(MessagesAt(refused, "pilotni/uzivatele-31-12/skutecnost"));
        Assert.Single(MessagesAt(agreed, "pilotni/uzivatele-31-12/skutecnost"));
        Assert.Single(MessagesAt(unanswered, "pilotni/souhlas/skutecnost"));
        Assert.DoesNotContain(Check(new FormContent(), new FormContext("1", ["amb"], 1, 1, null)).Messages, m => m.Cell.StartsWith("pilotni/"));
    }

    [Fact]
    public void Rows_and_sets_follow_the_service_and_the_term()
    {
        var home = Check(new FormContent());
        var field = Check(new FormContent(), Field);

        Assert.Single(MessagesAt(home, "jednotky/luzka/skutecnost"));
        Assert.Empty(MessagesAt(field, "jednotky/luzka/skutecnost"));
        Assert.Single(MessagesAt(field, "jednotky/program-b/skutecnost"));  // part B from term 2, field services
        Assert.Empty(MessagesAt(Check(new FormContent(), Field with { Term = 1 }), "jednotky/program-b/skutecnost"));
        Assert.Equal(20.5m, home.Computed["jednotky/1/sit"]);               // baseline from the network
        Assert.Equal(40, home.Computed["jednotky/luzka/sit"]);
        Assert.DoesNotContain(home.Messages, m => m.Cell.StartsWith("texty/")); // text fields only in term 3
    }

    [Fact]
    public void The_proportional_split_adds_up_exactly_to_the_total()
    {
        Assert.Equal([33.34m, 33.33m, 33.33m], FormCheck.ProportionalSplit(100, [1, 1, 1])!);
        Assert.Equal([75m, 25m], FormCheck.ProportionalSplit(100, [300_000, 100_000])!);
        Assert.Equal([0.01m, 0m], FormCheck.ProportionalSplit(0.01m, [2, 1])!);
        Assert.Null(FormCheck.ProportionalSplit(100, [0, 0]));
        var parts = FormCheck.ProportionalSplit(1234.57m, [7, 11, 13])!;
        Assert.Equal(1234.57m, parts.Sum());
    }

    [Fact]
    public void The_indicator_split_is_offered_by_the_resources_of_each_programme()
    {
        var content = new FormContent
        {
            Numbers = { ["indikatory/celkem/skutecnost"] = 90, ["naklady/V4/z2"] = 200_000, ["naklady/V5/z4"] = 100_000 },
        };

        var suggestions = Check(content).Suggestions;

        Assert.Equal(60, suggestions["indikatory/p-z2/skutecnost"]);
        Assert.Equal(0, suggestions["indikatory/p-z3/skutecnost"]);
        Assert.Equal(30, suggestions["indikatory/p-z4/skutecnost"]);
    }

    [Fact]
    public void Reading_the_page_reports_each_bad_cell_by_address()
    {
        var values = new Dictionary<string, JsonElement>
        {
            ["naklady/1.1/z2"] = JsonSerializer.SerializeToElement("tisíc"),
            ["naklady/9.9/z2"] = JsonSerializer.SerializeToElement(1),
            ["naklady/1.1/z3"] = JsonSerializer.SerializeToElement(12.5),
            ["naklady/komentar"] = JsonSerializer.SerializeToElement("text"),
            ["naklady/1.2/z3"] = JsonSerializer.SerializeToElement(-1),
        };

        var (content, errors) = FormCheck.Read(Template, Home, values, []);

        Assert.Equal(["naklady/1.1/z2", "naklady/9.9/z2"], errors.Select(e => e.Cell).Order());
        Assert.Equal(12.5m, content.Numbers["naklady/1.1/z3"]);
        Assert.False(content.Numbers.ContainsKey("naklady/1.2/z3")); // −1 is "not filled", not a value
        Assert.Equal("text", content.Texts["naklady/komentar"]);
    }
}
