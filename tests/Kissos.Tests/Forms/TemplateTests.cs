using Kissos.Forms;

namespace Kissos.Tests.Forms;

/// <summary>The template file: the default one is built from the shared facts, and a changed file is checked before use.</summary>
public class TemplateTests
{
    private static string DefaultJson => FormCheckTests.Template.ToJson();

    [Fact]
    public void The_default_template_carries_the_MPSV_items_positions_and_13_sources()
    {
        var t = FormCheckTests.Template;

        Assert.Empty(TemplateValidation.Validate(t));
        var naklady = t.Set("naklady")!;
        Assert.Equal(13, naklady.Columns.Count(c => c.Code.StartsWith('z')));
        Assert.All(naklady.Columns.Where(c => c.Code != "celkem" && c.Code != "z1"), c => Assert.True(c.Foldable));
        Assert.Equal("2.6.8 pracovníci v přímé péči (mimo pracovní poměr, DPP, DPČ)", naklady.Row("2.6.8")!.Label);
        Assert.Equal(["1.2.1", "1.2.2", "1.2.3", "1.2.4"], t.Set("jednotky")!.Row("1.2")!.Sum);
        Assert.Equal(RowKind.Obce, naklady.Row("V6")!.Kind);
        Assert.Equal(["Počet jednotek služby", "Vybraná specifická data", "Sběr pilotních dat", "Rozdělení indikátoru", "Textová pole", "Náklady a výnosy"],
            t.Sets.Select(s => s.Name));
    }

    [Fact]
    public void A_template_round_trips_through_its_file()
    {
        var (again, errors) = TemplateValidation.Parse(DefaultJson);

        Assert.Empty(errors);
        Assert.Equal(DefaultJson, again!.ToJson());
    }

    public static TheoryData<string, string, string> BrokenTemplates => new()
    {
        { "a sum of an unknown row", "\"-N\"", "\"-X\"" },
        { "an unknown cell type", "\"type\": \"money\"", "\"type\": \"euro\"" },
        { "a sheet name Excel refuses", "\"name\": \"Náklady a výnosy\"", "\"name\": \"Náklady/výnosy\"" },
        { "a cycle of sums", "\"sum\": [\n            \"V\",\n            \"-N\"", "\"sum\": [\n            \"rozdil\",\n            \"-N\"" },
        { "an unknown kraj", "\"kraj\": \"CZ072\"", "\"kraj\": \"Zlín\"" },
    };

    [Theory]
    [MemberData(nameof(BrokenTemplates))]
    public void A_broken_template_file_is_refused_with_a_Czech_reason(string why, string find, string replace)
    {
        Assert.Contains(find, DefaultJson);
        var (template, errors) = TemplateValidation.Parse(DefaultJson.Replace(find, replace));

        Assert.True(template is null && errors.Count > 0, why);
        Assert.DoesNotContain(errors, e => e.Length == 0);
    }
}
