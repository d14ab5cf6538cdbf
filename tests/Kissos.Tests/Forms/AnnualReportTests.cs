using Kissos.Forms;

namespace Kissos.Tests.Forms;

/// <summary>Výkaz skutečnost on the default template without a database: transfer, the per-IČO set and each cross-set check.</summary>
public class AnnualReportTests
{
    private static readonly FormTemplate Report = FormDefaults.Files().Single(t => t.Family == "vykaz-skutecnost");
    private static readonly FormTemplate Settlement = FormCheckTests.Template;
    private static readonly FormContext Home = new("13", ["pob"], 3, 20.5m, 40);   // domov pro seniory, term 3
    private static readonly FormContext Field = new("32", ["ter"], 3, 3m, null);   // terénní programy

    private static FormContent SignedSettlement() => new()
    {
        Numbers =
        {
            ["jednotky/1.1/skutecnost"] = 2.5m, ["jednotky/1.2.1/skutecnost"] = 10m, ["jednotky/1.3/skutecnost"] = 3m,
            ["jednotky/luzka/skutecnost"] = 40, ["specificka/uzivatele/skutecnost"] = 55, ["specificka/luzkodny/skutecnost"] = 13000,
            ["naklady/1.1/z1"] = 1_000_000m, ["naklady/1.1/z4"] = 250_000m, ["naklady/V1/z1"] = 900_000m,
        },
    };

    private static FormTransfer.Source Source(FormContent? content = null) =>
        new(Settlement, content ?? SignedSettlement(), Home, "Rozpočet a vyúčtování, 3. termín 2026");

    private static FormExternals SourceTotals(FormContent settlement)
    {
        var grid = new FormGrid(Settlement, settlement, Home);
        var values = Report.Checks.SelectMany(c => new[] { c.Left, c.Right }).SelectMany(e => CrossChecks.Tokens(e).Tokens)
            .Where(t => t.StartsWith(CrossChecks.SourcePrefix)).Distinct()
            .ToDictionary(t => t, t => grid.ValueAt(t[CrossChecks.SourcePrefix.Length..]));
        return new FormExternals(values, new Dictionary<string, List<string>>());
    }

    private static CheckOutcome Outcome(CheckResult result, string code) => result.Protocol.Single(p => p.Code == code);

    [Fact]
    public void The_template_validates_and_exists_only_in_terms_3_and_4_with_a_qualified_signature()
    {
        Assert.Empty(TemplateValidation.Validate(Report));
        Assert.Equal([3, 4], Report.Terms);
        Assert.Equal(SignatureKind.Qualified, Report.Signature);
        Assert.All(Report.Transfer!.Sets.Keys, code => Assert.NotNull(Report.Set(code)));
    }

    [Fact]
    public void Signing_copies_the_settlement_into_the_sets_by_address_and_marks_the_origin()
    {
        var (content, copied, kept) = FormTransfer.Apply(Report, Home, new FormContent(), Source());

        Assert.Equal(2.5m, content.Numbers["pracovnici/1.1/skutecnost"]);
        Assert.Equal(10m, content.Numbers["pracovnici/1.2.1/skutecnost"]);
        Assert.Equal(40, content.Numbers["specificka/luzka/skutecnost"]);
        Assert.Equal(1_000_000m, content.Numbers["finance-naklady/1.1/z1"]);
        Assert.Equal(900_000m, content.Numbers["finance-vynosy/V1/z1"]);
        Assert.Equal("Rozpočet a vyúčtování, 3. termín 2026", content.Transferred["finance-naklady/1.1/z4"]);
        Assert.False(content.Numbers.ContainsKey("pracovnici/2.1/skutecnost"));   // other staff are not in the settlement
        Assert.False(content.Numbers.ContainsKey("specificka/odmitnuti/skutecnost")); // unfilled there (−1) is not copied
        Assert.Equal(content.Transferred.Count, copied);
        Assert.Equal(0, kept);
    }

    [Fact]
    public void A_value_typed_by_hand_is_never_overwritten_and_a_second_transfer_replaces_the_first()
    {
        var typed = new FormContent { Numbers = { ["pracovnici/1.1/skutecnost"] = 2.75m } };
        var (first, _, kept) = FormTransfer.Apply(Report, Home, typed, Source());
        var corrected = SignedSettlement();
        corrected.Numbers["naklady/1.1/z1"] = 1_100_000m;
        corrected.Numbers.Remove("naklady/1.1/z4");

        var (second, _, _) = FormTransfer.Apply(Report, Home, first, Source(corrected));

        Assert.Equal(1, kept);
        Assert.Equal(2.75m, second.Numbers["pracovnici/1.1/skutecnost"]);
        Assert.False(second.Transferred.ContainsKey("pracovnici/1.1/skutecnost"));
        Assert.Equal(1_100_000m, second.Numbers["finance-naklady/1.1/z1"]);
        Assert.False(second.Numbers.ContainsKey("finance-naklady/1.1/z4")); // gone from the source, gone here
    }

