namespace Kissos.Common;

/// <summary>
/// Validation messages in Czech under the names of the fields they concern (as ValidationProblem wants them), with
/// the checks every body needs: a member present (JSON null or missing is not "empty"), a text within its maximum
/// length, a list within its maximum count and without null items.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public int Count => _errors.Count;

    public void Add(string field, string message) =>
        (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);

    /// <summary>A text of at most <paramref name="max"/> characters; null passes unless <paramref name="required"/>.</summary>
    public bool Text(string field, string label, string? value, int max, bool required = false)
    {
        if (value is null)
        {
            if (required) Add(field, $"Pole „{label}“ je povinné.");
            return !required;
        }
        if (value.Length <= max) return true;
        Add(field, $"Pole „{label}“ smí mít nejvýš {max:N0} znaků, má {value.Length:N0}.");
        return false;
    }

    /// <summary>A list present, of at most <paramref name="maxCount"/> items, none of them null.</summary>
    public bool List(string field, string label, IReadOnlyCollection<object?>? items, int maxCount)
    {
        if (items is null) Add(field, $"Seznam „{label}“ chybí (pošlete prázdný seznam []).");
        else if (items.Count > maxCount) Add(field, $"Seznam „{label}“ smí mít nejvýš {maxCount:N0} položek, má {items.Count:N0}.");
        else if (items.Any(i => i is null)) Add(field, $"Seznam „{label}“ obsahuje prázdnou položku (null).");
        else return true;
        return false;
    }

    /// <summary>A list of texts as <see cref="List"/>, each of at most <paramref name="maxLength"/> characters.</summary>
    public bool Texts(string field, string label, IReadOnlyCollection<string?>? items, int maxCount, int maxLength)
    {
        if (!List(field, label, items, maxCount)) return false;
        var tooLong = items!.FirstOrDefault(i => i!.Length > maxLength);
        if (tooLong is null) return true;
        Add(field, $"Položka seznamu „{label}“ smí mít nejvýš {maxLength:N0} znaků, „{tooLong[..Math.Min(20, tooLong.Length)]}…“ má {tooLong.Length:N0}.");
        return false;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
