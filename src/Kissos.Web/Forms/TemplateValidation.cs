using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kissos.Forms;

/// <summary>Reads a template file and checks it is whole and consistent; every problem in Czech, with where it is.</summary>
public static partial class TemplateValidation
{
    public const int MaxSheetName = 31;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")]
    private static partial Regex CodePattern();

    /// <summary>Parses and validates; returns the template or the list of errors (never both).</summary>
    public static (FormTemplate? Template, List<string> Errors) Parse(string json)
    {
        FormTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<FormTemplate>(json, FormTemplate.Json);
        }
        catch (JsonException e)
        {
            return (null, [$"Soubor šablony není platný JSON šablony: {e.Message}"]);
        }
        if (template is null) return (null, ["Soubor šablony je prázdný."]);
        var errors = Validate(template);
        return errors.Count > 0 ? (null, errors) : (template, errors);
    }

    public static List<string> Validate(FormTemplate t)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(t.Family) || !CodePattern().IsMatch(t.Family)) errors.Add($"Rodina šablony '{t.Family}' není platný kód (písmena, číslice, '-').");
        if (string.IsNullOrWhiteSpace(t.Name)) errors.Add("Šablona nemá název.");
        if (t.Year is < 2000 or > 2100) errors.Add($"Rok šablony {t.Year} není mezi 2000 a 2100.");
        if (t.Kraj is not { Length: 5 } || !t.Kraj.StartsWith("CZ0", StringComparison.Ordinal)) errors.Add($"Kraj '{t.Kraj}' není kód NUTS3 (např. CZ072).");
        if (t.Sets is not { Count: > 0 }) errors.Add("Šablona nemá žádnou sadu.");
        foreach (var duplicate in Duplicates(t.Sets?.Select(s => s.Code))) errors.Add($"Kód sady '{duplicate}' je v šabloně vícekrát.");
        foreach (var duplicate in Duplicates(t.Sets?.Select(s => s.Name))) errors.Add($"Název sady '{duplicate}' je v šabloně vícekrát.");
        foreach (var set in t.Sets ?? []) ValidateSet(set, errors);
        foreach (var total in t.Totals)
            if (FormAddress.TryParse(total.Cell, out var a) is false || t.Set(a.Set) is not { } s || s.Row(a.Row) is null || a.Column is null || s.Column(a.Column) is null)
                errors.Add($"Souhrn '{total.Code}' odkazuje na neexistující buňku '{total.Cell}'.");
        if (t.Terms?.Any(term => term is < 1 or > 4) == true) errors.Add("Termíny šablony (terms) jsou čísla 1–4.");
        foreach (var duplicate in Duplicates(t.Checks.Select(c => c.Code))) errors.Add($"Kód kontroly '{duplicate}' je v šabloně vícekrát.");
        foreach (var check in t.Checks) ValidateCheck(t, check, errors);
        if (t.Transfer is { } transfer)
        {
            if (transfer.Terms is not { Count: > 0 } || transfer.Terms.Any(term => term is < 1 or > 4)) errors.Add("Překlopení: termíny (terms) jsou čísla 1–4.");
            foreach (var target in transfer.Sets.Keys.Where(k => t.Set(k) is null)) errors.Add($"Překlopení: sada '{target}' v šabloně není.");
        }
        return errors;
    }

    private static void ValidateCheck(FormTemplate t, TemplateCheck check, List<string> errors)
    {
        var where = $"Kontrola '{check.Code}'";
        if (string.IsNullOrWhiteSpace(check.Message)) errors.Add($"{where}: chybí hláška.");
        if (!CrossChecks.Operators.Contains(check.Op)) errors.Add($"{where}: operátor '{check.Op}' není =, <= ani >=.");
        foreach (var side in new[] { check.Left, check.Right })
        {
            var (tokens, error) = CrossChecks.Tokens(side);
            if (error is not null) { errors.Add($"{where}: {error}"); continue; }
            for (var i = 0; i < tokens.Count; i += 2)
                if (OperandProblem(t, tokens[i]) is { } problem) errors.Add($"{where}: {problem}");
        }
        if (check.Cell is not null && OperandProblem(t, check.Cell) is not null) errors.Add($"{where}: buňka hlášky '{check.Cell}' v šabloně není.");
    }

    /// <summary>Why an operand of a check cannot be read: an unknown cell of this template or an unknown reference.</summary>
    private static string? OperandProblem(FormTemplate t, string token)
    {
        if (decimal.TryParse(token, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
            || token is "sit:units" or "sit:beds") return null;
        if (token.StartsWith(CrossChecks.SourcePrefix, StringComparison.Ordinal))
            return FormAddress.TryParse(token[CrossChecks.SourcePrefix.Length..], out var s) && s.Column is not null ? null : $"'{token}' není adresa buňky zdroje.";
        var address = token.StartsWith(CrossChecks.IcoPrefix, StringComparison.Ordinal) ? token[CrossChecks.IcoPrefix.Length..] : token;
        return FormAddress.TryParse(address, out var a) && a.Column is not null && t.Set(a.Set) is { } set && set.Row(a.Row) is not null
            && set.Column(a.Column) is not null ? null : $"buňka '{token}' v šabloně není.";
    }

    private static void ValidateSet(TemplateSet set, List<string> errors)
    {
        var where = $"Sada '{set.Code}'";
        if (!CodePattern().IsMatch(set.Code ?? "")) errors.Add($"{where}: kód není platný (písmena, číslice, '.', '-').");
        if (string.IsNullOrWhiteSpace(set.Name)) errors.Add($"{where}: chybí název.");
        else if (set.Name.Length > MaxSheetName || set.Name.IndexOfAny(['\\', '/', '?', '*', '[', ']', ':']) >= 0)
            errors.Add($"{where}: název '{set.Name}' nemůže být názvem listu Excelu (nejvýš {MaxSheetName} znaků, bez \\ / ? * [ ] :).");
        if (set.Columns is not { Count: > 0 }) errors.Add($"{where}: nemá žádný sloupec.");
        if (set.Rows is not { Count: > 0 }) errors.Add($"{where}: nemá žádný řádek.");
        if (errors.Count > 0 && (set.Columns is null || set.Rows is null)) return;
        foreach (var d in Duplicates(set.Columns.Select(c => c.Code))) errors.Add($"{where}: kód sloupce '{d}' je vícekrát.");
        foreach (var d in Duplicates(set.Rows.Select(r => r.Code))) errors.Add($"{where}: kód řádku '{d}' je vícekrát.");
        var columns = set.Columns.Select(c => c.Code).ToHashSet();
        var rows = set.Rows.ToDictionary(r => r.Code, r => r, StringComparer.Ordinal);
        foreach (var c in set.Columns)
        {
            if (!CodePattern().IsMatch(c.Code ?? "")) errors.Add($"{where}: kód sloupce '{c.Code}' není platný.");
            if (c.Kind == ColumnKind.Sum && c.Sum is not { Count: > 0 }) errors.Add($"{where}, sloupec '{c.Code}': součtový sloupec neuvádí, co sčítá.");
            foreach (var part in c.Sum ?? [])
                if (!columns.Contains(part) || set.Column(part)!.Kind != ColumnKind.Input)
                    errors.Add($"{where}, sloupec '{c.Code}': sčítá '{part}', což není vstupní sloupec sady.");
        }
        foreach (var r in set.Rows)
        {
            var row = $"{where}, řádek '{r.Code}'";
            if (!CodePattern().IsMatch(r.Code ?? "")) errors.Add($"{row}: kód řádku není platný.");
            if (string.IsNullOrWhiteSpace(r.Label)) errors.Add($"{row}: chybí popis.");
            if (r.Kind == RowKind.Sum && r.Sum is not { Count: > 0 }) errors.Add($"{row}: součtový řádek neuvádí, co sčítá.");
            if (r.Kind != RowKind.Sum && r.Sum is { Count: > 0 }) errors.Add($"{row}: jen součtový řádek (kind \"sum\") může sčítat.");
            if (r.Type == CellType.Text && r.Kind != RowKind.Input) errors.Add($"{row}: textový řádek může být jen vstupní.");
            if (r.Baseline is not (null or FormCheck.UnitsBaseline or FormCheck.BedsBaseline)) errors.Add($"{row}: výchozí hodnota '{r.Baseline}' není 'units' ani 'beds'.");
            foreach (var part in r.Sum ?? [])
                if (!rows.TryGetValue(part.TrimStart('-'), out var child) || child.Type == CellType.Text)
                    errors.Add($"{row}: sčítá '{part.TrimStart('-')}', což není číselný řádek sady.");
        }
        if (set.Rows.Count(r => r.Kind == RowKind.Obce) > 1) errors.Add($"{where}: řádek obcí (kind \"obce\") smí být jen jeden.");
        if (FindCycle(rows) is { } cycle) errors.Add($"{where}: součty řádků tvoří kruh ({cycle}).");
        foreach (var rule in set.Rules) ValidateRule(set, rule, rows, columns, errors);
    }

    private static void ValidateRule(TemplateSet set, TemplateRule rule, Dictionary<string, TemplateRow> rows, HashSet<string> columns, List<string> errors)
    {
        var where = $"Sada '{set.Code}', pravidlo {rule.Type}";
        if (!rows.TryGetValue(rule.Row ?? "", out var row)) { errors.Add($"{where}: řádek '{rule.Row}' v sadě není."); return; }
        switch (rule.Type)
        {
            case RuleType.Balance when !set.Columns.Any(c => c.MustBalance):
                errors.Add($"{where}: žádný sloupec nemá mustBalance.");
                break;
            case RuleType.CommentRequired when rule.Comment is null || !rows.TryGetValue(rule.Comment, out var comment) || comment.Type != CellType.Text:
                errors.Add($"{where}: komentář '{rule.Comment}' není textový řádek sady.");
                break;
            case RuleType.Consent when row.Type != CellType.Consent:
                errors.Add($"{where}: řádek '{rule.Row}' není typu consent (1/0).");
                break;
            case RuleType.Split:
                if (rule.Column is null || !columns.Contains(rule.Column)) errors.Add($"{where}: sloupec '{rule.Column}' v sadě není.");
                if (rule.Weights is not { Count: > 1 }) errors.Add($"{where}: poměrné rozdělení potřebuje aspoň dva řádky s vahou.");
                foreach (var (target, weight) in rule.Weights ?? [])
                {
                    if (!rows.ContainsKey(target)) errors.Add($"{where}: řádek '{target}' v sadě není.");
                    if (!FormAddress.TryParse(weight, out var a) || a.Column is null) errors.Add($"{where}: váha '{weight}' není adresa buňky sada/řádek/sloupec.");
                }
                break;
        }
    }

    private static string? FindCycle(Dictionary<string, TemplateRow> rows)
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        string? Visit(string code, string path)
        {
            if (state.GetValueOrDefault(code) == 2 || !rows.TryGetValue(code, out var row)) return null;
            if (state.GetValueOrDefault(code) == 1) return path;
            state[code] = 1;
            foreach (var part in row.Sum ?? [])
                if (Visit(part.TrimStart('-'), path + " → " + part.TrimStart('-')) is { } cycle) return cycle;
            state[code] = 2;
            return null;
        }
        return rows.Keys.Select(code => Visit(code, code)).FirstOrDefault(c => c is not null);
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string>? values) =>
        (values ?? []).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key);
}
