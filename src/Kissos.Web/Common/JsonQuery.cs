using System.Security.Cryptography;
using System.Text;
using Kissos.Data;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Kissos.Common;

/// <summary>
/// Runs a query whose single value is a whole JSON document built by PostgreSQL, and answers it as-is with a
/// strong ETag (304 when the client already has it): no entities are loaded only to be serialized again.
/// </summary>
public static class JsonQuery
{
    public const string GeoJson = "application/geo+json";

    public static async Task<IResult> RespondAsync(
        KissosDb db, HttpContext http, string sql, IEnumerable<NpgsqlParameter> parameters, string contentType = GeoJson)
    {
        var json = await ScalarAsync(db, sql, parameters, http.RequestAborted);
        return json is null ? TypedResults.NotFound() : Respond(http, json, contentType);
    }

    /// <summary>Answers a JSON document with its strong ETag, or 304 when the client already has it.</summary>
    public static IResult Respond(HttpContext http, string json, string contentType = GeoJson) =>
        Respond(http, Encoding.UTF8.GetBytes(json), contentType + "; charset=utf-8");

    /// <summary>Answers a body with its strong ETag (a hash of the bytes), or 304 when the client already has it.</summary>
    public static IResult Respond(HttpContext http, ReadOnlyMemory<byte> body, string contentType) =>
        Respond(http, body, ETagOf(body.Span), contentType);

    /// <summary>The strong ETag of a body: a hash of its bytes.</summary>
    public static EntityTagHeaderValue ETagOf(ReadOnlySpan<byte> body) =>
        new($"\"{Convert.ToHexString(SHA256.HashData(body), 0, 16)}\"");

    /// <summary>Answers a body with a strong ETag computed before, or 304 when the client already has it.</summary>
    public static IResult Respond(HttpContext http, ReadOnlyMemory<byte> body, EntityTagHeaderValue etag, string contentType)
    {
        http.Response.Headers.ETag = etag.ToString();
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: true)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(body, contentType);
    }

    public static Task<string?> ScalarAsync(KissosDb db, string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken ct) =>
        Sql.ScalarAsync<string>(db, sql, parameters, ct);
}
