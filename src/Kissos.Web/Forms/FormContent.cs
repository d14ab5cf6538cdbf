using System.Text.Json;

namespace Kissos.Forms;

/// <summary>
/// What a provider typed into a form: numbers and texts by cell address, and the obce added under their SO ORP rows.
/// A numeric cell missing from <see cref="Numbers"/> holds −1 (not filled yet).
/// </summary>
public sealed record FormContent
{
    public Dictionary<string, decimal> Numbers { get; init; } = [];
    public Dictionary<string, string> Texts { get; init; } = [];
    public List<FormObec> Obce { get; init; } = [];
    /// <summary>Cells copied from a signed form of another family (překlopení): address → where from. Read-only on the page.</summary>
    public Dictionary<string, string> Transferred { get; init; } = [];

    public decimal Number(string address) => Numbers.TryGetValue(address, out var v) ? v : FormCheck.Unfilled;

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static FormContent FromJson(string json) => JsonSerializer.Deserialize<FormContent>(json, JsonSerializerOptions.Web) ?? new();
}

/// <summary>An obec that contributed to the service, under the row of its SO ORP (ČSÚ codes).</summary>
public sealed record FormObec(string Orp, string Obec);

/// <summary>
/// A cell address: "set/row/column" for numbers, "set/row" for texts. Obce rows are "obec:KOD" (6 digits), their
/// SO ORP rows "orp:KOD" (4 digits, ČSÚ).
/// </summary>
public readonly record struct FormAddress(string Set, string Row, string? Column)
{
    public const string ObecPrefix = "obec:";
    public const string OrpPrefix = "orp:";

    public override string ToString() => Column is null ? $"{Set}/{Row}" : $"{Set}/{Row}/{Column}";

    public static string Of(string set, string row, string? column = null) => new FormAddress(set, row, column).ToString();

    public static bool TryParse(string? text, out FormAddress address)
    {
        var parts = (text ?? "").Split('/');
        address = parts.Length switch
        {
            2 when parts.All(p => p.Length > 0) => new FormAddress(parts[0], parts[1], null),
            3 when parts.All(p => p.Length > 0) => new FormAddress(parts[0], parts[1], parts[2]),
            _ => default,
        };
        return address.Set is not null;
    }
}
