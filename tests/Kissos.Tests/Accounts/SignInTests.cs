using System.Net;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Accounts;

[Collection(DatabaseCollection.Name)]
public class SignInTests(KissosApp app) : IClassFixture<KissosApp>
{
    [Fact]
    public async Task The_signed_in_account_carries_its_role_and_bindings()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);

        var me = await provider.JsonAsync(await provider.GetAsync("/api/account/me"), HttpStatusCode.OK);

        Assert.Equal(["provider"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["61985929", "73632783"], me.GetProperty("icos").EnumerateArray().Select(r => r.GetString()).Order());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await app.CreateAccountAsync(new { email = "zamek@example.cz", password = "Spravne-heslo-1", role = "municipality", obec = "514152" });
        var client = await app.ClientAsync(null);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsync("/api/account/login", new { email = "zamek@example.cz", password = "spatne" })).StatusCode);
        var withRightPassword = await client.PostAsync("/api/account/login", new { email = "zamek@example.cz", password = "Spravne-heslo-1" });

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)429, withRightPassword.StatusCode);
        var admin = await app.ClientAsync(ApiClient.Admin); // the account list says so, with the end of the lockout
        var users = await admin.JsonAsync(await admin.GetAsync("/api/admin/users"), HttpStatusCode.OK);
        var lockoutEnd = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "zamek@example.cz").GetProperty("lockoutEnd");
        Assert.InRange(lockoutEnd.GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
    }

    [Fact]
    public async Task A_change_without_the_antiforgery_token_is_refused()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        provider.Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");

        var problem = await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid()), HttpStatusCode.BadRequest);

        Assert.Contains("token", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Accounts_must_be_bound_to_data_that_exists()
    {
        var admin = await app.ClientAsync(ApiClient.Admin);

        var noIco = await admin.JsonAsync(await admin.PostAsync("/api/admin/users", new
        {
            email = "x@example.cz", password = "Dlouhe-heslo-1", role = "provider", icos = new[] { "12345678" },
        }), HttpStatusCode.BadRequest);
        var badKraj = await admin.JsonAsync(await admin.PostAsync("/api/admin/users", new
        {
            email = "y@example.cz", password = "Dlouhe-heslo-1", role = "regional", kraj = "CZ999",
        }), HttpStatusCode.BadRequest);

        Assert.Contains("12345678", noIco.GetProperty("errors").GetProperty("icos")[0].GetString());
        Assert.True(badKraj.GetProperty("errors").TryGetProperty("kraj", out _));
    }
}
