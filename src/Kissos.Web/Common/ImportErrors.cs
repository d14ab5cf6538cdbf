namespace Kissos.Common;

/// <summary>One bad record of an import: the file, its line or feature number, and why.</summary>
public sealed record ImportError(string Source, int Number, string Message)
{
    public override string ToString() => $"{Source} #{Number}: {Message}";
}

/// <summary>Thrown when an import found bad records; nothing of that import was stored.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportError> errors)
    : Exception($"Import zamítnut, chybných záznamů: {errors.Count}. " + string.Join("; ", errors.Take(5)))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;

    /// <summary>The API's answer to a refused CSV upload: 400 with every bad row as {line, message} in "rows".</summary>
    public IResult Problem() => TypedResults.Problem(statusCode: 400, title: "Import zamítnut, nic nebylo uloženo",
        detail: $"Chybných řádků: {Errors.Count}.",
        extensions: new Dictionary<string, object?> { ["rows"] = Errors.Select(r => new { line = r.Number, r.Message }) });
}

/// <summary>Collects errors while an import validates its input.</summary>
public sealed class ImportErrorList(string source)
{
    private readonly List<ImportError> _errors = [];

    public string Source { get; } = source;
    public IReadOnlyList<ImportError> Errors => _errors;

    public void Add(int number, string message) => _errors.Add(new ImportError(Source, number, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ImportFailedException(_errors);
    }
}
