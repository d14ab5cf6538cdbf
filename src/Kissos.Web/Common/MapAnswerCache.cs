using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Kissos.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Kissos.Common;

/// <summary>
/// The public map's answers (territory layers, services, supply statistics), kept per data version: every write of
/// map data bumps the version in its own transaction, so an answer made under the current version is still right.
/// One cheap query reads the version per request; a cached answer is then sent without building the document again,
/// so 200 clients asking for the same layer cost one query each and share one copy of it in memory.
/// Answers that also depend on the day (ended services leave the map) are keyed by the day as well.
/// </summary>
public sealed class MapAnswerCache : IDisposable
{
    /// <summary>At most this many bytes of answers are kept; the least recently used go first.</summary>
    public const long SizeLimitBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    /// <summary>An answer, also gzipped once (browsers ask for gzip; compressing 1–2 MB per request is most of its cost).</summary>
    private sealed record Answer(byte[] Body, byte[] Gzipped, EntityTagHeaderValue ETag);

    private readonly ConcurrentDictionary<string, Lazy<Task<Answer?>>> _building = new();

    public async Task<IResult> RespondAsync(KissosDb db, HttpContext http, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var version = await Sql.ScalarAsync<long>(db, "SELECT version FROM common.data_version", [], http.RequestAborted);
        var arguments = parameters.ToList();
        var key = JsonSerializer.Serialize(new
        {
            version, day = DateOnly.FromDateTime(DateTime.UtcNow), sql,
            arguments = arguments.Select(p => new[] { p.ParameterName, Convert.ToString(p.Value, CultureInfo.InvariantCulture) }),
        });
        if (!_answers.TryGetValue(key, out Answer? answer))
        {
            // Requests that miss together wait for one query, not one each.
            var building = _building.GetOrAdd(key, _ => new Lazy<Task<Answer?>>(() => BuildAsync(db, sql, arguments)));
            try { answer = await building.Value; }
            finally { _building.TryRemove(KeyValuePair.Create(key, building)); }
            if (answer is null) return TypedResults.NotFound();
            _answers.Set(key, answer, new MemoryCacheEntryOptions
            {
                Size = answer.Body.Length + answer.Gzipped.Length + key.Length * 2, SlidingExpiration = TimeSpan.FromHours(1),
            });
        }
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        // With Content-Encoding set, the response compression middleware leaves the body as it is.
        if (gzip) http.Response.Headers.ContentEncoding = "gzip";
        return JsonQuery.Respond(http, gzip ? answer!.Gzipped : answer!.Body, answer.ETag, JsonQuery.GeoJson + "; charset=utf-8");
    }

    // Not cancelled with the request that started it: the others waiting for it still need the answer.
    private static async Task<Answer?> BuildAsync(KissosDb db, string sql, List<NpgsqlParameter> parameters)
    {
        if (await JsonQuery.ScalarAsync(db, sql, parameters, CancellationToken.None) is not { } json) return null;
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal)) gzip.Write(body);
        return new Answer(body, gzipped.ToArray(), JsonQuery.ETagOf(body));
    }

    public void Dispose() => _answers.Dispose();
}
