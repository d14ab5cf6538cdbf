using System.Globalization;
using System.Text.Json;

namespace Kissos.Forms;

/// <summary>Invalid values cannot be saved; Incomplete ones can be saved but block handing the form in; warnings inform.</summary>
public enum Severity { Invalid, Incomplete, Warning }

/// <summary>One message about one cell (address set/row/column or set/row), in Czech.</summary>
public sealed record CellMessage(string Cell, string Message, Severity Severity);

/// <summary>
/// The outcome of checking a form: computed cells (sums, SO ORP rows, baseline), messages by cell, the proportional
/// splits offered, and the overview totals. The page shows exactly this as the provider types.
/// </summary>
public sealed record CheckResult(
    Dictionary<string, decimal> Computed, List<CellMessage> Messages, Dictionary<string, decimal> Suggestions,
    Dictionary<string, decimal> Totals)
{
    public bool CanSave => Messages.All(m => m.Severity != Severity.Invalid);
    public bool CanHandIn => Messages.All(m => m.Severity == Severity.Warning);
    /// <summary>The protocol of the template's cross-set checks ("Kontrola"), in the template's order.</summary>
    public List<CheckOutcome> Protocol { get; init; } = [];
}

/// <summary>
/// The rules of every form, as one pure function of (template, values, exception, context). Numeric cells start at −1
/// (not filled) and must be ≥ 0 to hand in; −1 counts as 0 in sums. Negative values other than −1 need the kraj's
/// exception. The rules of the template (balance, comment required, consent, split) come on top.
/// </summary>
public static class FormCheck
{
    public const decimal Unfilled = -1;
    public const string UnitsBaseline = "units";
    public const string BedsBaseline = "beds";
    public const int MaxText = 4000;
    private static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    public static CheckResult Run(FormTemplate template, FormContent content, FormContext context, bool negativesAllowed,
        FormExternals? externals = null)
    {
        var grid = new FormGrid(template, content, context);
        var messages = new List<CellMessage>();
        var computed = new Dictionary<string, decimal>();
        var suggestions = new Dictionary<string, decimal>();
        foreach (var set in grid.Sets)
        {
            var optional = OptionalRows(set, content, context);
            foreach (var row in grid.Rows(set))
            {
                if (row.Template.Type == CellType.Text)
                {
                    if (content.Texts.GetValueOrDefault(FormAddress.Of(set.Code, row.Code))?.Length > MaxText)
                        messages.Add(new(FormAddress.Of(set.Code, row.Code), $"Text je delší než {MaxText} znaků.", Severity.Invalid));
                    continue;
                }
                foreach (var column in set.Columns)
                {
                    var address = FormAddress.Of(set.Code, row.Code, column.Code);
                    switch (grid.KindOf(set, row, column))
                    {
                        case CellKind.Computed:
                            computed[address] = grid.Value(set, row.Code, column);
                            break;
                        case CellKind.Input:
                            var value = content.Number(address);
                            if (value == Unfilled)
                            {
                                if (!optional.Contains(row.Code))
                                    messages.Add(new(address, "Nevyplněno (−1): zadejte hodnotu, nebo 0, pokud se ukazatel nesleduje.", Severity.Incomplete));
                            }
                            else if (ValueProblem(row.Template.Type, value, negativesAllowed) is { } problem)
                                messages.Add(new(address, problem, Severity.Invalid));
                            break;
                    }
                }
            }
            foreach (var duplicate in grid.Obce(set).GroupBy(o => o.Obec).Where(g => g.Count() > 1))
                messages.Add(new(FormAddress.Of(set.Code, FormAddress.ObecPrefix + duplicate.Key), "Obec je přidána vícekrát.", Severity.Invalid));
            foreach (var rule in set.Rules) ApplyRule(grid, set, rule, content, messages, suggestions);
        }
        var totals = template.Totals.ToDictionary(t => t.Code, t =>
            FormAddress.TryParse(t.Cell, out var a) && grid.Sets.FirstOrDefault(s => s.Code == a.Set) is { } s && s.Column(a.Column!) is { } c
                ? grid.Value(s, a.Row, c) : 0m);
        var protocol = CrossChecks.Run(template, grid, content, externals ?? FormExternals.None, messages);
        return new CheckResult(computed, messages, suggestions, totals) { Protocol = protocol };
    }

