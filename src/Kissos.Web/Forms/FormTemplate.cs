using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kissos.Forms;

/// <summary>
/// A reporting form described as data (the template file, JSON): sets (sheets) of rows × columns, cell types, sums
/// and rules. A kraj keeps one template per family and year, in versions; a form keeps the version it was created from.
/// </summary>
public sealed record FormTemplate
{
    /// <summary>Template family, e.g. "rozpocet-a-vyuctovani"; forms of one family, service and period are one form.</summary>
    public required string Family { get; init; }
    public required string Name { get; init; }
    public required int Year { get; init; }
    /// <summary>NUTS3 code of the kraj whose template this is.</summary>
    public required string Kraj { get; init; }
    /// <summary>Where the content comes from and what is a proposal (shown to staff; not used by the engine).</summary>
    public string? Note { get; init; }
    public required List<TemplateSet> Sets { get; init; }
    /// <summary>Cells summed up in the staff overview, e.g. total costs.</summary>
    public List<TemplateTotal> Totals { get; init; } = [];
    /// <summary>Terms (1–4) in which forms of this template exist (empty = all four).</summary>
    public List<int>? Terms { get; init; }
    /// <summary>How the statutory representative signs when handing in: the kraj's choice, changed by uploading its template.</summary>
    public SignatureKind Signature { get; init; } = SignatureKind.Simple;
    /// <summary>Cross-set checks (souvztažnosti), each with its message and severity.</summary>
    public List<TemplateCheck> Checks { get; init; } = [];
    /// <summary>Where the values of a signed form of another family are copied in (překlopení); null = nothing is.</summary>
    public TemplateTransfer? Transfer { get; init; }

    public TemplateSet? Set(string code) => Sets.FirstOrDefault(s => s.Code == code);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Czech letters stay readable in the stored file and the download.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>A sada: one sheet of the form.</summary>
public sealed record TemplateSet
{
    /// <summary>Short code used in cell addresses (set/row/column), letters, digits and '-'.</summary>
    public required string Code { get; init; }
    /// <summary>Name shown as the heading and as the XLSX sheet name (at most 31 characters).</summary>
    public required string Name { get; init; }
    public string? Help { get; init; }
    public Applicability? When { get; init; }
    public required List<TemplateColumn> Columns { get; init; }
    public required List<TemplateRow> Rows { get; init; }
    public List<TemplateRule> Rules { get; init; } = [];
    /// <summary>The set is filled per IČO, at one service of the provider; the provider's other services hold 0 in it.</summary>
    public bool PerIco { get; init; }

    public TemplateRow? Row(string code) => Rows.FirstOrDefault(r => r.Code == code);
    public TemplateColumn? Column(string code) => Columns.FirstOrDefault(c => c.Code == code);
}

public enum ColumnKind { Input, Sum, Baseline }

/// <summary>A column; sum columns add other columns of the same row, baseline columns show the kraj's network values.</summary>
public sealed record TemplateColumn
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public ColumnKind Kind { get; init; } = ColumnKind.Input;
    /// <summary>Sum columns: the codes of the columns they add.</summary>
    public List<string>? Sum { get; init; }
    /// <summary>The set's balance rule requires this column's balance row to be exactly 0 (sources 2–10 by default).</summary>
    public bool MustBalance { get; init; }
    /// <summary>The page lets the provider fold the column away.</summary>
    public bool Foldable { get; init; }
}

public enum RowKind { Input, Sum, ReadOnly, Obce }

public enum CellType { Fte, Int, Money, Percent, Text, Consent }

/// <summary>A row. Sum rows add (or with '-' subtract) other rows; an obce row holds the obce added under their SO ORP rows.</summary>
public sealed record TemplateRow
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public RowKind Kind { get; init; } = RowKind.Input;
    public required CellType Type { get; init; }
    /// <summary>Sum rows: row codes, a leading '-' subtracts.</summary>
    public List<string>? Sum { get; init; }
    /// <summary>What the baseline column shows in this row: "units" (FTE from the network) or "beds".</summary>
    public string? Baseline { get; init; }
    /// <summary>Nesting level for display (0 = top).</summary>
    public int Level { get; init; }
    public Applicability? When { get; init; }
}

