namespace Kissos.Common;

/// <summary>Reads an endpoint's query string strictly: unknown or repeated parameters are errors.</summary>
public sealed class QueryParameters
{
    private readonly IQueryCollection _query;
    private readonly Dictionary<string, string[]> _errors = [];

    public QueryParameters(HttpRequest request, params string[] allowed)
    {
        _query = request.Query;
        foreach (var (key, values) in _query)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
                AddError(key, $"Neznámý parametr '{key}'. Povolené jsou: {string.Join(", ", allowed)}.");
            else if (values.Count > 1)
                AddError(key, $"Parametr '{key}' je uveden vícekrát.");
        }
    }

    public bool IsValid => _errors.Count == 0;

    /// <summary>The messages per parameter, for a page that shows them itself.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public string? Get(string name) =>
        _query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    /// <summary>The value when it is one of the known codes; otherwise records an error and returns null.</summary>
    public string? Code(string name, IReadOnlySet<string> known, string what)
    {
        var value = Get(name);
        if (value is null || known.Contains(value)) return value;
        AddError(name, $"Neznámý kód {what}: '{value}'.");
        return null;
    }

    public DateTimeOffset? Date(string name)
    {
        if (Get(name) is not { } value) return null;
        // Within years 1900–2199: day arithmetic on the edges of the calendar (9999-12-31 plus a day) cannot overflow.
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date) && date.Year is >= 1900 and < 2200)
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        AddError(name, $"'{value}' není datum ve tvaru RRRR-MM-DD mezi lety 1900 a 2199.");
        return null;
    }

    public int? Int(string name, int min, int max)
    {
        if (Get(name) is not { } value) return null;
        if (int.TryParse(value, out var i) && i >= min) return Math.Min(i, max); // above the maximum: clamped
        AddError(name, $"'{value}' není celé číslo od {min}.");
        return null;
    }

    public void AddError(string name, string message) =>
        _errors[name] = _errors.TryGetValue(name, out var old) ? [.. old, message] : [message];

    public IResult Problem() => TypedResults.ValidationProblem(_errors, title: "Neplatné parametry dotazu");
}
