using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kissos.Tests.Infrastructure;

/// <summary>The real app on its own copy of the seeded database; one per test class.</summary>
public class KissosApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Set for a second app instance on another's database (instances behind a load balancer); not dropped by it.</summary>
    public TestDatabase? SharedDatabase { get; init; }

    public virtual async Task InitializeAsync() => Database = SharedDatabase ?? await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Kissos", Database.ConnectionString);
        builder.UseSetting("Kissos:DataPath", TestEnvironment.DataPath);
        builder.UseSetting("Kissos:ImportOnStart", "false");
        builder.UseSetting("Kissos:DemoAccounts", "true");
        builder.UseSetting("Kissos:Registers:PseudonymKey", TestPseudonymKey);
        if (Redis is not null) builder.UseSetting("ConnectionStrings:Redis", Redis);
    }

    public const string TestPseudonymKey = "a2lzc29zLXRlc3Qta2V5LW5ldmVyLXVzZWQtaW4tcHJvZHVjdGlvbiE=";

    /// <summary>Redis for the SignalR backplane; set before the app starts.</summary>
    public string? Redis { get; init; }

    /// <summary>A client signed in as one of the demo accounts (or anonymous for null), carrying the antiforgery token.</summary>
    public Task<ApiClient> ClientAsync(string? email) => ApiClient.CreateAsync(CreateClient(), email);

    /// <summary>Creates an account through the administrators' API, e.g. new { email, password, role, icos }.</summary>
    public async Task CreateAccountAsync(object account)
    {
        var admin = await ClientAsync(ApiClient.Admin);
        await admin.JsonAsync(await admin.PostAsync("/api/admin/users", account), System.Net.HttpStatusCode.Created);
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Stops the app and drops its database (not a shared one), whether xunit or an `await using` disposes it.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharedDatabase is null && Database is not null) await Database.DisposeAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection
{
    // Test classes that touch PostGIS run one after another: two cores, one server.
    public const string Name = "PostGIS";
}
