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
        { "GET", "/api/my/notices", [401, 200, 200, 200, 200] },
        { "POST", $"/api/my/notices/{Guid.Empty}/read", [401, 404, 404, 404, 404] }, // only the account's own notice
        { "GET", "/api/home/announcements", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/announcements/all", [401, 403, 403, 200, 200] },
        { "GET", "/api/home/documents", [401, 200, 200, 200, 200] },
        { "GET", $"/api/home/documents/{Guid.Empty}/file", [401, 404, 404, 404, 404] },
        { "GET", "/api/home/contacts", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/faq", [401, 200, 200, 200, 200] },
        { "GET", "/api/home/forms", [401, 200, 200, 200, 200] },
        // Writes name CZ071: the regional account of CZ072 is out of scope (403), the administrator may.
        { "POST", "/api/home/announcements", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/contacts", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/faq", [401, 403, 403, 403, 201] },
        { "POST", "/api/home/documents", [401, 403, 403, 403, 201] },
        { "POST", $"/api/home/documents/{Guid.Empty}/versions?nazev=a.pdf", [401, 403, 403, 404, 404] },
        { "PUT", $"/api/home/announcements/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/announcements/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "PUT", $"/api/home/contacts/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/faq/{Guid.Empty}", [401, 403, 403, 404, 404] },
        { "DELETE", $"/api/home/documents/{Guid.Empty}", [401, 403, 403, 404, 404] },
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
        _ when url.StartsWith("/api/home/announcements") => new
            { kraj = "CZ071", title = "Matice", text = "Text", validFrom = VacancyInputs.Today, audience = "kraj" },
        _ when url.StartsWith("/api/home/contacts") => new { kraj = "CZ071", name = "Matice", agenda = "Rozpočet", email = "matice@example.cz" },
        _ when url.StartsWith("/api/home/faq") => new { kraj = "CZ071", question = "Otázka", answer = "Odpověď" },
        _ when url.StartsWith("/api/home/documents") => new { kraj = "CZ071", kind = "metodika", module = "Rozpočet", year = 2026, title = "Metodika" },
        _ when url.StartsWith("/api/my/notices") => new { },
        _ => new { email = "", password = "", role = "nobody" },
    };
}
