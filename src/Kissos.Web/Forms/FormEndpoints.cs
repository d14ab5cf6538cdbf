using System.Text.Json;
using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>What the page sends to save or check a form: the cells (address → number, text or null) and the obce.</summary>
public sealed record FormInput(uint? Version, Dictionary<string, JsonElement>? Values, List<FormObec>? Obce);

/// <summary>Creating a form of a term for a service in the kraj's network.</summary>
public sealed record NewForm(string ServiceId, int Year, int Term, string? Family);

/// <summary>A staff action with a reason (return, reopen, exception).</summary>
public sealed record ReasonInput(string? Reason);

/// <summary>
/// Handing a form in names the version the representative saw; where the template asks for a qualified signature,
/// <c>Signature</c> is the detached CMS/PKCS#7 signature (.p7s, DER or PEM) of the form's canonical file, in base64.
/// </summary>
public sealed record SubmitInput(uint? Version, string? Signature = null);

/// <summary>
/// The provider's side of the forms (Rozpočet a vyúčtování and every later periodic form): list, create, read, save
/// (partial, any time before the deadline), check as typed, and hand in by the statutory representative.
/// </summary>
public static class FormEndpoints
{
    public const string DefaultFamily = "rozpocet-a-vyuctovani";

    public static void MapForms(this IEndpointRouteBuilder routes)
    {
        var mine = routes.MapGroup("/api/my/forms").WithTags("Forms")
            .RequireAuthorization(p => p.RequireRole(Roles.Provider, Roles.Admin)).AddEndpointFilter<AntiforgeryFilter>();
        mine.MapGet("/", List);
        mine.MapPost("/", Create);
        mine.MapGet("/{id:guid}", Get);
        mine.MapPut("/{id:guid}", Save);
        mine.MapPost("/{id:guid}/check", Check);
        mine.MapPost("/{id:guid}/submit", Submit);
        mine.MapGet("/{id:guid}/xlsx", DownloadXlsx);
        mine.MapGet("/{id:guid}/canonical", DownloadCanonical);
        mine.MapGet("/{id:guid}/signatures/{number:int}", DownloadSigned);
        mine.MapPut("/{id:guid}/xlsx", UploadXlsx);
        mine.MapGet("/{id:guid}/csv", FormExport.SetCsv);
        routes.MapFormStaff();
    }