/// <summary>Which services and terms a set or row applies to; every listed condition must hold (empty = any).</summary>
public sealed record Applicability
{
    /// <summary>Druh codes (e.g. "13").</summary>
    public List<string>? Druhy { get; init; }
    /// <summary>Forms of provision (pob, amb, ter): the service has at least one of them.</summary>
    public List<string>? Forms { get; init; }
    /// <summary>Terms (1–4) in which it is shown.</summary>
    public List<int>? Terms { get; init; }

    public bool Holds(FormContext context) =>
        (Druhy is not { Count: > 0 } || Druhy.Contains(context.Druh))
        && (Forms is not { Count: > 0 } || Forms.Intersect(context.Forms).Any())
        && (Terms is not { Count: > 0 } || Terms.Contains(context.Term));
}

public enum RuleType { Balance, CommentRequired, Consent, Split }

/// <summary>
/// A rule of a set. Balance: row's value in every MustBalance column is 0. CommentRequired: when row is not 0 in any
/// column, the text row Comment is filled. Consent: the other rows of the set are required only when row = 1.
/// Split: rows with Weight share the Total row's value in proportion to their weights (offered, not enforced).
/// </summary>
public sealed record TemplateRule
{
    public required RuleType Type { get; init; }
    public required string Row { get; init; }
    public string? Comment { get; init; }
    /// <summary>Split: the column in which the total is split.</summary>
    public string? Column { get; init; }
    /// <summary>Split: the rows that share the total, each weighted by a cell address (set/row/column).</summary>
    public Dictionary<string, string>? Weights { get; init; }
}

/// <summary>A figure of the staff overview: a cell address (set/row/column) and its label.</summary>
public sealed record TemplateTotal(string Code, string Label, string Cell);

/// <summary>What a template's applicability depends on: the service and the term of the form.</summary>
public sealed record FormContext(string Druh, IReadOnlyList<string> Forms, int Term, decimal? Units, int? Beds);

/// <summary>
/// Simple: the hash of the canonical file is stored with who and when. Qualified: the statutory representative also
/// uploads a detached CMS/PKCS#7 signature (.p7s) of the canonical file, made with their own certificate.
/// </summary>
public enum SignatureKind { Simple, Qualified }

/// <summary>An error blocks handing the form in; a warning informs.</summary>
public enum CheckSeverity { Error, Warning }

/// <summary>
/// A cross-set check: <c>Left Op Right</c>, where each side is an expression of terms separated by spaces: numbers, cell
/// addresses (set/row/column), <c>sit:units</c> and <c>sit:beds</c> (the network), <c>zdroj:set/row/column</c> (the cell of
/// the transfer's source form) and <c>ico:set/row/column</c> (the sum over the reports of the provider's IČO), joined by
/// <c>+</c>, <c>-</c> and <c>*</c> (e.g. "specificka/luzkodny/skutecnost &lt;= specificka/luzka/skutecnost * specificka/provozni-dny/skutecnost").
/// A check is skipped when a cell it reads is not filled yet, does not apply to the service, or a reference is unknown.
/// </summary>
public sealed record TemplateCheck
{
    /// <summary>Short code shown in the protocol, e.g. "K03".</summary>
    public required string Code { get; init; }
    public required string Message { get; init; }
    public CheckSeverity Severity { get; init; } = CheckSeverity.Error;
    public required string Left { get; init; }
    /// <summary>"=", "&lt;=" or "&gt;=".</summary>
    public required string Op { get; init; }
    public required string Right { get; init; }
    /// <summary>The cell the message is shown at (default: the first cell address of Left).</summary>
    public string? Cell { get; init; }
    public Applicability? When { get; init; }
}

/// <summary>Překlopení: when a form of <see cref="Family"/> in one of <see cref="Terms"/> is signed, its cells are copied into
/// this template's form of the same term; <see cref="Sets"/> maps each set here to the source sets read (same row and column codes).</summary>
public sealed record TemplateTransfer
{
    public required string Family { get; init; }
    public required List<int> Terms { get; init; }
    /// <summary>Shown with each copied cell, e.g. "Rozpočet a vyúčtování".</summary>
    public required string Label { get; init; }
    public required Dictionary<string, List<string>> Sets { get; init; }
}
