using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Kissos.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Kissos.Common;

/// <summary>
/// Answers made from map data (territory layers, services, supply statistics, vector tiles, the OGC API's features),
/// kept per data version: every write of map data bumps the version in its own transaction, so an answer made under
/// the current version is still right. One cheap prepared query (<see cref="AnswerState"/>) reads the version per
/// request; a cached answer is then sent as the bytes (and the gzipped bytes, and the strong ETag) made the first
/// time. The version comes from PostgreSQL, so every app instance keys its answers alike, and an import moves all of
/// them to new keys at once.
/// Answers that also depend on the day (ended services leave the map) are keyed by the day as well.
/// </summary>
public sealed class MapAnswerCache(IOptions<KissosOptions> options, AnswerState state) : IDisposable
{
    /// <summary>At most this many bytes of answers are kept; the least recently used go first.</summary>
    public const long SizeLimitBytes = 64L * 1024 * 1024;

    private const string VersionSql = "SELECT version FROM common.data_version";

    /// <summary>
    /// The version of what the forms overviews read: the map data (service and provider names) and the forms, their
    /// network, terms and templates (a trigger bumps forms.answer_version at the commit of any write to them).
    /// </summary>
    public const string FormsVersionSql =
        "SELECT (SELECT version FROM common.data_version) || '.' || (SELECT version FROM forms.answer_version)";

    private readonly bool _enabled = options.Value.CacheAnswers;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    /// <summary>The bytes of an answer and their media type, as a request builds them.</summary>
    public sealed record Built(byte[] Body, string ContentType);

    /// <summary>An answer, also gzipped once (most clients ask for gzip; compressing per request is most of its cost).</summary>
    private sealed record Answer(byte[] Body, byte[]? Gzipped, EntityTagHeaderValue ETag, string ContentType)
    {
        public long Bytes => Body.Length + (Gzipped?.Length ?? 0);
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<Answer?>>> _building = new();

    /// <summary>The map's GeoJSON made by one SQL query (a single JSON value; none = 404), keyed by the SQL, its values and the day.</summary>
    public Task<IResult> RespondAsync(KissosDb db, HttpContext http, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var arguments = parameters.ToList();
        // The SQL (kilobytes, built per request) is keyed by its SHA-256: copying it into every key was most of what a
        // kept answer allocated per request.
        var request = JsonSerializer.Serialize(new
        {
            day = DateOnly.FromDateTime(DateTime.UtcNow),
            sql = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(sql.AsSpan()))),
            arguments = arguments.Select(p => new[] { p.ParameterName, Convert.ToString(p.Value, CultureInfo.InvariantCulture) }),
        });
        return RespondAsync(db, http, request, async () =>
            await JsonQuery.ScalarAsync(db, sql, arguments, CancellationToken.None) is { } json
                ? new Built(System.Text.Encoding.UTF8.GetBytes(json), JsonQuery.GeoJson + "; charset=utf-8")
                : null,
            TypedResults.NotFound());
    }

    /// <summary>
    /// Answers <paramref name="request"/> (everything the answer depends on besides the data: path, query, format,
    /// host) from the answers kept under the current data version, building it once when missing. Requests that miss
    /// together wait for one build. <paramref name="build"/> runs uncancelled (the others waiting need it) and gives
    /// null when there is nothing to answer, which is answered <paramref name="missing"/> and not kept.
    /// <paramref name="versionSql"/> reads the version of the data the answer is made of (default: the map data's);
    /// <paramref name="seeVersion"/>, when given, is told that version before the answer is made (a tile's
    /// Cache-Control depends on it).
    /// </summary>
    public async Task<IResult> RespondAsync(KissosDb db, HttpContext http, string request, Func<Task<Built?>> build, IResult missing,
        string versionSql = VersionSql, Action<string>? seeVersion = null)
    {
        var version = _enabled || seeVersion is not null ? await state.ReadAsync(versionSql, http.RequestAborted) : null;
        if (version is not null) seeVersion?.Invoke(version);
        Answer? answer;
        if (!_enabled)
        {
            answer = await BuildAsync(build, compress: false);
            return answer is null ? missing : JsonQuery.Respond(http, answer.Body, answer.ETag, answer.ContentType);
        }

        var key = $"{version}\n{request}";
        if (!_answers.TryGetValue(key, out answer))
        {
            var building = _building.GetOrAdd(key, _ => new Lazy<Task<Answer?>>(() => BuildAsync(build, compress: true)));
            try { answer = await building.Value; }
            finally { _building.TryRemove(KeyValuePair.Create(key, building)); }
            if (answer is null) return missing;
            _answers.Set(key, answer, new MemoryCacheEntryOptions
            {
                Size = answer.Bytes + key.Length * 2, SlidingExpiration = TimeSpan.FromHours(1),
            });
        }
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var gzip = answer!.Gzipped is not null
            && http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        // With Content-Encoding set, the response compression middleware leaves the body as it is.
        if (gzip) http.Response.Headers.ContentEncoding = "gzip";
        return JsonQuery.Respond(http, gzip ? answer.Gzipped : answer.Body, answer.ETag, answer.ContentType);
    }

    private static async Task<Answer?> BuildAsync(Func<Task<Built?>> build, bool compress)
    {
        if (await build() is not { } built) return null;
        byte[]? gzipped = null;
        if (compress)
        {
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(built.Body);
            // A tiny answer that gzip does not shrink is sent as it is.
            if (buffer.Length < built.Body.Length) gzipped = buffer.ToArray();
        }
        return new Answer(built.Body, gzipped, JsonQuery.ETagOf(built.Body), built.ContentType);
    }

    public void Dispose() => _answers.Dispose();
}
