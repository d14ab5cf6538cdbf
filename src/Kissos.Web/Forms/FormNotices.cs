using System.Security.Claims;
using Kissos.Accounts;
using Kissos.Data;
using Kissos.Home;
using Kissos.Notices;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>
/// The forms module's notices to providers: staff returned or approved a form, a term's deadline is 14 or 3 days
/// away with the form not handed in; and the account's open forms on the nástěnka.
/// </summary>
public static class FormNotices
{
    /// <summary>Days before a term's deadline when a form not handed in is reminded, largest first.</summary>
    public static readonly int[] ReminderDays = [14, 3];

    /// <summary>
    /// Every service in a kraj's network with each term of that kraj and year, and its form of the term (default
    /// family) when one was created: what reminders and "Moje formuláře" both start from.
    /// </summary>
    public static IQueryable<TermForm> TermForms(KissosDb db) =>
        from n in db.NetworkEntries.AsNoTracking()
        join t in db.FormTerms on new { n.Kraj, n.Year } equals new { t.Kraj, t.Year }
        join s in db.Services on n.ServiceId equals s.Id
        join f0 in db.Forms.Where(f => f.Family == FormEndpoints.DefaultFamily)
            on new { n.ServiceId, n.Year, t.Term } equals new { f0.ServiceId, f0.Year, f0.Term } into forms
        from f in forms.DefaultIfEmpty()
        select new TermForm { Service = s, Term = t, Form = f };

    /// <summary>"Rozpočet a vyúčtování 2026, 1. termín (Plánovaný), služba Domov Vala": names the form in every notice.</summary>
    public static string Describe(string serviceName, int year, int term, string termName) =>
        $"Rozpočet a vyúčtování {year}, {term}. termín ({termName}), služba {serviceName}";

    /// <summary>Notifies the provider's accounts that staff returned (with the reason) or approved the form.</summary>
    public static Task NotifyDecisionAsync(NoticeService notices, LoadedForm loaded, FormAction action, string? reason,
        long transitionId, CancellationToken ct)
    {
        var form = loaded.Form;
        var what = Describe(loaded.Service.Name, form.Year, form.Term, loaded.Term.Name);
        var (subject, text) = action == FormAction.Return
            ? ($"Vráceno k přepracování: {what}",
               $"Kraj vrátil formulář {what} k přepracování.\n\nDůvod: {reason}\n\nOpravte formulář a statutární zástupce jej znovu podepíše a předá ke schválení krajem do {loaded.Term.DueTo:d. M. yyyy}.")
            : ($"Schváleno: {what}", $"Kraj schválil formulář {what}.");
        // One notice per move of the workflow: a second return of the same form is news again.
        return notices.NotifyProviderAsync(loaded.Service.Ico, $"forms:{action.ToString().ToLowerInvariant()}:{form.Id}:{transitionId}",
            subject, text, ct);
    }
}

/// <summary>
/// Reminders 14 and 3 days before a term's deadline (Europe/Prague date) for every service in the network whose form
/// of the term is not handed in: not created yet, rozpracováno or vráceno. The dedupe key names the form by its
/// identity (service, year, term), which also holds before the form is created, so creating it never repeats one.
/// </summary>
public sealed class FormDeadlineReminders(KissosDb db) : IReminderSource
{
    public async Task<IReadOnlyList<DueReminder>> GetDueAsync(DateOnly today, CancellationToken ct)
    {
        var last = today.AddDays(FormNotices.ReminderDays[0]);
        var rows = await (from r in FormNotices.TermForms(db)
                          where r.Term.DueTo >= today && r.Term.DueTo <= last
                                && (r.Form == null || r.Form.State == FormStates.Draft || r.Form.State == FormStates.Returned)
                          select new { r.Service.Id, r.Service.Name, r.Service.ProviderIco, r.Term.Year, r.Term.Term, TermName = r.Term.Name, r.Term.DueTo })
                         .ToListAsync(ct);
        var due = new List<DueReminder>();
        foreach (var r in rows)
        {
            var left = r.DueTo.DayNumber - today.DayNumber;
            // The nearest threshold already reached: on day 13 the 14-day reminder is still due (e.g. after an outage).
            var days = FormNotices.ReminderDays.Where(d => left <= d).Min();
            var what = FormNotices.Describe(r.Name, r.Year, r.Term, r.TermName);
            due.Add(new DueReminder(r.ProviderIco, $"forms:deadline:{days}d:{FormEndpoints.DefaultFamily}:{r.Id}:{r.Year}:{r.Term}",
                $"Blíží se termín ({r.DueTo:d. M. yyyy}): {what}",
                $"Formulář {what} dosud nebyl předán ke schválení krajem. Termín odevzdání je {r.DueTo:d. M. yyyy} (zbývá {left} dní)."));
        }
        return due;
    }
}

