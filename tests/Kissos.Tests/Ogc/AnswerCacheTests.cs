using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Ogc;

/// <summary>
/// Answers kept per data version (Common/MapAnswerCache.cs: GeoJSON, OGC pages and vector tiles) are the answers made
/// without the cache, byte for byte, with the same headers; every app instance on one database answers alike; an import moves them all on.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class AnswerCacheTests(KissosApp app) : IClassFixture<KissosApp>
{
    /// <summary>The same app with the cache off: the answers as they were made before it.</summary>
    private sealed class UncachedApp : KissosApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kissos:CacheAnswers", "false");
        }
    }

    private static readonly string[] Urls =
    [
        "/ogc/collections/obce/items?bbox=17.1,49.5,17.4,49.7&limit=100",
        "/ogc/collections/obce/items?bbox=17.1,49.5,17.4,49.7&limit=10",
        "/ogc/collections/obce/items?krajNuts3=CZ072&limit=5&crs=http://www.opengis.net/def/crs/EPSG/0/5514",
        "/ogc/collections/services/items?druh=13&limit=100",
        "/ogc/collections/places/items?limit=5&crs=http://www.opengis.net/def/crs/EPSG/0/4326",
        "/ogc/collections/kraje/items?f=html",
        "/ogc/collections/obce/items/500496",
        "/ogc/collections/obce/items/500496?crs=http://www.opengis.net/def/crs/EPSG/0/5514",
        "/ogc/collections/obce/items/500496?f=html",
        "/ogc/collections/obce/items/999999999",
        "/api/territory/kraje",
        "/api/territory/orp?kraj=CZ071",
        "/tiles/obce/10/561/349.mvt",
        "/tiles/services/10/561/349.mvt",
        "/tiles/obce/8/100/100.mvt",
    ];

    private sealed record Answer(HttpStatusCode Status, byte[] Body, string? ETag, string? ContentType, string? ContentCrs, string? Encoding);

    private static async Task<Answer> GetAsync(HttpClient client, string url, bool gzip = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (gzip) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (encoding == "gzip")
        {
            using var unzipped = new MemoryStream();
            await using (var stream = new GZipStream(new MemoryStream(body), CompressionMode.Decompress)) await stream.CopyToAsync(unzipped);
            body = unzipped.ToArray();
        }
        return new Answer(response.StatusCode, body, response.Headers.ETag?.ToString(), response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("Content-Crs", out var crs) ? crs.Single() : null, encoding);
    }

    private static void AssertSame(Answer expected, Answer actual, string url)
    {
        Assert.True(expected.Body.AsSpan().SequenceEqual(actual.Body)
            || (expected.Status != HttpStatusCode.OK && WithoutTraceId(expected) == WithoutTraceId(actual)), $"{url}: the bytes differ");
        Assert.Equal((expected.Status, expected.ETag, expected.ContentType, expected.ContentCrs),
            (actual.Status, actual.ETag, actual.ContentType, actual.ContentCrs));
    }

    /// <summary>A problem's text without its traceId, which differs per request by design.</summary>
    private static string WithoutTraceId(Answer answer) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(answer.Body), "\"traceId\":\"[^\"]*\"", "");

    /// <summary>The first page's next link (a cursor page: numberMatched by the batched count).</summary>
    private static async Task<string> NextPageAsync(HttpClient client)
    {
        var page = JsonDocument.Parse((await GetAsync(client, Urls[1])).Body).RootElement;
        var next = page.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next");
        return new Uri(next.GetProperty("href").GetString()!).PathAndQuery;
    }

    [Fact]
    public async Task Cached_answers_are_the_bytes_and_headers_made_without_the_cache()
    {
        await using var uncached = new UncachedApp { SharedDatabase = app.Database };
        await uncached.InitializeAsync();
        using var before = uncached.CreateClient();
        using var cached = app.CreateClient();

        foreach (var url in Urls.Append(await NextPageAsync(before)))
        {
            var expected = await GetAsync(before, url);
            Assert.True(expected.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.NoContent, $"{url}: {expected.Status}");
            var miss = await GetAsync(cached, url);
            var hit = await GetAsync(cached, url);
            var gzipped = await GetAsync(cached, url, gzip: true);
            AssertSame(expected, miss, url);
            AssertSame(expected, hit, url);
            AssertSame(expected, gzipped, url);
            if (expected.Status == HttpStatusCode.OK && expected.Body.Length > 1000) Assert.Equal("gzip", gzipped.Encoding);
        }
    }

    [Fact]
    public async Task Instances_answer_alike_and_an_import_moves_every_one_to_the_new_data()
    {
        await using var second = new KissosApp { SharedDatabase = app.Database };
        await second.InitializeAsync();
        using var a = app.CreateClient();
        using var b = second.CreateClient();
        const string url = "/ogc/collections/obce/items/500496";

        var old = await GetAsync(a, url);
        AssertSame(old, await GetAsync(b, url), url);
        Assert.Contains("\"Olomouc\"", System.Text.Encoding.UTF8.GetString(old.Body));

        // What an import does: the data and the version change in one transaction.
        await using (var db = app.Database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE territory.obec SET name = 'Olomouc (nová data)' WHERE code = '500496'");
            await db.Database.ExecuteSqlRawAsync("UPDATE common.data_version SET version = version + 1");
            await tx.CommitAsync();
        }

        var fromA = await GetAsync(a, url);
        var fromB = await GetAsync(b, url);
        Assert.Contains("\"Olomouc (nová data)\"", System.Text.Encoding.UTF8.GetString(fromA.Body));
        AssertSame(fromA, fromB, url);
        Assert.NotEqual(old.ETag, fromA.ETag);
    }
}
