using System.Security.Claims;
using System.Text.Json;
using Kissos.Accounts;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>A form with what it is checked against: its template version, the service, the term and the network units.</summary>
public sealed record LoadedForm(Form Form, TemplateVersion TemplateVersion, FormTemplate Template, FormContext Context,
    FormTerm Term, ServiceSummary Service)
{
    public FormContent Content => FormContent.FromJson(Form.Content);

    /// <summary>What the template's cross-set checks and per-IČO sets read in other forms (FormLinks).</summary>
    public FormExternals Externals { get; init; } = FormExternals.None;

    public CheckResult Check(FormContent? content = null) =>
        FormCheck.Run(Template, content ?? Content, Context, Form.NegativesAllowed, Externals);

    public CanonicalHeader CanonicalHeader => new(Form.Id, Form.Family, TemplateVersion.Id, TemplateVersion.Version, Service.Id, Service.Ico,
        Form.Kraj, Form.Year, Form.Term);
}

/// <summary>The service a form is about, as the form pages show it.</summary>
public sealed record ServiceSummary(string Id, string Name, string Ico, string ProviderName, string Druh, string DruhName, List<string> Forms);

/// <summary>An obec of a form with the names shown on the page.</summary>
public sealed record ObecView(string Orp, string OrpName, string Obec, string ObecName);

/// <summary>Loads forms within an account's scope and describes them; the one place that decides who sees which form.</summary>
public static class FormStore
{
    /// <summary>The form when the account may see it: a provider its IČO's services, regional staff their kraj, admin all.</summary>
    public static async Task<LoadedForm?> LoadAsync(KissosDb db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var form = await db.Forms.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (form is null) return null;
        var service = await ServiceAsync(db, form.ServiceId, ct);
        var scope = AccessScope.Of(user);
        var visible = scope.IsAdmin || scope.Icos.Contains(service.Ico) || (scope.Kraj is not null && scope.Kraj == form.Kraj);
        if (!visible) return null;
        var version = await db.TemplateVersions.AsNoTracking().FirstAsync(t => t.Id == form.TemplateId, ct);
        var template = JsonSerializer.Deserialize<FormTemplate>(version.Definition, FormTemplate.Json)!;
        var term = await db.FormTerms.AsNoTracking().FirstAsync(t => t.Kraj == form.Kraj && t.Year == form.Year && t.Term == form.Term, ct);
        var network = await db.NetworkEntries.AsNoTracking()
            .FirstOrDefaultAsync(n => n.Kraj == form.Kraj && n.Year == form.Year && n.ServiceId == form.ServiceId, ct);
        var context = new FormContext(service.Druh, service.Forms, form.Term, network?.Units, network?.Beds);
        return new LoadedForm(form, version, template, context, term, service)
        {
            Externals = await FormLinks.ExternalsAsync(db, form, template, service.Ico, ct),
        };
    }

    public static async Task<ServiceSummary> ServiceAsync(KissosDb db, string serviceId, CancellationToken ct) =>
        await (from s in db.Services.AsNoTracking()
               join p in db.Providers on s.ProviderIco equals p.Ico
               join d in db.Druhy on s.DruhCode equals d.Code
               where s.Id == serviceId
               select new ServiceSummary(s.Id, s.Name, s.ProviderIco, p.Name, s.DruhCode, d.Name, s.Forms)).FirstAsync(ct);

    /// <summary>Who the account is for this form's IČO in the workflow.</summary>
    public static FormActor ActorFor(ClaimsPrincipal user, string ico, bool asStaff) =>
        asStaff ? FormActor.Staff
        : user.IsInRole(Roles.Admin) || user.FindAll(KissosClaims.Statutory).Any(c => c.Value == ico) ? FormActor.Statutory
        : FormActor.Provider;

    public static string UserName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "?";

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The obce of the content with their names; unknown codes are left out (the save refuses them first).</summary>
    public static async Task<List<ObecView>> ObceAsync(KissosDb db, IEnumerable<FormObec> obce, CancellationToken ct)
    {
        var codes = obce.Select(o => o.Obec).ToList();
        var names = await (from o in db.Obce.AsNoTracking()
                           join r in db.Orp on o.OrpCsuCode equals r.CsuCode
                           where codes.Contains(o.Code)
                           select new ObecView(r.CsuCode, r.Name, o.Code, o.Name)).ToDictionaryAsync(o => o.Obec, ct);
        return [.. codes.Where(names.ContainsKey).Select(c => names[c])];
    }

    /// <summary>The labels of the SO ORP and obce rows of the given obce ("SO ORP Přerov", "Kojetín"), by row code.</summary>
    public static async Task<Dictionary<string, string>> RowNamesAsync(KissosDb db, IEnumerable<FormObec> obce, CancellationToken ct)
    {
        var names = new Dictionary<string, string>();
        foreach (var o in await ObceAsync(db, obce.DistinctBy(o => o.Obec), ct))
        {
            names[FormAddress.OrpPrefix + o.Orp] = "SO ORP " + o.OrpName;
            names[FormAddress.ObecPrefix + o.Obec] = o.ObecName;
        }
        return names;
    }

