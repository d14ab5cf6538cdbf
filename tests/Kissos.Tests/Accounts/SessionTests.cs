using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kissos.Accounts;
using Kissos.Data;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kissos.Tests.Accounts;

/// <summary>Logging out ends the session; sign-in tells nothing about which e-mails have accounts.</summary>
[Collection(DatabaseCollection.Name)]
public class SessionTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string WrongPassword = "Spatne-heslo-123";

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_logout_is_refused_after_it()
    {
        var cookies = new CookieContainer();
        var http = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var user = await ApiClient.CreateAsync(http, ApiClient.Municipality);
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(http.BaseAddress!));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/account/me")).StatusCode);

        await user.JsonAsync(await user.PostAsync("/api/account/logout", new { }), HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/account/me")).StatusCode);
        var again = await app.ClientAsync(ApiClient.Municipality); // signing in again works
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answers_and_the_same_lockout_as_an_existing_one()
    {
        await app.CreateAccountAsync(new { email = "existuje@example.cz", password = "Spravne-heslo-1", role = "municipality", obec = "514152" });

        var existing = await AttemptsAsync("existuje@example.cz");
        var unknown = await AttemptsAsync("neexistuje@example.cz");

        Assert.Equal([401, 401, 401, 401, 429, 429], existing.Select(a => a.Status));
        Assert.Equal(existing, unknown);
    }

    private async Task<List<(int Status, string Body)>> AttemptsAsync(string email)
    {
        var client = await app.ClientAsync(null);
        var answers = new List<(int, string)>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync("/api/account/login", new { email, password = WrongPassword });
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            answers.Add(((int)response.StatusCode, $"{problem.GetProperty("title")}: {problem.GetProperty("detail")}"));
        }
        return answers;
    }

    [Fact]
    public async Task The_password_of_an_unknown_email_is_hashed_as_an_existing_ones_is()
    {
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<User>>(hasher)));
        var client = await ApiClient.CreateAsync(counted.CreateClient(), null);

        var known = await hasher.VerificationsDuring(() => client.PostAsync("/api/account/login", new { email = ApiClient.Provider, password = WrongPassword }));
        var unknown = await hasher.VerificationsDuring(() => client.PostAsync("/api/account/login", new { email = "nikdo@example.cz", password = WrongPassword }));

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task A_failed_sign_in_of_an_unknown_email_sends_the_database_what_an_existing_ones_does()
    {
        var commands = new CommandLog();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<KissosDb>(o => o.AddInterceptors(commands), ServiceLifetime.Singleton)));
        var client = await ApiClient.CreateAsync(logged.CreateClient(), null);

        var known = await commands.During(() => client.PostAsync("/api/account/login", new { email = ApiClient.Municipality, password = WrongPassword }));
        var unknown = await commands.During(() => client.PostAsync("/api/account/login", new { email = "nikdo-jiny@example.cz", password = WrongPassword }));

        Assert.Contains(known, sql => sql.Contains("INSERT INTO accounts.sign_in_failure")); // the failure is counted
        Assert.Equal(known, unknown);
    }

    /// <summary>The text of every command the app sends to the database while it answers a request.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        // The app's background services (notices, reminders) query on their own schedule: only a request's commands count.
        private readonly HttpContextAccessor _request = new();

        private void Add(DbCommand command)
        {
            if (_request.HttpContext is null) return;
            lock (_commands) _commands.Add(command.CommandText);
        }

        public async Task<List<string>> During(Func<Task<HttpResponseMessage>> request)
        {
            lock (_commands) _commands.Clear();
            using var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            lock (_commands) return [.. _commands];
        }
    }

    private sealed class CountingHasher : PasswordHasher<User>
    {
        private int _verifications;

        public override PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

        public async Task<int> VerificationsDuring(Func<Task<HttpResponseMessage>> request)
        {
            var before = _verifications;
            using var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return _verifications - before;
        }
    }
}
