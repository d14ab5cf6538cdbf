using System.Text.Json;
using Kissos.Audit;
using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Registry;

/// <summary>
/// One refresh from the publishers' files, all or nothing: RÚIAN boundaries (optional), then the MPSV registry with
/// the address points, in one transaction with its change report. A refused refresh (a broken, half-written or
/// inconsistent file) rolls back, so the previous data stays, and is itself recorded with its errors for the staff.
/// </summary>
public static class RegistryRefresh
{
    public sealed record Sources(string Rpss, string Addresses, string? Vfr = null);

    public static async Task<Refresh> RunAsync(
        KissosDb db, KissosOptions options, Sources sources, DateOnly today, TimeProvider clock, CancellationToken ct = default)
    {
        var refresh = NewRefresh(sources, options, clock.GetUtcNow());
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        db.AuditEnabled = false;
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                if (sources.Vfr is { } vfr) refresh.VfrObce = await VfrImport.RunAsync(db, vfr, ct);
                await RpssImport.RunAsync(db, options, sources.Rpss, sources.Addresses, today, refresh, ct);
                refresh.Succeeded = true;
                refresh.FinishedAt = clock.GetUtcNow();
                db.Refreshes.Add(refresh);
                db.AuditEntries.Add(new AuditEntry
                {
                    At = refresh.FinishedAt, UserName = AuditInterceptor.SystemUser, Entity = "RegistryRefresh",
                    EntityId = refresh.RpssFile, Action = "imported", NewValues = JsonSerializer.SerializeToDocument(Summary(refresh)),
                });
                await db.SaveChangesAsync(ct);
                await DataVersion.BumpAsync(db, ct); // new places and services: tiles and ETags move to a new version
                await tx.CommitAsync(ct);
            }
            return refresh;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the refresh was kept; the refusal itself is recorded so that the staff see it.
            db.ChangeTracker.Clear();
            var errors = e is ImportFailedException failure
                ? failure.Errors.Select(error => error.ToString()).ToList()
                : [$"obnova selhala: {e.Message}"];
            var failed = NewRefresh(sources, options, refresh.StartedAt);
            failed.ServicesInFile = refresh.ServicesInFile;
            failed.FinishedAt = clock.GetUtcNow();
            failed.Errors = errors.Take(MaxErrors).ToList();
            if (errors.Count > MaxErrors) failed.Errors.Add($"… a dalších {errors.Count - MaxErrors} chyb");
            db.Refreshes.Add(failed);
            await db.SaveChangesAsync(CancellationToken.None);
            return failed;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.AuditEnabled = true;
        }
    }

    private const int MaxErrors = 200;

    private static Refresh NewRefresh(Sources sources, KissosOptions options, DateTimeOffset startedAt) => new()
    {
        StartedAt = startedAt,
        RpssFile = Path.GetFileName(sources.Rpss),
        AddressesFile = Path.GetFileName(Path.TrimEndingDirectorySeparator(sources.Addresses)),
        VfrFile = sources.Vfr is null ? null : Path.GetFileName(sources.Vfr),
        Kraje = [.. options.Registry.Kraje],
    };

    /// <summary>The counts of a refresh, for the audit log and the command's output.</summary>
    public static object Summary(Refresh r) => new
    {
        r.Succeeded, r.ServicesInFile, r.ServicesActive, r.ServicesNew, r.ServicesEnded, r.CapacityChanges, r.MovedPlaces,
        r.Facilities, r.SecretFacilities, r.FacilitiesWithoutCode, r.AddressCodes, r.AddressCodesNotFound,
        AddressCodesNotFoundShare = Math.Round(r.AddressCodesNotFoundShare, 4), r.VfrObce,
    };
}
