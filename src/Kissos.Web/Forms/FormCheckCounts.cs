using System.Security.Claims;
using System.Text.Json;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>
/// The count of failing cross-set checks of each form, kept on the form row so that the staff overview reads it in its
/// query instead of checking ~600 reports form by form. Written with every write of a form's content; a form's counts
/// are stale when a form its checks read (FormLinks: the source form of the same service, the other forms of the IČO)
/// changed at or after <see cref="Form.CheckedAt"/>, or when its network entry changed; the overview computes stale and
/// missing counts again and stores them.
/// </summary>
public static class FormCheckCounts
{
    /// <summary>Writes a form's content with what its check says: the totals and the counts. The one place a form's values are written.</summary>
    public static void Write(Form form, FormContent content, CheckResult check, DateTimeOffset now)
    {
        form.Content = content.ToJson();
        form.Totals = JsonSerializer.Serialize(check.Totals);
        (form.CheckErrors, form.CheckWarnings) = Count(check.Protocol);
        form.CheckedAt = now;
    }

    /// <summary>Failing checks of a protocol: errors (block handing in) and warnings.</summary>
    public static (int Errors, int Warnings) Count(IReadOnlyCollection<CheckOutcome> protocol) =>
        (protocol.Count(p => p.Outcome == "chyba"), protocol.Count(p => p.Outcome == "varovani"));

    /// <summary>
    /// Checks the given forms again and stores their counts (as of the moment before loading, so that a change of a linked
    /// form meanwhile leaves them stale); a form saved meanwhile keeps the counts its save wrote.
    /// </summary>
    public static async Task<Dictionary<Guid, (int Errors, int Warnings)>> RefreshAsync(KissosDb db, ClaimsPrincipal user, IEnumerable<Guid> ids,
        TimeProvider clock, CancellationToken ct)
    {
        var counts = new Dictionary<Guid, (int, int)>();
        foreach (var id in ids)
        {
            var at = clock.GetUtcNow();
            if (await FormStore.LoadAsync(db, user, id, ct) is not { } loaded) continue;
            var (errors, warnings) = counts[id] = Count(loaded.Check().Protocol);
            var updatedAt = loaded.Form.UpdatedAt;
            await db.Forms.Where(f => f.Id == id && f.UpdatedAt == updatedAt).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.CheckErrors, errors).SetProperty(f => f.CheckWarnings, warnings).SetProperty(f => f.CheckedAt, at), ct);
            db.ChangeTracker.Clear();
        }
        return counts;
    }

    /// <summary>The network units of these services changed: their forms of the year are checked again on the next overview.</summary>
    public static Task InvalidateAsync(KissosDb db, int year, IReadOnlyCollection<string> serviceIds, CancellationToken ct) =>
        db.Forms.Where(f => f.Year == year && serviceIds.Contains(f.ServiceId))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CheckedAt, (DateTimeOffset?)null), ct);
}
