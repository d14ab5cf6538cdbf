using System.Net;
using System.Text.RegularExpressions;
using Kissos.ApiDocs;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Kissos.Tests.ApiDocs;

/// <summary>The API description: a valid OpenAPI document listing the public endpoints with texts and errors, and its reference page served locally.</summary>
[Collection(DatabaseCollection.Name)]
public partial class OpenApiTests(KissosApp app) : IClassFixture<KissosApp>
{
    [Fact]
    public async Task The_document_parses_and_describes_every_public_endpoint()
    {
        var text = await app.CreateClient().GetStringAsync(ApiDescription.DocumentPath);
        var read = OpenApiDocument.Parse(text, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        Assert.Equal("KISSoS API", document.Info.Title);
        foreach (var (key, doc) in EndpointDocs.All)
        {
            var (method, path) = (key.Split(' ')[0], key.Split(' ')[1]);
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            var operation = item!.Operations![HttpMethod.Parse(method)];
            Assert.Equal(doc.Summary, operation.Summary);
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), key);
            foreach (var status in doc.Errors)
                Assert.True(operation.Responses!.ContainsKey(status.ToString()), $"{key} does not list its error {status}");
        }
        foreach (var hsda in new[] { "/hsds/services", "/hsds/services/{id}", "/hsds/organizations", "/hsds/service_at_locations/{id}" })
            Assert.NotNull(document.Paths[hsda].Operations![HttpMethod.Get].Summary);
    }

    [Fact]
    public void The_descriptions_name_only_endpoints_that_exist()
    {
        var routes = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                EndpointDocs.Key(m, e.RoutePattern.RawText!)))
            .ToHashSet();

        var unknown = EndpointDocs.All.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"not endpoints: {string.Join(", ", unknown)}; endpoints: {string.Join(", ", routes.Order())}");
    }

    [Fact]
    public async Task The_reference_page_and_its_script_come_from_the_site_itself()
    {
        var client = app.CreateClient();
        using var page = await client.GetAsync($"{ApiDescription.ReferencePath}/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http"), src));
        foreach (var src in scripts)
        {
            using var script = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, $"{ApiDescription.ReferencePath}/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        Assert.Contains("script-src 'self' 'unsafe-inline'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
    }

    [GeneratedRegex(@"<script[^>]*\ssrc=""([^""]+)""")]
    private static partial Regex ScriptSource();
}
