using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kissos.PublicCatalogue;

/// <summary>
/// Search results kept per state of what they are made from, as MapAnswerCache keeps the map's answers: the data
/// version (every write of catalogue data bumps it), the public vacancies now (they change without a data version:
/// a fingerprint of their rows, so a publish, edit or withdrawal moves the key) and the day (ended services and
/// expired vacancies leave on their own): <see cref="CatalogueSearch.StateSql"/>. The state is read from PostgreSQL in one cheap query per search, so every
/// app instance keys alike and nothing needs telling when the data change. A search without text counts its facets
/// over the whole catalogue (tens of ms at national size), and people open the same few such pages most.
/// </summary>
public sealed class SearchAnswerCache(IOptions<KissosOptions> options, AnswerState state) : IDisposable
{
    /// <summary>At most this many results are kept (each some 10–40 kB); the least recently used go first.</summary>
    public const int MaxAnswers = 1_000;

    private readonly bool _enabled = options.Value.CacheAnswers;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxAnswers });

    /// <summary>The result of the search, kept or made now.</summary>
    public async Task<SearchResult> SearchAsync(KissosDb db, ServiceFilter filter, int page, CancellationToken ct)
    {
        if (!_enabled) return await CatalogueSearch.RunAsync(db, filter, page, ct);
        var key = $"{await state.ReadAsync(CatalogueSearch.StateSql, ct)}\n{SearchPage.Url(SearchPage.State(filter), page: page)}";
        if (_answers.TryGetValue(key, out SearchResult? kept)) return kept!;
        var result = await CatalogueSearch.RunAsync(db, filter, page, ct);
        _answers.Set(key, result, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return result;
    }

    public void Dispose() => _answers.Dispose();
}
