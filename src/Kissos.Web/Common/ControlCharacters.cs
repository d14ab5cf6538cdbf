using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kissos.Common;

/// <summary>
/// Control characters (U+0000–U+001F and U+007F, but tab and line breaks in body text) never belong in what a
/// client sends; PostgreSQL refuses NUL in text outright. They are refused at the door with 400, in the URL by
/// <see cref="UseControlCharacterGuard"/> and in every JSON body by <see cref="JsonGuard"/>, so no endpoint has
/// to remember them.
/// </summary>
public static class ControlCharacters
{
    private static readonly char[] All = [.. Enumerable.Range(0, 32).Select(i => (char)i), '\u007f'];
    private static readonly SearchValues<char> InUrlForbidden = SearchValues.Create(All);
    private static readonly SearchValues<char> InTextForbidden = SearchValues.Create(All.Where(c => c is not ('\t' or '\n' or '\r')).ToArray());

    public static bool InUrl(string? text) => text is not null && text.AsSpan().ContainsAny(InUrlForbidden);

    public static bool InText(string? text) => text is not null && text.AsSpan().ContainsAny(InTextForbidden);

    /// <summary>400 when the path or any query parameter (name or value) holds a control character.</summary>
    public static IApplicationBuilder UseControlCharacterGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var bad = InUrl(request.Path.Value) ? "cesta"
            : request.Query.Where(p => InUrl(p.Key) || p.Value.Any(InUrl)).Select(p => $"parametr '{p.Key.Replace("\0", "\\0")}'").FirstOrDefault();
        if (bad is null)
        {
            await next(http);
            return;
        }
        await TypedResults.Problem(statusCode: 400, title: "Neplatné znaky v adrese",
            detail: $"{char.ToUpperInvariant(bad[0])}{bad[1..]} obsahuje řídicí znak (např. NUL); takové znaky nejsou povoleny.").ExecuteAsync(http);
    });

    /// <summary>Reads every JSON string of a request body, refusing control characters (the path names the field).</summary>
    public sealed class JsonGuard : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return InText(text) ? throw new JsonException("Text obsahuje řídicí znak (např. NUL), který není povolen.") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
