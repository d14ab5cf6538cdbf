using System.Text.RegularExpressions;

namespace Kissos.Common;

/// <summary>
/// Headers on every response that keep text from data from ever running as script: a Content-Security-Policy that
/// allows only the site's own script files (no inline script, no event-handler attributes, no eval), no framing,
/// no MIME sniffing, and no full URLs leaking to other sites. The one exception is a page made by a library that
/// configures itself in an inline script (the API reference page): under its path inline script is allowed; it
/// shows no data of the catalogue, only the API description.
/// </summary>
public static partial class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>The policy; <paramref name="tileUrl"/> (the basemap's URL template) is the one other origin images come from.</summary>
    public static string ContentSecurityPolicy(string? tileUrl, bool inlineScript = false) =>
        $"default-src 'self'; script-src 'self'{(inlineScript ? " 'unsafe-inline'" : "")}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; " +
        // Leaflet positions and sizes its panes with inline styles, so styles may be inline; they cannot run script.
        "style-src 'self' 'unsafe-inline'; " +
        $"img-src 'self' data: blob:{(TileOrigin(tileUrl) is { } tiles ? " " + tiles : "")}; connect-src 'self'";

    /// <summary>The origin of a tile URL template as a CSP source; a "{s}" subdomain becomes a wildcard.</summary>
    public static string? TileOrigin(string? tileUrl) =>
        tileUrl is { Length: > 0 } && Origin().Match(tileUrl) is { Success: true } m
            ? Placeholder().Replace(m.Value, "*")
            : null;

    /// <summary>Adds the headers; under each of <paramref name="inlineScriptPaths"/> the policy allows inline script.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? tileUrl, params string[] inlineScriptPaths)
    {
        var strict = ContentSecurityPolicy(tileUrl);
        var inline = ContentSecurityPolicy(tileUrl, inlineScript: true);
        return app.Use((http, next) =>
        {
            var policy = inlineScriptPaths.Any(p => http.Request.Path.StartsWithSegments(p)) ? inline : strict;
            // On starting, so an error page (the exception handler clears headers) gets them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY"; // for browsers without CSP frame-ancestors
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    [GeneratedRegex(@"^https?://[^/?#]+", RegexOptions.IgnoreCase)]
    private static partial Regex Origin();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();
}