    /// <summary>Why a filled value does not fit its cell type, or null.</summary>
    public static string? ValueProblem(CellType type, decimal value, bool negativesAllowed)
    {
        if (value < 0 && !negativesAllowed)
            return "Záporná hodnota je možná jen s výjimkou udělenou krajem (−1 znamená nevyplněno).";
        return type switch
        {
            CellType.Fte when MoreThanTwoDecimals(value) => "Úvazek se zadává nejvýš na 2 desetinná místa.",
            CellType.Fte when Math.Abs(value) > 100_000 => "Úvazek je mimo rozsah (nejvýš 100 000).",
            CellType.Money when MoreThanTwoDecimals(value) => "Částka v Kč se zadává nejvýš na 2 desetinná místa (haléře).",
            CellType.Money when Math.Abs(value) >= 1_000_000_000_000m => "Částka je mimo rozsah (méně než bilion Kč).",
            CellType.Int when value != decimal.Truncate(value) => "Zadejte celé číslo.",
            CellType.Int when Math.Abs(value) > 1_000_000_000 => "Číslo je mimo rozsah (nejvýš miliarda).",
            CellType.Percent when MoreThanTwoDecimals(value) => "Procento se zadává nejvýš na 2 desetinná místa.",
            CellType.Percent when value > 100 => "Procento nemůže být větší než 100.",
            CellType.Consent when value is not (0 or 1) => "Souhlas je 1 (ano) nebo 0 (ne).",
            _ => null,
        };
    }

    private static bool MoreThanTwoDecimals(decimal value) => decimal.Round(value, 2) != value;

    /// <summary>Rows that need not be filled: the rows of a set whose consent row is not 1.</summary>
    private static HashSet<string> OptionalRows(TemplateSet set, FormContent content, FormContext context)
    {
        var optional = new HashSet<string>();
        foreach (var rule in set.Rules.Where(r => r.Type == RuleType.Consent))
        {
            var column = set.Columns.First(c => c.Kind == ColumnKind.Input);
            if (content.Number(FormAddress.Of(set.Code, rule.Row, column.Code)) != 1)
                optional.UnionWith(set.Rows.Where(r => r.Code != rule.Row).Select(r => r.Code));
        }
        return optional;
    }

    private static void ApplyRule(FormGrid grid, TemplateSet set, TemplateRule rule, FormContent content,
        List<CellMessage> messages, Dictionary<string, decimal> suggestions)
    {
        if (set.Row(rule.Row) is not { } row || !grid.Applies(row)) return;
        switch (rule.Type)
        {
            case RuleType.Balance:
                foreach (var column in set.Columns.Where(c => c.MustBalance))
                    if (grid.Value(set, rule.Row, column) is var difference && difference != 0)
                        messages.Add(new(FormAddress.Of(set.Code, rule.Row, column.Code),
                            $"Ve zdroji „{column.Name}“ musí být {row.Label.ToLower(Czech)} 0 Kč (nesmí vzniknout ztráta ani zisk); je {Money(difference)}.",
                            Severity.Incomplete));
                break;
            case RuleType.CommentRequired:
                var nonZero = set.Columns.Any(c => c.Kind != ColumnKind.Baseline && grid.Value(set, rule.Row, c) != 0);
                var comment = FormAddress.Of(set.Code, rule.Comment!);
                if (nonZero && string.IsNullOrWhiteSpace(content.Texts.GetValueOrDefault(comment)))
                    messages.Add(new(comment, $"Řádek „{row.Label}“ není nulový: v komentáři uveďte konkrétní titul(y) a výši příspěvku.", Severity.Incomplete));
                break;
            case RuleType.Split:
                var column2 = set.Column(rule.Column!)!;
                var targets = rule.Weights!.Keys.Where(k => set.Row(k) is { } r && grid.Applies(r)).ToList();
                var weights = targets.Select(t => grid.ValueAt(rule.Weights[t])).ToList();
                var total = grid.Value(set, rule.Row, column2);
                if (ProportionalSplit(total, weights) is { } parts)
                    for (var i = 0; i < targets.Count; i++) suggestions[FormAddress.Of(set.Code, targets[i], column2.Code)] = parts[i];
                break;
        }
    }

