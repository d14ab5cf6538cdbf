using Microsoft.AspNetCore.Diagnostics;

namespace Kissos.Common;

/// <summary>A request body that cannot be read (malformed JSON, a word where a number belongs) is the client's error: 400.</summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Požadavek nelze přečíst",
                // The JSON reader's message names the member at fault ("Path: $.places[0].street").
                Detail = "Data nemají očekávaný tvar (např. text místo čísla nebo neplatné datum). " +
                         (bad.InnerException is System.Text.Json.JsonException json ? json.Message : bad.Message),
            },
        });
    }
}