    /// <summary>Every obec must be a real obec of Czechia that lies in the SO ORP it was added under.</summary>
    public static async Task<List<CellMessage>> CheckObceAsync(KissosDb db, string set, IReadOnlyList<FormObec> obce, CancellationToken ct)
    {
        var codes = obce.Select(o => o.Obec).ToList();
        var known = await db.Obce.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.OrpCsuCode, ct);
        var errors = new List<CellMessage>();
        foreach (var o in obce)
        {
            var cell = FormAddress.Of(set, FormAddress.ObecPrefix + o.Obec);
            if (!known.TryGetValue(o.Obec, out var orp)) errors.Add(new(cell, $"Obec s kódem '{o.Obec}' v České republice není.", Severity.Invalid));
            else if (orp != o.Orp) errors.Add(new(cell, $"Obec {o.Obec} nepatří do SO ORP {o.Orp} (patří do {orp}).", Severity.Invalid));
        }
        return errors;
    }

    /// <summary>The form as the page and the API show it.</summary>
    public static async Task<object> ViewAsync(KissosDb db, LoadedForm loaded, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct, FormContent? content = null)
    {
        var form = loaded.Form;
        content ??= loaded.Content;
        var check = loaded.Check(content);
        var history = await db.FormTransitions.AsNoTracking().Where(t => t.FormId == form.Id).OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new { t.Action, t.FromState, t.ToState, t.UserName, t.At, t.Reason }).ToListAsync(ct);
        var deadline = FormWorkflow.DeadlineError(Today(clock), loaded.Term.DueTo, form.Reopened);
        var editable = deadline is null && FormWorkflow.Next(form.State, FormAction.Save, FormActor.Provider).Error is null;
        return new
        {
            form.Id, form.Family, form.Version, form.State, StateLabel = FormStates.Label(form.State), form.Kraj, form.Year, form.Term,
            TermName = loaded.Term.Name, loaded.Term.DataAsOf, loaded.Term.DueFrom, loaded.Term.DueTo, form.Reopened,
            form.NegativesAllowed, form.ExceptionReason, form.UpdatedAt, form.UpdatedBy,
            Service = loaded.Service, Units = loaded.Context.Units, Beds = loaded.Context.Beds,
            Editable = editable, ReadOnlyReason = deadline,
            Statutory = ActorFor(user, loaded.Service.Ico, asStaff: false) == FormActor.Statutory,
            TemplateId = loaded.TemplateVersion.Id, TemplateVersion = loaded.TemplateVersion.Version,
            Template = JsonSerializer.SerializeToElement(loaded.Template, FormTemplate.Json),
            Values = content.Numbers.ToDictionary(kv => kv.Key, kv => (object)kv.Value)
                .Concat(content.Texts.Select(kv => KeyValuePair.Create(kv.Key, (object)kv.Value))).ToDictionary(),
            Obce = await ObceAsync(db, content.Obce, ct),
            Check = CheckView(check),
            History = history,
            Transferred = content.Transferred,
            Signature = loaded.Template.Signature == SignatureKind.Qualified ? "qualified" : "simple",
            Signatures = await db.FormSignatures.AsNoTracking().Where(x => x.FormId == form.Id).OrderBy(x => x.Number)
                .Select(x => new { x.Number, x.Sha256, x.SignedBy, x.SignedAt, Qualified = x.Cms != null, x.CertificateSubject, x.CertificateIssuer,
                    x.CertificateSerial, x.CertificateNotBefore, x.CertificateNotAfter }).ToListAsync(ct),
        };
    }

    public static object CheckView(CheckResult check) => new
    {
        check.Computed,
        Messages = check.Messages.GroupBy(m => m.Cell).ToDictionary(g => g.Key, g => g.Select(m => m.Message).ToArray()),
        Invalid = check.Messages.Where(m => m.Severity == Severity.Invalid).Select(m => m.Cell).Distinct(),
        Warnings = check.Messages.Where(m => m.Severity == Severity.Warning).Select(m => m.Cell).Distinct(),
        check.Protocol,
        check.Suggestions,
        check.Totals,
        check.CanHandIn,
        MessageCount = check.Messages.Count(m => m.Severity != Severity.Warning),
    };

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>400 with every bad cell (address → Czech messages), nothing saved.</summary>
    public static IResult CellProblem(string title, IEnumerable<CellMessage> messages) =>
        TypedResults.ValidationProblem(messages.GroupBy(m => m.Cell).ToDictionary(g => g.Key, g => g.Select(m => m.Message).ToArray()), title: title);

    public static IResult NotFound() =>
        Problem(404, "Formulář nenalezen", "Takový formulář neexistuje nebo k němu váš účet nemá přístup.");
}
