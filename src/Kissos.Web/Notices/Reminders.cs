using Microsoft.Extensions.Options;

namespace Kissos.Notices;

/// <summary>A reminder that is due: for the accounts of one provider, sent once per <see cref="DedupeKey"/>.</summary>
/// <param name="DedupeKey">Unique per reminder, e.g. "forms:deadline:14d:{formId}": the same key is never sent twice.</param>
public sealed record DueReminder(string Ico, string DedupeKey, string Subject, string Text);

/// <summary>
/// A feature that knows when reminders are due (e.g. the forms module: 14 and 3 days before a deadline, form not
/// handed in). Register implementations as scoped services; <see cref="ReminderRunner"/> asks each of them
/// periodically. A source answers every reminder due on <c>today</c> or earlier and not obsolete: returning one again
/// is harmless, the dedupe key keeps it from going out twice.
/// </summary>
public interface IReminderSource
{
    Task<IReadOnlyList<DueReminder>> GetDueAsync(DateOnly today, CancellationToken ct);
}

/// <summary>
/// Runs every <see cref="IReminderSource"/> each <see cref="NoticeOptions.ReminderInterval"/> on every app instance;
/// the unique dedupe key in the database makes each reminder reach an account once however many instances run.
/// </summary>
public sealed class ReminderRunner(IServiceScopeFactory scopes, IOptions<NoticeOptions> options, TimeProvider clock,
    ILogger<ReminderRunner> log) : BackgroundService
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, clock);
        try
        {
            do await RunOnceAsync(stop);
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Asks every source once and notifies; answers how many account notices were created.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IReminderSource>().ToList();
        if (sources.Count == 0) return 0;
        var notices = scope.ServiceProvider.GetRequiredService<NoticeService>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Prague).DateTime);
        var created = 0;
        foreach (var source in sources)
        {
            try
            {
                foreach (var r in await source.GetDueAsync(today, ct))
                    created += await notices.NotifyProviderAsync(r.Ico, r.DedupeKey, r.Subject, r.Text, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // One broken source does not stop the reminders of the others.
                log.LogError(e, "Reminder source {Source} failed.", source.GetType().Name);
            }
        }
        return created;
    }
}
