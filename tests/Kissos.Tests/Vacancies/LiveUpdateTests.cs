using System.Net;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Kissos.Vacancies;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kissos.Tests.Vacancies;

[Collection(DatabaseCollection.Name)]
public class LiveUpdateTests
{
    /// <summary>The Redis that scripts/test.sh starts for the backplane test.</summary>
    private static readonly string Redis = Environment.GetEnvironmentVariable("KISSOS_TEST_REDIS") ?? "127.0.0.1:56379";

    private static async Task<(HubConnection Connection, TaskCompletionSource<VacancyChange> Received)> ListenAsync(KissosApp app)
    {
        var received = new TaskCompletionSource<VacancyChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, VacancyHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        connection.On<VacancyChange>(VacancyHub.ChangedMethod, change => received.TrySetResult(change));
        await connection.StartAsync();
        return (connection, received);
    }

    [Fact]
    public async Task An_open_map_receives_a_published_vacancy_at_once()
    {
        await using var app = new KissosApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var (connection, received) = await ListenAsync(app);
            await using var _ = connection;
            var provider = await app.ClientAsync(ApiClient.Provider);
            var created = await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid()), HttpStatusCode.Created);

            var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("published", change.Action);
            Assert.Equal(created.GetProperty("id").GetGuid(), change.Id);
            Assert.Equal(2, change.Feature!.Value.GetProperty("properties").GetProperty("places").GetInt32());
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_share_updates_through_the_Redis_backplane()
    {
        var publisher = new KissosApp { Redis = Redis };
        await ((IAsyncLifetime)publisher).InitializeAsync();
        var listener = new KissosApp { Redis = Redis };
        await ((IAsyncLifetime)listener).InitializeAsync();
        try
        {
            var (connection, received) = await ListenAsync(listener);
            await using var _ = connection;
            var provider = await publisher.ClientAsync(ApiClient.Provider);
            var created = await provider.JsonAsync(await provider.PostAsync("/api/my/vacancies", VacancyInputs.Valid()), HttpStatusCode.Created);

            var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(created.GetProperty("id").GetGuid(), change.Id);
        }
        finally
        {
            await ((IAsyncLifetime)listener).DisposeAsync();
            await ((IAsyncLifetime)publisher).DisposeAsync();
        }
    }
}
