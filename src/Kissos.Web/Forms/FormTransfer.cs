namespace Kissos.Forms;

/// <summary>
/// Překlopení as pure functions: the values of a signed source form copied into a form whose template names it
/// (<see cref="TemplateTransfer"/>), by equal row and column codes. Copied cells are marked with their origin and are
/// read-only; a cell typed by hand is never overwritten; copying again replaces what the previous copy put there.
/// </summary>
public static class FormTransfer
{
    public sealed record Source(FormTemplate Template, FormContent Content, FormContext Context, string Origin);

    /// <summary>The target content after copying; <c>Copied</c> = cells written, <c>Kept</c> = hand-typed cells left alone.</summary>
    public static (FormContent Content, int Copied, int Kept) Apply(FormTemplate target, FormContext targetContext, FormContent content, Source source)
    {
        var transfer = target.Transfer ?? throw new InvalidOperationException($"Šablona {target.Family} nic nepřeklápí.");
        var numbers = new Dictionary<string, decimal>(content.Numbers);
        var transferred = new Dictionary<string, string>(content.Transferred);
        // What the previous copy put there goes first, so a value the source no longer has is not left behind.
        foreach (var address in transferred.Keys) numbers.Remove(address);
        transferred.Clear();
        var grid = new FormGrid(target, content, targetContext);
        var sourceGrid = new FormGrid(source.Template, source.Content, source.Context);
        int copied = 0, kept = 0;
        foreach (var set in grid.Sets.Where(s => transfer.Sets.ContainsKey(s.Code)))
        {
            var sourceSets = transfer.Sets[set.Code].Select(code => sourceGrid.Sets.FirstOrDefault(s => s.Code == code)).OfType<TemplateSet>().ToList();
            foreach (var row in grid.Rows(set))
                foreach (var column in set.Columns.Where(c => grid.KindOf(set, row, c) == CellKind.Input))
                {
                    if (SourceValue(sourceGrid, sourceSets, source.Content, row.Code, column.Code) is not { } value) continue;
                    var address = FormAddress.Of(set.Code, row.Code, column.Code);
                    if (numbers.ContainsKey(address)) { kept++; continue; }
                    numbers[address] = value;
                    transferred[address] = source.Origin;
                    copied++;
                }
        }
        return (content with { Numbers = numbers, Transferred = transferred }, copied, kept);
    }

    /// <summary>The value of the first source set that has the cell; null when none has it or it is not filled there.</summary>
    private static decimal? SourceValue(FormGrid grid, List<TemplateSet> sets, FormContent content, string row, string column)
    {
        foreach (var set in sets)
        {
            if (set.Column(column) is not { } c || grid.Rows(set).FirstOrDefault(r => r.Code == row) is not { } r) continue;
            var kind = grid.KindOf(set, r, c);
            if (kind == CellKind.None) continue;
            if (kind == CellKind.Input && content.Number(FormAddress.Of(set.Code, row, column)) == FormCheck.Unfilled) return null;
            return grid.Value(set, row, c);
        }
        return null;
    }

    /// <summary>
    /// Copied cells stay as copied when the provider saves: a different value sent for one is refused naming its origin,
    /// an omitted one is put back.
    /// </summary>
    public static FormContent KeepTransferred(FormContent previous, FormContent read, List<CellMessage> errors)
    {
        if (previous.Transferred.Count == 0) return read;
        var numbers = new Dictionary<string, decimal>(read.Numbers);
        foreach (var (address, origin) in previous.Transferred)
        {
            var value = previous.Number(address);
            if (numbers.TryGetValue(address, out var sent) && sent != value)
                errors.Add(new(address, $"Hodnota je převzata z formuláře {origin} a nelze ji zde měnit; opravte ji tam a podepište jej znovu.", Severity.Invalid));
            numbers[address] = value;
        }
        return read with { Numbers = numbers, Transferred = new Dictionary<string, string>(previous.Transferred) };
    }
}
