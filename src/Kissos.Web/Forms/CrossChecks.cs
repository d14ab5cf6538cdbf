using System.Globalization;

namespace Kissos.Forms;

/// <summary>
/// What a check reads outside the form: values of references (<c>zdroj:…</c> = the transfer's source form, <c>ico:…</c> =
/// the sum over the provider's other forms of the family, year and term) and, per set filled per IČO, the services of the
/// provider where that set already holds a non-zero value. Missing references skip the checks that read them.
/// </summary>
public sealed record FormExternals(IReadOnlyDictionary<string, decimal> Values, IReadOnlyDictionary<string, List<string>> PerIcoFilledAt)
{
    public static readonly FormExternals None = new(new Dictionary<string, decimal>(), new Dictionary<string, List<string>>());
}

/// <summary>
/// One line of the "Kontrola" protocol: a check, its severity ("error" or "warning"), its outcome (ok, chyba, varovani,
/// neprovedeno), both sides and why it was not run.
/// </summary>
public sealed record CheckOutcome(string Code, string Message, string Severity, string Outcome, decimal? Left, decimal? Right, string? Reason)
{
    public CheckOutcome(string code, string message, CheckSeverity severity, string outcome, decimal? left, decimal? right, string? reason)
        : this(code, message, severity == CheckSeverity.Warning ? "warning" : "error", outcome, left, right, reason) { }
}

/// <summary>The template's cross-set checks and the per-IČO sets, as part of the one pure check of a form.</summary>
public static class CrossChecks
{
    public const string SourcePrefix = "zdroj:";
    public const string IcoPrefix = "ico:";
    public const string PerIcoCode = "ICO";
    public static readonly string[] Operators = ["=", "<=", ">="];

    public static List<CheckOutcome> Run(FormTemplate template, FormGrid grid, FormContent content, FormExternals externals,
        List<CellMessage> messages)
    {
        var protocol = new List<CheckOutcome>();
        foreach (var check in template.Checks)
        {
            if (!(check.When?.Holds(grid.Context) ?? true))
            {
                protocol.Add(new(check.Code, check.Message, check.Severity, "neprovedeno", null, null, "pro tuto službu neplatí"));
                continue;
            }
            var (left, whyLeft) = Evaluate(check.Left, grid, content, externals);
            var (right, whyRight) = Evaluate(check.Right, grid, content, externals);
            if (left is null || right is null)
            {
                protocol.Add(new(check.Code, check.Message, check.Severity, "neprovedeno", left, right, whyLeft ?? whyRight));
                continue;
            }
            var holds = check.Op switch { "=" => left == right, "<=" => left <= right, _ => left >= right };
            var outcome = holds ? "ok" : check.Severity == CheckSeverity.Error ? "chyba" : "varovani";
            protocol.Add(new(check.Code, check.Message, check.Severity, outcome, left, right, null));
            if (!holds)
                messages.Add(new(check.Cell ?? FirstAddress(check.Left) ?? check.Code,
                    $"{check.Code}: {check.Message} ({Number(left.Value)} {Symbol(check.Op)} {Number(right.Value)} neplatí)",
                    check.Severity == CheckSeverity.Error ? Severity.Incomplete : Severity.Warning));
        }
        foreach (var set in grid.Sets.Where(s => s.PerIco)) protocol.Add(PerIco(set, grid, content, externals, messages));
        return protocol;
    }

    /// <summary>
    /// A per-IČO set holds its numbers at one service of the provider: non-zero here and at another service is an error
    /// naming that service; zero here says where it is filled, or that it is filled nowhere yet.
    /// </summary>
    private static CheckOutcome PerIco(TemplateSet set, FormGrid grid, FormContent content, FormExternals externals, List<CellMessage> messages)
    {
        var cells = grid.Rows(set).SelectMany(r => set.Columns.Where(c => grid.KindOf(set, r, c) == CellKind.Input)
            .Select(c => FormAddress.Of(set.Code, r.Code, c.Code))).ToList();
        var elsewhere = externals.PerIcoFilledAt.GetValueOrDefault(set.Code) ?? [];
        var filledHere = cells.FirstOrDefault(a => content.Number(a) > 0);
        var names = string.Join(", ", elsewhere.Select(n => $"„{n}“"));
        string message;
        string outcome;
        if (filledHere is not null && elsewhere.Count > 0)
        {
            message = $"Sada „{set.Name}“ se vykazuje za IČO jen u jedné služby a je už vyplněna u služby {names}. Zde uveďte 0, nebo ji tam vynulujte.";
            messages.Add(new(filledHere, message, Severity.Incomplete));
            outcome = "chyba";
        }
        else if (filledHere is null && elsewhere.Count > 0)
        {
            message = $"Sada „{set.Name}“ je za IČO vyplněna u služby {names}; zde zůstávají 0.";
            outcome = "ok";
        }
        else if (filledHere is null && cells.All(a => content.Number(a) != FormCheck.Unfilled))
        {
            message = $"Sada „{set.Name}“ se vykazuje za IČO: zatím není vyplněna u žádné služby poskytovatele; vyplňte ji u jedné z nich.";
            messages.Add(new(cells.FirstOrDefault() ?? set.Code, message, Severity.Warning));
            outcome = "varovani";
        }
        else
        {
            message = filledHere is null ? $"Sada „{set.Name}“ ještě není vyplněna." : $"Sada „{set.Name}“ je za IČO vyplněna u této služby.";
            outcome = filledHere is null ? "neprovedeno" : "ok";
        }
        return new(PerIcoCode, message, CheckSeverity.Error, outcome, null, null, null);
    }

