using System.Net;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Common;

/// <summary>Public read-only data answers other sites' browsers (CORS); nothing behind a sign-in ever does.</summary>
[Collection(DatabaseCollection.Name)]
public class CorsTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string OtherSite = "https://mapa.example.org";

    public static TheoryData<string> Public => new()
    {
        "/api/catalogue/taxonomy",
        "/api/catalogue/services/mpsv-4365",
        "/api/map/services?druh=13",
        "/api/map/stats/orp",
        "/api/map/demand/orp",
        "/api/territory/kraje",
        "/api/vacancies",
        "/tiles/obce.json",
        "/ogc/collections?f=json",
        "/hsds/services?per_page=1",
        "/hsds/organizations?per_page=1",
    };

    /// <summary>Signed-in endpoints, reads and writes, of every kind of account.</summary>
    public static TheoryData<string, string> Authenticated => new()
    {
        { "GET", "/api/account/me" },
        { "POST", "/api/account/login" },
        { "GET", "/api/my/services" },
        { "GET", "/api/my/vacancies" },
        { "POST", "/api/my/vacancies" },
        { "GET", "/api/audit" },
        { "GET", "/api/admin/users" },
        { "GET", "/api/registers/demand" },
        { "GET", "/api/staff/catalogue/services.csv" },
        { "POST", "/api/staff/catalogue/services.csv" },
    };

    [Theory]
    [MemberData(nameof(Public))]
    public async Task A_public_read_answers_a_preflight_and_a_simple_request_from_another_origin(string url)
    {
        var client = app.CreateClient();
        using var preflight = await client.SendAsync(Preflight(url, "GET"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Header(preflight, "Access-Control-Allow-Methods"));

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", OtherSite);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [MemberData(nameof(Public))]
    public async Task A_public_read_refuses_a_cross_origin_write(string url)
    {
        using var preflight = await app.CreateClient().SendAsync(Preflight(url, "POST"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods") &&
                     Header(preflight, "Access-Control-Allow-Methods").Contains("POST"));
    }

    [Theory]
    [MemberData(nameof(Authenticated))]
    public async Task A_signed_in_endpoint_never_answers_another_origin(string method, string url)
    {
        var client = (await app.ClientAsync(ApiClient.Admin)).Http;
        using var preflight = await client.SendAsync(Preflight(url, method));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"), $"preflight of {method} {url}");

        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("Origin", OtherSite);
        if (method != "GET") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{method} {url} answered {(int)response.StatusCode} with CORS");
    }

    private static HttpRequestMessage Preflight(string url, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", OtherSite);
        request.Headers.Add("Access-Control-Request-Method", method);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