    /// <summary>
    /// Splits a total in proportion to weights, in hundredths that add up exactly to the total (largest remainder).
    /// Null when there is nothing to split by (no positive weight) or nothing to split.
    /// </summary>
    public static decimal[]? ProportionalSplit(decimal total, IReadOnlyList<decimal> weights)
    {
        var positive = weights.Select(w => Math.Max(w, 0)).ToArray();
        var sum = positive.Sum();
        if (sum <= 0 || total < 0) return null;
        var cents = decimal.Round(total * 100, 0);
        var exact = positive.Select(w => cents * w / sum).ToArray();
        var floors = exact.Select(decimal.Floor).ToArray();
        var left = (int)(cents - floors.Sum());
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - floors[i]).ThenBy(i => i).Take(left))
            floors[i] += 1;
        return floors.Select(f => f / 100).ToArray();
    }

    public static string Money(decimal value) => value.ToString("N2", Czech) + " Kč";

    /// <summary>Reads what the page sends (cell address → JSON number or text) into form content; every bad cell reported.</summary>
    public static (FormContent Content, List<CellMessage> Errors) Read(FormTemplate template, FormContext context,
        IReadOnlyDictionary<string, JsonElement> values, IReadOnlyList<FormObec> obce)
    {
        var content = new FormContent { Obce = [.. obce] };
        var grid = new FormGrid(template, content, context);
        var errors = new List<CellMessage>();
        foreach (var (address, element) in values)
        {
            if (!FormAddress.TryParse(address, out var a) || grid.Sets.FirstOrDefault(s => s.Code == a.Set) is not { } set
                || grid.Rows(set).FirstOrDefault(r => r.Code == a.Row) is not { } row)
            {
                errors.Add(new(address, "Taková buňka ve formuláři není (nebo pro tuto službu a termín neplatí).", Severity.Invalid));
                continue;
            }
            if (row.Template.Type == CellType.Text)
            {
                if (a.Column is not null) errors.Add(new(address, "Textové pole má adresu sada/řádek.", Severity.Invalid));
                else if (element.ValueKind is JsonValueKind.String) content.Texts[address] = element.GetString()!;
                else if (element.ValueKind is not JsonValueKind.Null) errors.Add(new(address, "Očekává se text.", Severity.Invalid));
                continue;
            }
            if (a.Column is null || set.Column(a.Column) is not { } column)
            {
                errors.Add(new(address, "Taková buňka ve formuláři není.", Severity.Invalid));
                continue;
            }
            if (grid.KindOf(set, row, column) != CellKind.Input)
            {
                errors.Add(new(address, "Buňka se počítá nebo ji nelze upravovat (součet, SO ORP, výchozí hodnota).", Severity.Invalid));
                continue;
            }
            switch (element.ValueKind)
            {
                case JsonValueKind.Null: break; // cleared: back to −1
                case JsonValueKind.Number when element.TryGetDecimal(out var number):
                    if (number != Unfilled) content.Numbers[address] = number;
                    break;
                default:
                    errors.Add(new(address, "Očekává se číslo.", Severity.Invalid));
                    break;
            }
        }
        return (content, errors);
    }
}