/// <summary>
/// "Moje formuláře" on the nástěnka: per service of the account's IČO in a network, the forms of terms still open
/// (deadline today or later, or reopened by the kraj) that are not approved, with what is missing or why they were returned.
/// </summary>
public sealed class MyOpenForms(KissosDb db, TimeProvider clock) : IOpenFormsSource
{
    private static readonly TimeZoneInfo Prague = TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague");

    public async Task<IReadOnlyList<OpenForm>> GetOpenFormsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var icos = AccessScope.Of(user).Icos.ToList();
        if (icos.Count == 0) return [];
        var today = FormStore.Today(clock);
        var rows = await (from r in FormNotices.TermForms(db)
                          where icos.Contains(r.Service.ProviderIco)
                                && (r.Term.DueTo >= today || (r.Form != null && r.Form.Reopened))
                                && (r.Form == null || r.Form.State != FormStates.Approved)
                          select new { r.Service, t = r.Term, r.Form }).ToListAsync(ct);
        var result = new List<OpenForm>();
        foreach (var r in rows)
        {
            var title = $"Rozpočet a vyúčtování {r.t.Year}, {r.t.Term}. termín ({r.t.Name})";
            var end = r.t.DueTo.ToDateTime(new TimeOnly(23, 59));
            var deadline = new DateTimeOffset(end, Prague.GetUtcOffset(end));
            if (r.Form is null)
            {
                result.Add(new OpenForm(title, r.Service.Name, deadline, "nezaloženo", "Formulář ještě není založen.", "/formulare.html"));
                continue;
            }
            result.Add(new OpenForm(title, r.Service.Name, deadline, FormStates.Label(r.Form.State), await NoteAsync(r.Form, user, ct),
                $"/formulare.html?id={r.Form.Id}"));
        }
        return result;
    }

    /// <summary>Returned: the staff's last reason. Otherwise how many cells are not filled or break a rule.</summary>
    private async Task<string?> NoteAsync(Form form, ClaimsPrincipal user, CancellationToken ct)
    {
        if (form.State == FormStates.Returned)
            return "Důvod vrácení: " + await db.FormTransitions.AsNoTracking()
                .Where(t => t.FormId == form.Id && t.ToState == FormStates.Returned)
                .OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Select(t => t.Reason).FirstOrDefaultAsync(ct);
        if (form.State == FormStates.Submitted) return "Čeká na schválení krajem.";
        var loaded = await FormStore.LoadAsync(db, user, form.Id, ct);
        var messages = loaded!.Check().Messages;
        var missing = messages.Count(m => m.Severity == Severity.Incomplete && m.Message.StartsWith("Nevyplněno"));
        return messages.Count == 0 ? "Vyplněno, připraveno k podpisu a předání."
            : $"Nevyplněných buněk: {missing}, dalších chyb: {messages.Count - missing}.";
    }
}

/// <summary>A service of a network, one term of its year, and its form of that term (null until created).</summary>
public sealed class TermForm
{
    public required Kissos.Catalogue.Service Service { get; init; }
    public required FormTerm Term { get; init; }
    public Form? Form { get; init; }
}
