using System.Net;
using System.Text.RegularExpressions;
using Kissos.Common;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Common;

/// <summary>Every kind of response carries the headers that keep data from running as script; no page needs inline script.</summary>
[Collection(DatabaseCollection.Name)]
public partial class SecurityHeaderTests(KissosApp app) : IClassFixture<KissosApp>
{
    [Theory]
    [InlineData("/")]                                  // static page
    [InlineData("/js/app.js")]                         // static script
    [InlineData("/api/map/services?druh=13")]          // GeoJSON
    [InlineData("/api/map/services?nic=1")]            // 400 problem details
    [InlineData("/api/my/services")]                   // 401
    [InlineData("/neni-tu-nic")]                       // 404
    [InlineData("/ogc/collections/places/items?f=html&limit=2")] // server-made HTML
    [InlineData("/api/catalogue/services.csv")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);

        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = Regex.Match(csp, "script-src ([^;]*)").Groups[1].Value;
        Assert.Equal("'self'", scriptSrc.Trim());
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal(SecurityHeaders.ReferrerPolicy, Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080")]
    [InlineData("", null)]
    [InlineData("javascript:alert(1)", null)]
    public void The_basemap_origin_is_the_only_foreign_image_source(string tileUrl, string? expected)
    {
        Assert.Equal(expected, SecurityHeaders.TileOrigin(tileUrl));
        Assert.Contains($"img-src 'self' data: blob:{(expected is null ? "" : " " + expected)};", SecurityHeaders.ContentSecurityPolicy(tileUrl));
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task The_antiforgery_cookie_is_secure_over_https(string baseAddress, bool secure)
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri(baseAddress) });

        using var response = await client.GetAsync("/api/account/antiforgery");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The pages the app serves, static and server-made, have no inline script and no event-handler attribute.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/sprava.html")]
    [InlineData("/obnova.html")]
    [InlineData("/ogc?f=html")]
    [InlineData("/ogc/api?f=html")]
    [InlineData("/ogc/collections?f=html")]
    [InlineData("/ogc/collections/services?f=html")]
    [InlineData("/ogc/collections/services/items?f=html&limit=3")]
    [InlineData("/ogc/collections/places/items/misto-11091614?f=html")]
    public async Task No_page_needs_inline_script(string url)
    {
        var html = await app.CreateClient().GetStringAsync(url);

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.All(scripts, tag => Assert.True(tag.Contains(" src=") || tag.Contains("type=\"application/geo+json\""), $"inline script in {url}: {tag}"));
        Assert.DoesNotMatch(EventHandler(), html);
        Assert.DoesNotContain("javascript:", html);
    }

    [Fact]
    public async Task Markup_from_data_is_text_in_server_made_pages()
    {
        const string payload = "<img src=x onerror=alert(document.domain)></script><!--<script>";
        await using (var db = app.Database.Open())
        {
            var place = await db.Places.FindAsync("misto-11091614");
            place!.Street = payload;
            await db.SaveChangesAsync();
            await Kissos.Common.DataVersion.BumpAsync(db); // as every edit and import does: kept answers are of the old version
        }

        var html = await app.CreateClient().GetStringAsync("/ogc/collections/places/items/misto-11091614?f=html");

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<!--", html);
        Assert.Contains("&lt;img src=x onerror=alert(document.domain)&gt;", html); // the table shows it as text
        var data = Regex.Match(html, """<script type="application/geo\+json" id="ogc-features">(.*?)</script>""", RegexOptions.Singleline);
        Assert.True(data.Success, "the map's data block ends where the page ends it");
        Assert.Contains(payload, data.Groups[1].Value.Replace("\\u003c", "<")); // and the map gets the exact text
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode}) has no {name} header");

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