    [Fact]
    public void A_transferred_cell_cannot_be_changed_on_save_and_an_omitted_one_is_put_back()
    {
        var (report, _, _) = FormTransfer.Apply(Report, Home, new FormContent(), Source());
        var errors = new List<CellMessage>();
        var sent = new FormContent { Numbers = { ["finance-naklady/1.1/z1"] = 5m, ["pracovnici/2.1/skutecnost"] = 1m } };

        var kept = FormTransfer.KeepTransferred(report, sent, errors);

        Assert.Contains("převzata z formuláře Rozpočet a vyúčtování", Assert.Single(errors).Message);
        Assert.Equal(1_000_000m, kept.Numbers["finance-naklady/1.1/z1"]);
        Assert.Equal(2.5m, kept.Numbers["pracovnici/1.1/skutecnost"]);
        Assert.Equal(1m, kept.Numbers["pracovnici/2.1/skutecnost"]);
        Assert.Equal(report.Transferred, kept.Transferred);
    }

    [Fact]
    public void Transferred_values_pass_the_equality_checks_with_the_settlement()
    {
        var settlement = SignedSettlement();
        var (report, _, _) = FormTransfer.Apply(Report, Home, new FormContent(), Source(settlement));

        var result = FormCheck.Run(Report, report, Home, false, SourceTotals(settlement));

        foreach (var code in new[] { "K01", "K02", "K03", "K04" }) Assert.Equal("ok", Outcome(result, code).Outcome);
    }

    public static TheoryData<string, string, decimal, string> FailingChecks => new()
    {
        { "K01", "pracovnici/1.1/skutecnost", 2.75m, "chyba" },
        { "K02", "finance-naklady/2.2/z1", 100m, "chyba" },
        { "K03", "finance-vynosy/V2/z1", 100m, "chyba" },
        { "K04", "specificka/luzka/skutecnost", 41m, "chyba" },
        { "K05", "specificka/luzkodny/skutecnost", 14_601m, "chyba" },   // 40 beds × 365 days = 14 600
        { "K07", "specificka/odmitnuti-kapacita/skutecnost", 6m, "chyba" },
    };

    /// <summary>Each check on its own: a report where every check holds, then one cell changed so that exactly this check fails.</summary>
    [Theory]
    [MemberData(nameof(FailingChecks))]
    public void Each_check_fails_on_its_own_cell_with_its_message(string code, string cell, decimal value, string outcome)
    {
        var settlement = SignedSettlement();
        var externals = SourceTotals(settlement);
        var (report, _, _) = FormTransfer.Apply(Report, Home, new FormContent(), Source(settlement));
        report.Numbers["specificka/provozni-dny/skutecnost"] = 365;
        report.Numbers["specificka/odmitnuti/skutecnost"] = 5;
        report.Numbers["specificka/odmitnuti-kapacita/skutecnost"] = 2;
        report.Numbers["finance-naklady/2.2/z1"] = 0;
        report.Numbers["finance-vynosy/V2/z1"] = 0;
        Assert.DoesNotContain(FormCheck.Run(Report, report, Home, false, externals).Protocol, p => p.Outcome is "chyba" or "varovani");
        var broken = report with { Numbers = new(report.Numbers) { [cell] = value }, Transferred = [] };

        var result = FormCheck.Run(Report, broken, Home, false, externals);

        Assert.Equal(outcome, Outcome(result, code).Outcome);
        Assert.Equal([code], result.Protocol.Where(p => p.Outcome != "ok" && p.Outcome != "neprovedeno" && p.Code != CrossChecks.PerIcoCode).Select(p => p.Code));
        var message = result.Messages.Single(m => m.Message.StartsWith(code + ":"));
        Assert.Equal(Severity.Incomplete, message.Severity);
        Assert.False(result.CanHandIn);
    }

    [Fact]
    public void A_warning_informs_but_does_not_block_handing_in()
    {
        var content = new FormContent { Numbers = { ["specificka/hodiny-kapacita/skutecnost"] = 100, ["specificka/hodiny-skutecnost/skutecnost"] = 120 } };

        var result = FormCheck.Run(Report, content, Field, false);

        Assert.Equal("varovani", Outcome(result, "K08").Outcome);
        Assert.Contains(result.Messages, m => m.Severity == Severity.Warning && m.Message.StartsWith("K08:"));
        Assert.Equal("neprovedeno", Outcome(result, "K05").Outcome); // bed-days do not apply to a field service
    }

