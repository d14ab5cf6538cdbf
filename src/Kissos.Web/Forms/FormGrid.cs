namespace Kissos.Forms;

public enum CellKind { None, Input, Computed }

/// <summary>A displayed row: a template row, or an SO ORP row or obec row expanded under the template's obce row.</summary>
public sealed record GridRow(string Code, string Label, TemplateRow Template, int Level);

/// <summary>
/// A form laid out for one service and term: the applicable sets and rows (obce expanded under their SO ORP rows)
/// and the value of every cell, sums included. Unfilled cells (−1) count as 0 in sums.
/// </summary>
public sealed class FormGrid
{
    private readonly FormContent _content;
    private readonly FormContext _context;
    private readonly Dictionary<string, decimal> _memo = [];
    private readonly Dictionary<string, List<GridRow>> _rows = [];

    public FormGrid(FormTemplate template, FormContent content, FormContext context)
    {
        _content = content;
        _context = context;
        Sets = template.Sets.Where(s => s.When?.Holds(context) ?? true).ToList();
    }

    public IReadOnlyList<TemplateSet> Sets { get; }

    public FormContext Context => _context;

    public bool Applies(TemplateRow row) => row.When?.Holds(_context) ?? true;

    /// <summary>The obce of the set's obce row (none when the set has no such row).</summary>
    public IEnumerable<FormObec> Obce(TemplateSet set) =>
        set.Rows.Any(r => r.Kind == RowKind.Obce) ? _content.Obce : [];

    public IReadOnlyList<GridRow> Rows(TemplateSet set)
    {
        if (_rows.TryGetValue(set.Code, out var rows)) return rows;
        rows = [];
        foreach (var row in set.Rows.Where(Applies))
        {
            rows.Add(new GridRow(row.Code, row.Label, row, row.Level));
            if (row.Kind != RowKind.Obce) continue;
            foreach (var orp in _content.Obce.GroupBy(o => o.Orp))
            {
                rows.Add(new GridRow(FormAddress.OrpPrefix + orp.Key, "SO ORP " + orp.Key, row, row.Level + 1));
                rows.AddRange(orp.DistinctBy(o => o.Obec)
                    .Select(o => new GridRow(FormAddress.ObecPrefix + o.Obec, "obec " + o.Obec, row, row.Level + 2)));
            }
        }
        return _rows[set.Code] = rows;
    }

    public CellKind KindOf(TemplateSet set, GridRow row, TemplateColumn column)
    {
        if (row.Template.Type == CellType.Text) return CellKind.None;
        if (column.Kind == ColumnKind.Baseline)
            return row.Code == row.Template.Code && row.Template.Baseline is not null ? CellKind.Computed : CellKind.None;
        if (column.Kind == ColumnKind.Sum || row.Code.StartsWith(FormAddress.OrpPrefix, StringComparison.Ordinal)) return CellKind.Computed;
        if (row.Code.StartsWith(FormAddress.ObecPrefix, StringComparison.Ordinal)) return CellKind.Input;
        return row.Template.Kind switch
        {
            RowKind.Input => CellKind.Input,
            RowKind.ReadOnly => CellKind.None,
            _ => CellKind.Computed,
        };
    }

    /// <summary>The value of a cell given by its address text (set/row/column); 0 when it does not exist.</summary>
    public decimal ValueAt(string address) =>
        FormAddress.TryParse(address, out var a) && a.Column is not null && Sets.FirstOrDefault(s => s.Code == a.Set) is { } set
        && set.Column(a.Column) is { } column ? Value(set, a.Row, column) : 0;

    public decimal Value(TemplateSet set, string row, TemplateColumn column)
    {
        var key = FormAddress.Of(set.Code, row, column.Code);
        if (_memo.TryGetValue(key, out var known)) return known;
        return _memo[key] = Compute(set, row, column, key);
    }

    private decimal Compute(TemplateSet set, string row, TemplateColumn column, string address)
    {
        var template = set.Row(row);
        if (column.Kind == ColumnKind.Baseline)
            return template?.Baseline switch
            {
                FormCheck.UnitsBaseline => _context.Units ?? 0,
                FormCheck.BedsBaseline => _context.Beds ?? 0,
                _ => 0,
            };
        if (row.StartsWith(FormAddress.OrpPrefix, StringComparison.Ordinal))
        {
            var orp = row[FormAddress.OrpPrefix.Length..];
            return _content.Obce.Where(o => o.Orp == orp).DistinctBy(o => o.Obec)
                .Sum(o => Value(set, FormAddress.ObecPrefix + o.Obec, column));
        }
        if (template is { Kind: RowKind.Obce })
            return Obce(set).Select(o => o.Orp).Distinct().Sum(orp => Value(set, FormAddress.OrpPrefix + orp, column));
        if (template is { Kind: RowKind.Sum })
            return template.Sum!.Sum(part => part.StartsWith('-')
                ? -Value(set, part[1..], column)
                : Value(set, part, column));
        if (template is not null && !Applies(template)) return 0;
        if (column.Kind == ColumnKind.Sum)
            return column.Sum!.Sum(part => set.Column(part) is { } c ? Value(set, row, c) : 0);
        var value = _content.Number(address);
        return value == FormCheck.Unfilled ? 0 : value;
    }
}
