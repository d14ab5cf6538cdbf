using Kissos.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kissos.Tests.Common;

/// <summary>A database outage fails every request alike: the log gets each kind of failure once per interval, with a count.</summary>
public class RepeatedFailureLoggingTests
{
    private const string Category = "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware";

    [Fact]
    public async Task Many_identical_failures_write_one_entry_and_then_their_count()
    {
        var clock = new ManualClock();
        var recorder = new RecordingProvider();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(b => b.AddProvider(recorder).WriteRepeatedFailuresOnce())
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var outage = await DatabaseOutageAsync();

        for (var i = 0; i < 5000; i++)
        {
            logger.LogError(new EventId(1, "UnhandledException"), outage, "An unhandled exception has occurred while executing the request.");
            if (i == 100) logger.LogError(new EventId(1, "UnhandledException"), new InvalidOperationException("other"), "An unhandled exception …");
            if (i % 1000 == 0) logger.LogInformation("Request finished"); // entries without an exception are never held back
        }

        Assert.Single(recorder.Entries, e => e.Exception == outage);
        Assert.Single(recorder.Entries, e => e.Exception is InvalidOperationException);
        Assert.Equal(5, recorder.Entries.Count(e => e.Message == "Request finished"));
        Assert.DoesNotContain(recorder.Entries, e => e.Message.Contains("repeated"));

        clock.Now += TimeSpan.FromSeconds(61);
        services.GetServices<ILoggerProvider>().OfType<RepeatedFailureLoggerProvider>().Single().Flush();
        var count = Assert.Single(recorder.Entries, e => e.Message.Contains("repeated"));
        Assert.Contains("4999 more times within 60 s", count.Message);
        Assert.Contains(outage.GetType().FullName!, count.Message);
        Assert.Equal(LogLevel.Error, count.Level);

        logger.LogError(new EventId(1, "UnhandledException"), outage, "An unhandled exception has occurred while executing the request.");
        Assert.Equal(2, recorder.Entries.Count(e => e.Exception == outage)); // a new interval writes it whole again
    }

    /// <summary>The exception Npgsql throws while PostgreSQL is down (nothing listens on the port).</summary>
    private static async Task<Exception> DatabaseOutageAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2;Pooling=false");
            await connection.OpenAsync();
        }
        catch (NpgsqlException e) { return e; }
        throw new InvalidOperationException("something listens on port 1");
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingProvider : ILoggerProvider, ILogger
    {
        public List<Entry> Entries { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, formatter(state, exception), exception));
        public void Dispose() { }
    }
}
