using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Common;

/// <summary>
/// Loads reference data into what the database already holds: new records are added, existing ones take the
/// incoming values, nothing is deleted (services, vacancies and registers refer to them). Running it twice with
/// the same input changes nothing.
/// </summary>
public static class EntityMerge
{
    /// <summary>Merges and returns the tracked entity for every incoming key.</summary>
    public static async Task<Dictionary<TKey, T>> MergeAsync<T, TKey>(
        KissosDb db, IEnumerable<T> incoming, Func<T, TKey> key, CancellationToken ct, Action<T, T>? copy = null)
        where T : class where TKey : notnull
    {
        var existing = await db.Set<T>().ToDictionaryAsync(key, ct);
        var result = new Dictionary<TKey, T>();
        foreach (var item in incoming)
        {
            if (existing.TryGetValue(key(item), out var current))
            {
                if (copy is null) db.Entry(current).CurrentValues.SetValues(item);
                else copy(item, current);
                result[key(item)] = current;
            }
            else
            {
                db.Set<T>().Add(item);
                result[key(item)] = item;
            }
        }
        return result;
    }
}
