using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kissos.Tests.Common;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so a new endpoint is covered without editing this
/// test), with bad route values, bad query parameters and bad bodies, as anonymous and as every role: none may
/// answer 5xx. Query parameter names are learnt from the endpoint itself (its 400 for an unknown parameter lists the
/// allowed ones); bodies are generic shapes plus every member of a valid sample body replaced by bad values.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class BadInputFuzzTests(KissosApp app, ITestOutputHelper output) : IClassFixture<KissosApp>
{
    private static readonly string Huge = new('x', 20_000);

    /// <summary>Bad values of a query parameter or route value.</summary>
    private static readonly string[] BadValues =
    [
        "\0", "a\u001fb", Huge, "AA", "-1", "99999999999999999999", "1e309", "17,49,17,49", "9999-12-31", "..", "'%_", "ž\uFFFD",
    ];

    /// <summary>Bad values put in place of each member of a sample body.</summary>
    private static readonly Func<JsonNode?>[] BadMembers =
    [
        () => null, () => "a\u0000b", () => new string('x', 100_000), () => -1, () => 1e300, () => new JsonObject(),
        () => new JsonArray((JsonNode?)null), () => new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create($"https://x{i}.cz"))]),
    ];

    /// <summary>Whole bodies of every wrong shape.</summary>
    private static readonly string[] BadBodies =
    [
        "", "{}", "null", "[]", "[null]", "\"x\"", "1", "{", "{\"a\":", "\"\\u0000\"", "{\"x\":\"\\u0000\"}",
        "[" + string.Join(',', Enumerable.Repeat("null", 10_000)) + "]", "\"" + new string('x', 500_000) + "\"",
    ];

    private static readonly string?[] Accounts = [null, ApiClient.Provider, ApiClient.Municipality, ApiClient.Regional, ApiClient.Admin];

    [Fact]
    public async Task No_endpoint_answers_a_server_error_to_bad_input()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method != "OPTIONS")
            // Signing out ends a client's session: last, so the other requests are sent as the role they stand for.
            .OrderBy(x => x.Endpoint.RoutePattern.RawText!.EndsWith("/logout", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");

        var admin = await app.ClientAsync(ApiClient.Admin);
        var requests = new List<(string Method, string Url, HttpContent? Body, string What)>();
        foreach (var (method, endpoint) in endpoints)
        {
            foreach (var path in Paths(endpoint.RoutePattern))
                requests.Add((method, path, null, "route"));
            var basePath = Paths(endpoint.RoutePattern).First();
            foreach (var name in await QueryNamesAsync(admin, basePath, method))
                foreach (var value in BadValues)
                    requests.Add((method, $"{basePath}?{name}={Uri.EscapeDataString(value)}", null, $"query {name}"));
            if (method is "POST" or "PUT")
            {
                foreach (var body in BadBodies) requests.Add((method, basePath, Json(body), "body"));
                requests.Add((method, basePath, new StringContent("a;b\n\0;" + Huge, Encoding.UTF8, "text/csv"), "csv body"));
                requests.Add((method, basePath, new ByteArrayContent([0xff, 0xfe, 0x00, 0xc3]), "binary body"));
                foreach (var csv in CsvBodies(endpoint.RoutePattern.RawText!)) requests.Add((method, basePath, csv, "csv cell"));
                var sample = await SampleBodyAsync(admin, endpoint.RoutePattern.RawText!, basePath);
                foreach (var (where, body) in Mutations(sample))
                    requests.Add((method, basePath, Json(body.ToJsonString()), $"body {where}"));
            }
        }

        var failures = new List<string>();
        var sent = 0;
        foreach (var account in Accounts)
        {
            var client = await app.ClientAsync(account);
            foreach (var (method, url, body, what) in requests)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = await CopyAsync(body) };
                using var response = await client.Http.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{account ?? "anonymous"} {method} {Shorten(url)} ({what}) → {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }
        output.WriteLine($"{endpoints.Count} endpoints, {requests.Count} requests per account, {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests got a server error:\n" + string.Join('\n', failures.Take(40)));
    }

    /// <summary>Paths of the route: one with a sample value in every parameter, then each parameter varied alone.</summary>
    private static IEnumerable<string> Paths(RoutePattern pattern)
    {
        var samples = pattern.Parameters.ToDictionary(p => p.Name, Samples);
        string Build(string? varied, string? value) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart p => Uri.EscapeDataString(p.Name == varied ? value! : samples[p.Name][0]),
            _ => "",
        }))));
        yield return Build(null, null);
        foreach (var (name, values) in samples)
            foreach (var value in values.Skip(1).Concat(["\u0001", Huge, "-1"])) // (a NUL in a path is refused by the server before the app)
                yield return Build(name, value);
    }

    private static string[] Samples(RoutePatternParameterPart p)
    {
        var constraints = p.ParameterPolicies.Select(x => x.Content).ToList();
        if (constraints.Contains("guid")) return [Guid.Empty.ToString()];
        if (constraints.Contains("int")) return ["1", "0", "2147483647"];
        return p.Name switch
        {
            "id" => [VacancyInputs.OwnHome, "mpsv-128", "x"],
            "collectionId" => ["places", "services", "kraje", "orp", "obce", "catchment-areas", "x"],
            "featureId" => [VacancyInputs.OwnHomePlace, VacancyInputs.OwnHome, "CZ071", "7107", "500496", "x"],
            "layer" => ["services", "orp", "obce", "x"],
            _ => ["x"],
        };
    }

    /// <summary>The query parameters an endpoint accepts, from its 400 for an unknown one ("Povolené jsou: a, b.").</summary>
    private static async Task<List<string>> QueryNamesAsync(ApiClient client, string path, string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path + "?fuzzprobe=1");
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var marker = text.IndexOf("Povolené jsou: ", StringComparison.Ordinal);
        List<string> names = ["fuzzprobe"];
        if (marker < 0) return names;
        var list = text[(marker + "Povolené jsou: ".Length)..];
        list = list[..list.IndexOf('.')];
        return [.. names, .. list.Split(", ")];
    }

    /// <summary>A valid body of the endpoint where one is known (the edit form's own data, a vacancy), else a small object.</summary>
    private async Task<JsonNode> SampleBodyAsync(ApiClient admin, string pattern, string path)
    {
        if (pattern.StartsWith("/api/my/services/", StringComparison.Ordinal))
            return JsonNode.Parse(await (await admin.GetAsync(path)).Content.ReadAsStringAsync())!;
        if (pattern.StartsWith("/api/my/vacancies", StringComparison.Ordinal))
            return JsonSerializer.SerializeToNode(VacancyInputs.Valid(), JsonSerializerOptions.Web)!;
        return pattern switch
        {
            "/api/account/login" => new JsonObject { ["email"] = "fuzz@example.cz", ["password"] = "nic-nic-nic" },
            "/api/admin/users/" => new JsonObject { ["email"] = "fuzz@example.cz", ["password"] = "Fuzz-fuzz-2026", ["role"] = "provider", ["icos"] = new JsonArray("61985929") },
            "/api/registers/snapshots" => new JsonObject { ["quarterEnd"] = "2026-09-30" },
            _ => new JsonObject { ["text"] = "x", ["list"] = new JsonArray("x") },
        };
    }

    /// <summary>For a register import: its header and one row with a bad value in each column in turn.</summary>
    private static IEnumerable<HttpContent> CsvBodies(string pattern)
    {
        var columns = pattern switch
        {
            "/api/my/registers/applicants" => Kissos.Registers.RegisterCsv.ApplicantColumns,
            "/api/my/registers/users" => Kissos.Registers.RegisterCsv.UserColumns,
            _ => [],
        };
        foreach (var column in columns)
            foreach (var bad in new[] { "\0", "a\u0000b", Huge, "-1", "9999-12-31", "1.1.1", "=1+1", "\"" })
            {
                var row = columns.Select(c => c == column ? bad : c == "sluzba" ? VacancyInputs.OwnHome : "1");
                yield return new StringContent(string.Join(';', columns) + "\n" + string.Join(';', row) + "\n", Encoding.UTF8, "text/csv");
            }
    }

    /// <summary>The sample with each member (at any depth) replaced by each bad value.</summary>
    private static IEnumerable<(string Where, JsonNode Body)> Mutations(JsonNode sample)
    {
        foreach (var path in MemberPaths(sample, ""))
            foreach (var bad in BadMembers)
            {
                var copy = sample.DeepClone();
                Replace(copy, path, bad());
                yield return (path, copy);
            }
    }

    private static IEnumerable<string> MemberPaths(JsonNode? node, string prefix) => node switch
    {
        JsonObject o => o.SelectMany(p => MemberPaths(p.Value, $"{prefix}/{p.Key}").Prepend($"{prefix}/{p.Key}")),
        JsonArray a when a.Count > 0 => MemberPaths(a[0], $"{prefix}/0").Prepend($"{prefix}/0"),
        _ => [],
    };

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var steps = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = steps[..^1].Aggregate(root, (n, s) => n is JsonArray a ? a[int.Parse(s)]! : n[s]!);
        if (parent is JsonArray array) array[int.Parse(steps[^1])] = value;
        else parent[steps[^1]] = value;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpContent?> CopyAsync(HttpContent? body)
    {
        if (body is null) return null;
        var copy = new ByteArrayContent(await body.ReadAsByteArrayAsync());
        foreach (var header in body.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return copy;
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