    [Fact]
    public void Unique_employees_per_ico_may_be_filled_at_one_service_only_and_say_where()
    {
        var here = new FormContent { Numbers = { ["unicitni/prima/osoby"] = 12, ["unicitni/neprima/osoby"] = 3 } };
        var zeros = new FormContent { Numbers = { ["unicitni/prima/osoby"] = 0, ["unicitni/neprima/osoby"] = 0 } };
        var elsewhere = new FormExternals(new Dictionary<string, decimal>(), new Dictionary<string, List<string>> { ["unicitni"] = ["Domov Letná"] });

        var twice = FormCheck.Run(Report, here, Home, false, elsewhere);
        var atOther = FormCheck.Run(Report, zeros, Home, false, elsewhere);
        var nowhere = FormCheck.Run(Report, zeros, Home, false);

        var error = twice.Messages.Single(m => m.Cell == "unicitni/prima/osoby" && m.Message.Contains("jen u jedné služby"));
        Assert.Equal(Severity.Incomplete, error.Severity);
        Assert.Contains("„Domov Letná“", error.Message);
        Assert.Contains("„Domov Letná“", Outcome(atOther, CrossChecks.PerIcoCode).Message);
        Assert.DoesNotContain(atOther.Messages, m => m.Cell.StartsWith("unicitni/"));
        Assert.Contains(nowhere.Messages, m => m.Severity == Severity.Warning && m.Message.Contains("není vyplněna u žádné služby"));
        Assert.False(FormCheck.Run(Report, here with { Numbers = new(here.Numbers) { ["unicitni/prima/osoby"] = 12.5m } }, Home, false).CanSave);
    }

    [Fact]
    public void Unique_employees_are_compared_with_the_fte_of_the_whole_ico()
    {
        var content = new FormContent { Numbers = { ["unicitni/prima/osoby"] = 40, ["pracovnici/1.1/skutecnost"] = 1m } };
        var others = new FormExternals(new Dictionary<string, decimal> { ["ico:pracovnici/1/skutecnost"] = 4m }, new Dictionary<string, List<string>>());

        Assert.Equal("chyba", Outcome(FormCheck.Run(Report, content, Home, false), "K06").Outcome); // 40 > 1 × 10
        Assert.Equal("ok", Outcome(FormCheck.Run(Report, content, Home, false, others), "K06").Outcome); // 40 ≤ (1 + 4) × 10
    }

    /// <summary>K06's persons per FTE (10, i.e. at least 0.1 FTE a person) is a proposal kept in the template's check table, not in code.</summary>
    [Fact]
    public void The_persons_per_FTE_of_K06_is_the_templates_number()
    {
        var content = new FormContent { Numbers = { ["unicitni/prima/osoby"] = 40, ["pracovnici/1.1/skutecnost"] = 1m } };
        var k06 = Report.Checks.Single(c => c.Code == "K06");
        Assert.EndsWith(" * 10", k06.Right);
        var lenient = Report with { Checks = [.. Report.Checks.Select(c => c == k06 ? c with { Right = c.Right.Replace(" * 10", " * 40") } : c)] };

        Assert.Equal("chyba", Outcome(FormCheck.Run(Report, content, Home, false), "K06").Outcome);   // 40 > 1 × 10
        Assert.Equal("ok", Outcome(FormCheck.Run(lenient, content, Home, false), "K06").Outcome);     // 40 ≤ 1 × 40
    }

    [Theory]
    [InlineData("a/b/c +", "není úplný")]
    [InlineData("a/b/c x 2", "místo operátoru")]
    public void A_malformed_check_expression_is_refused_when_the_template_is_uploaded(string expression, string expected)
    {
        var broken = Report with { Checks = [Report.Checks[0] with { Left = expression }] };

        Assert.Contains(TemplateValidation.Validate(broken), e => e.Contains("K01") && e.Contains(expected));
    }

    [Fact]
    public void A_check_reading_a_cell_the_template_lacks_is_refused()
    {
        var broken = Report with { Checks = [Report.Checks[0] with { Right = "pracovnici/9.9/skutecnost" }] };

        Assert.Contains(TemplateValidation.Validate(broken), e => e.Contains("'pracovnici/9.9/skutecnost' v šabloně není"));
    }
}
