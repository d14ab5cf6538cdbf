using System.Net;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Accounts;

/// <summary>Every endpoint × every role, with the status each must get: authorization is enforced by the server.</summary>
[Collection(DatabaseCollection.Name)]
public class AuthorizationMatrixTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string OwnService = "mpsv-4365";      // Centrum Dominika Kokory (CZ071), of the demo provider
    private const string OtherService = "mpsv-128";     // Domov pro seniory Koryčany (CZ072), another provider

    // Columns: anonymous, provider, municipality, regional (CZ072), admin.
    public static TheoryData<string, string, int[]> Matrix => new()
    {
        { "GET", "/api/map/services?druh=13", [200, 200, 200, 200, 200] },
        { "GET", "/api/vacancies", [200, 200, 200, 200, 200] },
        { "GET", "/api/account/me", [401, 200, 200, 200, 200] },
        { "GET", "/api/my/services", [401, 200, 403, 200, 200] },
        { "GET", $"/api/my/services/{OwnService}", [401, 200, 403, 403, 200] },
        { "GET", $"/api/my/services/{OtherService}", [401, 403, 403, 200, 200] },
        { "GET", "/api/my/vacancies", [401, 200, 403, 200, 200] },
        { "POST", "/api/my/vacancies", [401, 403, 403, 403, 201] }, // a CZ071 home of another provider
        { "DELETE", $"/api/my/vacancies/{Guid.Empty}", [401, 404, 403, 404, 404] },
        { "GET", "/api/audit", [401, 403, 403, 200, 200] },
        { "GET", "/api/admin/users", [401, 403, 403, 403, 200] },
        { "POST", "/api/admin/users", [401, 403, 403, 403, 400] },
        { "PUT", "/api/admin/users/poskytovatel@demo.kissos.cz/statutory", [401, 403, 403, 403, 204] },
        // Forms: a form id nobody has (404 where the role may ask), a kraj that is not the regional account's (400).
        { "GET", "/api/my/forms", [401, 200, 403, 403, 200] },
        { "POST", "/api/my/forms", [401, 403, 403, 403, 400] },   // a service of another provider; admin: not in a network
        { "GET", $"/api/my/forms/{Guid.Empty}", [401, 404, 403, 403, 404] },
        { "PUT", $"/api/my/forms/{Guid.Empty}", [401, 404, 403, 403, 404] },
        { "POST", $"/api/my/forms/{Guid.Empty}/check", [401, 404, 403, 403, 404] },
        { "POST", $"/api/my/forms/{Guid.Empty}/submit", [401, 404, 403, 403, 404] },
        { "GET", $"/api/my/forms/{Guid.Empty}/xlsx", [401, 404, 403, 403, 404] },
        { "PUT", $"/api/my/forms/{Guid.Empty}/xlsx", [401, 404, 403, 403, 404] },
        { "GET", $"/api/forms/{Guid.Empty}/xlsx", [401, 403, 403, 404, 404] },
        { "GET", "/api/forms?year=2026&term=1&kraj=CZ072", [401, 403, 403, 200, 200] },
        { "GET", "/api/forms?year=2026&term=1&kraj=CZ071", [401, 403, 403, 400, 200] },
        { "GET", $"/api/forms/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/approve", [401, 403, 403, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/return", [401, 403, 403, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/reopen", [401, 403, 403, 404, 404] },
        { "POST", $"/api/forms/{Guid.Empty}/exception", [401, 403, 403, 404, 404] },
        { "GET", "/api/forms/templates?kraj=CZ072", [401, 403, 403, 200, 200] },
        { "GET", "/api/forms/templates/1", [401, 403, 403, 404, 200] },        // the first default template is Olomoucký kraj's
        { "POST", "/api/forms/templates", [401, 403, 403, 400, 400] },
        { "POST", "/api/forms/templates/copy?kraj=CZ071", [401, 403, 403, 400, 404] },
        { "GET", "/api/forms/terms?kraj=CZ072", [401, 403, 403, 200, 200] },
        { "PUT", "/api/forms/terms/2030/1?kraj=CZ071", [401, 403, 403, 400, 200] },
        { "GET", "/api/forms/network?kraj=CZ072", [401, 403, 403, 200, 200] },
        { "PUT", "/api/forms/network/2030/mpsv-4365?kraj=CZ071", [401, 403, 403, 400, 200] },  // a CZ071 service
        { "DELETE", "/api/forms/network/2030/mpsv-128?kraj=CZ072", [401, 403, 403, 404, 404] },
        { "POST", "/api/forms/network/2030/import?kraj=CZ071", [401, 403, 403, 400, 400] },
    };

    private static readonly string?[] Accounts = [null, ApiClient.Provider, ApiClient.Municipality, ApiClient.Regional, ApiClient.Admin];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_the_designed_status(string method, string url, int[] expected)
    {
        var actual = new List<int>();
        foreach (var account in Accounts)
        {
            var client = await app.ClientAsync(account);
            using var response = method switch
            {
                "GET" => await client.GetAsync(url),
                "DELETE" => await client.DeleteAsync(url),
                "PUT" => await client.PutAsync(url, Body(url)),
                _ => await client.PostAsync(url, Body(url)),
            };
            actual.Add((int)response.StatusCode);
        }

        Assert.Equal(expected, actual);
    }

    private static object Body(string url) => url switch
    {
        _ when url.Contains("vacancies") => VacancyInputs.Valid(VacancyInputs.ForeignHome, VacancyInputs.ForeignHomePlace),
        _ when url.Contains("/statutory") => new { icos = new[] { "61985929" } },
        _ when url.Contains("/api/my/forms") => new { serviceId = OtherService, year = 2026, term = 1, version = 1, values = new { } },
        _ when url.Contains("/templates/copy") => new { fromYear = 1999, toYear = 2030 },
        _ when url.Contains("/terms/") => new { name = "Plánovaný", dataAsOf = "2030-05-31", dueTo = "2030-06-30" },
        _ when url.Contains("/network/") => new { units = 2.5, beds = 10 },
        _ when url.Contains("/api/forms") => new { reason = "důvod" },
        _ => new { email = "", password = "", role = "nobody" },
    };
}