    /// <summary>
    /// GET /api/my/forms?year=[&amp;family=]: per service of the account's IČO in a network of that year and per term of the
    /// family (default rozpocet-a-vyuctovani; vykaz-skutecnost = "Výkazy k zadání"), its form or null.
    /// </summary>
    private static async Task<IResult> List(HttpContext http, KissosDb db, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "year", "family");
        var year = query.Int("year", 2000, 2100) ?? clock.GetLocalNow().Year;
        var family = query.Get("family") ?? DefaultFamily;
        if (!query.IsValid) return query.Problem();
        var terms = await TermsOfFamilyAsync(db, family, year, http.RequestAborted);
        var scope = AccessScope.Of(http.User);
        var rows = await (from n in db.NetworkEntries.AsNoTracking()
                          join s in db.Services on n.ServiceId equals s.Id
                          join t in db.FormTerms on new { n.Kraj, n.Year } equals new { t.Kraj, t.Year }
                          where n.Year == year && (scope.IsAdmin || scope.Icos.Contains(s.ProviderIco)) && terms.Contains(t.Term)
                          join f in db.Forms on new { n.ServiceId, n.Year, t.Term, Family = family } equals new { f.ServiceId, f.Year, f.Term, f.Family } into forms
                          from f in forms.DefaultIfEmpty()
                          orderby s.Name, t.Term
                          select new
                          {
                              ServiceId = s.Id, ServiceName = s.Name, s.ProviderIco, n.Kraj, n.Year, t.Term, TermName = t.Name, t.DueFrom, t.DueTo,
                              FormId = (Guid?)f.Id, State = f.State, UpdatedAt = (DateTimeOffset?)f.UpdatedAt, Family = family,
                          }).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(rows);
    }

    /// <summary>The terms in which forms of the family exist, by the newest template of the year (all four when it names none).</summary>
    public static async Task<int[]> TermsOfFamilyAsync(KissosDb db, string family, int year, CancellationToken ct)
    {
        var definition = await db.TemplateVersions.AsNoTracking().Where(t => t.Family == family && t.Year == year)
            .OrderByDescending(t => t.Version).Select(t => t.Definition).FirstOrDefaultAsync(ct);
        var template = definition is null ? null : JsonSerializer.Deserialize<FormTemplate>(definition, FormTemplate.Json);
        return template?.Terms is { Count: > 0 } terms ? [.. terms] : definition is null ? [] : [1, 2, 3, 4];
    }

    /// <summary>
    /// POST /api/my/forms {serviceId, year, term, family}: creates the form from the kraj's newest template version
    /// (FormLinks.CreateAsync: previous term's values, per-IČO zeros, transfer from a form already signed).
    /// </summary>
    private static async Task<IResult> Create(NewForm input, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var family = input.Family ?? DefaultFamily;
        var scope = AccessScope.Of(http.User);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == input.ServiceId, ct);
        if (service is null || !(scope.IsAdmin || scope.Icos.Contains(service.ProviderIco)))
            return FormStore.Problem(403, "Služba nepatří k vašemu účtu", $"Pro službu '{input.ServiceId}' nemůžete zakládat formuláře.");
        var network = await db.NetworkEntries.AsNoTracking().FirstOrDefaultAsync(n => n.ServiceId == input.ServiceId && n.Year == input.Year, ct);
        if (network is null)
            return FormStore.Problem(400, "Služba není v síti", $"Služba není v síti sociálních služeb kraje pro rok {input.Year}.");
        if (!await db.FormTerms.AnyAsync(t => t.Kraj == network.Kraj && t.Year == input.Year && t.Term == input.Term, ct))
            return FormStore.Problem(400, "Termín neexistuje", $"Kraj nemá pro rok {input.Year} vypsaný {input.Term}. termín.");
        var version = await db.TemplateVersions.AsNoTracking()
            .Where(t => t.Family == family && t.Year == input.Year && t.Kraj == network.Kraj)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (version is null)
            return FormStore.Problem(400, "Šablona chybí", $"Kraj nemá šablonu '{family}' pro rok {input.Year}.");
        if (JsonSerializer.Deserialize<FormTemplate>(version.Definition, FormTemplate.Json)!.Terms is { Count: > 0 } terms && !terms.Contains(input.Term))
            return FormStore.Problem(400, "Termín neexistuje", $"Formulář '{version.Name}' se podává jen v termínech {string.Join(", ", terms)}.");
        var existing = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Family == family && f.ServiceId == input.ServiceId
            && f.Year == input.Year && f.Term == input.Term, ct);
        if (existing is not null)
            return FormStore.Problem(409, "Formulář už existuje", $"Formulář tohoto termínu už je založen (id {existing.Id}).");
        var loaded = await FormLinks.CreateAsync(db, version, input.ServiceId, network.Kraj, input.Year, input.Term, http.User, clock, ct);
        return TypedResults.Created($"/api/my/forms/{loaded.Form.Id}", await FormStore.ViewAsync(db, loaded, http.User, clock, ct));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        return loaded is null ? FormStore.NotFound() : TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, http.RequestAborted));
    }

    /// <summary>POST /api/my/forms/{id}/check: the same check as saving, without saving (the page calls it as the provider types).</summary>
    private static async Task<IResult> Check(Guid id, FormInput input, HttpContext http, KissosDb db)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        if (loaded is null) return FormStore.NotFound();
        var (read, errors) = await ReadAsync(db, loaded, input, http.RequestAborted);
        var content = FormTransfer.KeepTransferred(loaded.Content, read, errors);
        var check = loaded.Check(content);
        return TypedResults.Ok(FormStore.CheckView(check with { Messages = [.. errors, .. check.Messages] }));
    }

    /// <summary>PUT /api/my/forms/{id}: saves all cells (partial filling is fine); bad values → 400 by cell, a stale version → 409.</summary>
    private static async Task<IResult> Save(Guid id, FormInput input, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var loaded = await FormStore.LoadAsync(db, http.User, id, ct);
        if (loaded is null) return FormStore.NotFound();
        var (content, errors) = await ReadAsync(db, loaded, input, ct);
        return await SaveContentAsync(db, loaded, content, errors, input.Version, http, clock);
    }

    /// <summary>Stores content read from the page or an uploaded workbook, after the workflow, deadline and cell checks.</summary>
    public static async Task<IResult> SaveContentAsync(KissosDb db, LoadedForm loaded, FormContent content, List<CellMessage> errors,
        uint? version, HttpContext http, TimeProvider clock)
    {
        var form = loaded.Form;
        var actor = FormStore.ActorFor(http.User, loaded.Service.Ico, asStaff: false);
        var (next, refused) = FormWorkflow.Next(form.State, FormAction.Save, actor);
        refused ??= FormWorkflow.DeadlineError(FormStore.Today(clock), loaded.Term.DueTo, form.Reopened);
        if (refused is not null) return FormStore.Problem(400, "Formulář nelze upravovat", refused);
        errors = [.. errors];
        content = FormTransfer.KeepTransferred(loaded.Content, content, errors);
        var check = loaded.Check(content);
        var invalid = errors.Concat(check.Messages.Where(m => m.Severity == Severity.Invalid)).ToList();
        if (invalid.Count > 0) return FormStore.CellProblem("Formulář nelze uložit: chybné hodnoty", invalid);
        if (version is not { } v)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Chybí verze formuláře, ke které se změna vztahuje."] });
        db.Entry(form).Property(f => f.Version).OriginalValue = v;
        form.UpdatedAt = clock.GetUtcNow();
        FormCheckCounts.Write(form, content, check, form.UpdatedAt);
        form.UpdatedBy = FormStore.UserName(http.User);
        if (next != form.State) AddTransition(db, form, "prepracovani", next!, FormStore.UserName(http.User), clock, null);
        form.State = next!;
        if (await Concurrency.SaveAsync(db, http.RequestAborted) is { } conflict) return conflict;
        return TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, http.RequestAborted));
    }

    /// <summary>POST /api/my/forms/{id}/submit: "Podepsat a předat ke schválení krajem", statutory representative only, all checks passing.</summary>
    private static async Task<IResult> Submit(Guid id, SubmitInput input, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var loaded = await FormStore.LoadAsync(db, http.User, id, ct);
        if (loaded is null) return FormStore.NotFound();
        var form = loaded.Form;
        var (next, refused) = FormWorkflow.Next(form.State, FormAction.Submit, FormStore.ActorFor(http.User, loaded.Service.Ico, asStaff: false));
        refused ??= FormWorkflow.DeadlineError(FormStore.Today(clock), loaded.Term.DueTo, form.Reopened);
        if (refused is not null) return FormStore.Problem(400, "Formulář nelze předat", refused);
        var check = loaded.Check();
        if (!check.CanHandIn)
        {
            var blocking = check.Messages.Where(m => m.Severity != Severity.Warning).ToList();
            return FormStore.CellProblem($"Formulář nelze předat: {blocking.Count} chyb", blocking);
        }
        if (input.Version is { } v) db.Entry(form).Property(f => f.Version).OriginalValue = v;
        var (signature, unsigned) = await FormSignatures.SignAsync(db, loaded, input.Signature, http.User, clock, ct);
        if (unsigned is not null) return FormStore.Problem(400, "Podpis nelze přijmout", unsigned);
        db.FormSignatures.Add(signature!);
        AddTransition(db, form, "predani", next!, FormStore.UserName(http.User), clock, $"Podpis č. {signature!.Number}, SHA-256 {signature.Sha256}");
        form.State = next!;
        form.Reopened = false;
        form.UpdatedAt = clock.GetUtcNow();   // a signed source changes what the checks of linked forms read (FormCheckCounts)
        if (await Concurrency.SaveAsync(db, ct) is { } conflict) return conflict;
        await FormLinks.TransferFromAsync(db, loaded, http.User, clock, ct);
        return TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, ct));
    }

    /// <summary>GET …/{id}/canonical: the form's canonical file as it stands (the bytes to sign; README "Canonical file").</summary>
    public static async Task<IResult> DownloadCanonical(Guid id, HttpContext http, KissosDb db)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        if (loaded is null) return FormStore.NotFound();
        var bytes = FormCanonical.Serialize(loaded.CanonicalHeader, loaded.Content);
        http.Response.Headers["X-Content-SHA256"] = FormCanonical.Sha256(bytes);
        return TypedResults.File(bytes, "text/plain; charset=utf-8", $"{loaded.Form.Family}-{loaded.Form.Year}-{loaded.Form.Term}-{loaded.Service.Id}.txt");
    }

    /// <summary>GET …/{id}/signatures/{number}: the canonical file of an earlier signed version, exactly as it was signed.</summary>
    public static async Task<IResult> DownloadSigned(Guid id, int number, HttpContext http, KissosDb db)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        if (loaded is null) return FormStore.NotFound();
        var signature = await db.FormSignatures.AsNoTracking().FirstOrDefaultAsync(s => s.FormId == id && s.Number == number, http.RequestAborted);
        if (signature is null) return FormStore.Problem(404, "Podpis nenalezen", $"Formulář nemá podepsanou verzi č. {number}.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(signature.Canonical), "text/plain; charset=utf-8",
            $"{loaded.Form.Family}-{loaded.Form.Year}-{loaded.Form.Term}-{loaded.Service.Id}-podpis-{number}.txt");
    }

    /// <summary>GET …/{id}/xlsx: the form as a workbook, one sheet per set, only input cells unlocked.</summary>
    public static async Task<IResult> DownloadXlsx(Guid id, HttpContext http, KissosDb db)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        if (loaded is null) return FormStore.NotFound();
        var names = await FormStore.RowNamesAsync(db, loaded.Content.Obce, http.RequestAborted);
        var file = $"{loaded.Form.Year}-{loaded.Form.Term}-{loaded.Service.Id}.xlsx";
        return TypedResults.File(FormXlsx.Write(loaded, names), FormXlsx.ContentType, file);
    }

    /// <summary>PUT /api/my/forms/{id}/xlsx with the workbook as the body: all cells or none, every bad one as "Sheet!C7: message".</summary>
    private static async Task<IResult> UploadXlsx(Guid id, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var loaded = await FormStore.LoadAsync(db, http.User, id, ct);
        if (loaded is null) return FormStore.NotFound();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var (content, errors, where) = FormXlsx.Read(loaded, buffer);
        if (loaded.Template.Sets.FirstOrDefault(s => s.Rows.Any(r => r.Kind == RowKind.Obce)) is { } set)
            errors.AddRange((await FormStore.CheckObceAsync(db, set.Code, content.Obce, ct))
                .Select(m => $"{where.GetValueOrDefault(m.Cell, m.Cell)}: {m.Message}"));
        if (errors.Count > 0)
            return TypedResults.Problem(statusCode: 400, title: $"Sešit nelze nahrát: {errors.Count} chybných buněk, nic nebylo uloženo",
                detail: string.Join("\n", errors), extensions: new Dictionary<string, object?> { ["cells"] = errors });
        return await SaveContentAsync(db, loaded, content, [], loaded.Form.Version, http, clock);
    }

    private static async Task<(FormContent, List<CellMessage>)> ReadAsync(KissosDb db, LoadedForm loaded, FormInput input, CancellationToken ct)
    {
        var obce = input.Obce ?? [];
        var (content, errors) = FormCheck.Read(loaded.Template, loaded.Context, input.Values ?? [], obce);
        if (loaded.Template.Sets.FirstOrDefault(s => s.Rows.Any(r => r.Kind == RowKind.Obce)) is { } set)
            errors.AddRange(await FormStore.CheckObceAsync(db, set.Code, obce, ct));
        else if (obce.Count > 0)
            errors.Add(new("obce", "Tato šablona obce nemá.", Severity.Invalid));
        return (content, errors);
    }

    public static FormTransition AddTransition(KissosDb db, Form form, string action, string to, string user, TimeProvider clock, string? reason) =>
        db.FormTransitions.Add(new FormTransition
        {
            FormId = form.Id, Action = action, FromState = form.State, ToState = to, UserName = user, At = clock.GetUtcNow(), Reason = reason,
        }).Entity;
}
