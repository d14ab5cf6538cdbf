namespace Kissos.Common;

/// <summary>
/// Writes each kind of failure once per interval, then one line with how many more of it there were. An outage of
/// the database fails every request the same way; without this each one wrote its own stack trace (thousands a
/// minute). A kind is the log category, the event id and the chain of exception types; entries without an
/// exception pass through untouched.
/// </summary>
public sealed class RepeatedFailureLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>How long one kind of failure stays quiet after it was written, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    private readonly ILoggerProvider inner;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly ITimer timer;
    private readonly Dictionary<string, Window> windows = [];

    /// <param name="inner">The provider that writes (console, …).</param>
    /// <param name="time">The clock; the interval also paces a timer that writes the counts of quiet kinds.</param>
    /// <param name="interval">How long a kind stays quiet after it was written.</param>
    public RepeatedFailureLoggerProvider(ILoggerProvider inner, TimeProvider time, TimeSpan interval)
    {
        this.inner = inner;
        this.time = time;
        this.interval = interval;
        timer = time.CreateTimer(_ => Flush(), null, interval, interval);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName, inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
        (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    /// <summary>Writes the count of every kind whose interval has passed and forgets it, so its next failure is written whole.</summary>
    public void Flush()
    {
        var now = time.GetUtcNow();
        List<Window> due = [];
        lock (windows)
            foreach (var (kind, window) in windows.Where(w => now - w.Value.Start >= interval).ToList())
            {
                windows.Remove(kind);
                if (window.Repeats > 0) due.Add(window);
            }
        due.ForEach(WriteCount);
    }

    public void Dispose()
    {
        timer.Dispose();
        Flush();
        inner.Dispose();
    }

    /// <summary>True when this failure is the first of its kind in the interval and must be written.</summary>
    private bool Admit(string category, ILogger target, LogLevel level, EventId eventId, Exception exception)
    {
        var types = string.Join(" ← ", Chain(exception).Select(e => e.GetType().FullName));
        var key = $"{category}|{eventId.Id}|{types}";
        var now = time.GetUtcNow();
        Window? ended = null;
        lock (windows)
        {
            if (windows.TryGetValue(key, out var window))
            {
                if (now - window.Start < interval)
                {
                    window.Repeats++;
                    return false;
                }
                if (window.Repeats > 0) ended = window;
            }
            windows[key] = new Window(now, target, level, eventId, $"{types}: {exception.Message}");
        }
        if (ended is not null) WriteCount(ended);
        return true;
    }

    private void WriteCount(Window window) =>
        window.Target.Log(window.Level, window.EventId,
            "The failure above ({Failure}) repeated {Count} more times within {Seconds} s; each kind is written once per interval",
            window.Failure, window.Repeats, (int)interval.TotalSeconds);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }

    private sealed class Window(DateTimeOffset start, ILogger target, LogLevel level, EventId eventId, string failure)
    {
        public DateTimeOffset Start { get; } = start;
        public ILogger Target { get; } = target;
        public LogLevel Level { get; } = level;
        public EventId EventId { get; } = eventId;
        public string Failure { get; } = failure;
        public int Repeats { get; set; }
    }

    private sealed class Logger(RepeatedFailureLoggerProvider owner, string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (exception is null || owner.Admit(category, inner, logLevel, eventId, exception))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

/// <summary>Registration of <see cref="RepeatedFailureLoggerProvider"/>.</summary>
public static class RepeatedFailureLogging
{
    /// <summary>Wraps every logging provider registered so far, so each writes a kind of failure once per interval.</summary>
    public static ILoggingBuilder WriteRepeatedFailuresOnce(this ILoggingBuilder logging, TimeSpan? interval = null)
    {
        foreach (var descriptor in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && !d.IsKeyedService).ToList())
        {
            logging.Services.Remove(descriptor);
            logging.Services.AddSingleton<ILoggerProvider>(services => new RepeatedFailureLoggerProvider(
                (ILoggerProvider)(descriptor.ImplementationInstance ?? descriptor.ImplementationFactory?.Invoke(services)
                    ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!)),
                services.GetService<TimeProvider>() ?? TimeProvider.System,
                interval ?? RepeatedFailureLoggerProvider.DefaultInterval));
        }
        return logging;
    }
}