    /// <summary>The value of an expression, or null with the reason it cannot be computed yet.</summary>
    public static (decimal? Value, string? Reason) Evaluate(string expression, FormGrid grid, FormContent content, FormExternals externals)
    {
        var (tokens, error) = Tokens(expression);
        if (error is not null) return (null, error);
        decimal sum = 0, product = 1, sign = 1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i % 2 == 1)
            {
                if (tokens[i] == "*") continue;
                sum += sign * product;
                (sign, product) = (tokens[i] == "-" ? -1 : 1, 1);
                continue;
            }
            var (value, reason) = Operand(tokens[i], grid, content, externals);
            if (value is null) return (null, reason);
            product *= value.Value;
        }
        return (sum + sign * product, null);
    }

    /// <summary>Operands and operators alternating (operands at even positions), or why the expression is malformed.</summary>
    public static (List<string> Tokens, string? Error) Tokens(string expression)
    {
        var tokens = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count % 2 == 0) return (tokens, $"Výraz '{expression}' není úplný (operand, operátor, operand…).");
        for (var i = 1; i < tokens.Count; i += 2)
            if (tokens[i] is not ("+" or "-" or "*")) return (tokens, $"Ve výrazu '{expression}' je '{tokens[i]}' místo operátoru + - *.");
        return (tokens, null);
    }

    private static (decimal?, string?) Operand(string token, FormGrid grid, FormContent content, FormExternals externals)
    {
        if (decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return (number, null);
        if (token == "sit:units") return (grid.Context.Units, grid.Context.Units is null ? "služba není v síti" : null);
        if (token == "sit:beds") return (grid.Context.Beds, grid.Context.Beds is null ? "služba nemá v síti lůžka" : null);
        if (token.StartsWith(SourcePrefix, StringComparison.Ordinal))
            return externals.Values.TryGetValue(token, out var source) ? (source, null) : (null, "chybí podepsaný zdrojový formulář");
        var ico = token.StartsWith(IcoPrefix, StringComparison.Ordinal);
        var address = ico ? token[IcoPrefix.Length..] : token;
        var (own, reason) = Own(address, grid, content);
        if (!ico || own is null) return (own, reason);
        return (own + externals.Values.GetValueOrDefault(token), null);
    }

    private static (decimal?, string?) Own(string address, FormGrid grid, FormContent content)
    {
        if (!FormAddress.TryParse(address, out var a) || a.Column is null || grid.Sets.FirstOrDefault(s => s.Code == a.Set) is not { } set
            || set.Column(a.Column) is not { } column)
            return (null, $"buňka {address} pro tuto službu neplatí");
        if (grid.Rows(set).FirstOrDefault(r => r.Code == a.Row) is not { } row) return (null, $"buňka {address} pro tuto službu neplatí");
        if (grid.KindOf(set, row, column) == CellKind.Input && content.Number(address) == FormCheck.Unfilled)
            return (null, $"buňka {address} není vyplněna");
        return (grid.Value(set, a.Row, column), null);
    }

    /// <summary>The first cell of this form an expression reads (an <c>ico:</c> reference reads this form's cell too).</summary>
    private static string? FirstAddress(string expression) =>
        Tokens(expression).Tokens.Select(t => t.StartsWith(IcoPrefix, StringComparison.Ordinal) ? t[IcoPrefix.Length..] : t)
            .FirstOrDefault(t => FormAddress.TryParse(t, out var a) && a.Column is not null && !t.Contains(':'));

    private static string Symbol(string op) => op switch { "<=" => "≤", ">=" => "≥", _ => "=" };

    private static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("cs-CZ"));
}
