using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Kissos.Notices;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kissos.Forms;

/// <summary>A term's dates as staff set them.</summary>
public sealed record TermInput(string Name, DateOnly DataAsOf, DateOnly? DueFrom, DateOnly DueTo);

/// <summary>A service's units in the network of a year: FTE of direct care (2 decimals) and beds (residential, noclehárny).</summary>
public sealed record NetworkInput(decimal Units, int? Beds);

/// <summary>Copying a kraj's newest template of a family from one year to another.</summary>
public sealed record TemplateCopy(string? Family, int FromYear, int ToYear);

/// <summary>
/// Regional staff's side of the forms, within their kraj (admin: any, naming the kraj): the overview of a term, return
/// with reason, approve, reopen, negative-value exceptions; the templates, the term calendar and the network.
/// </summary>
public static class FormStaffEndpoints
{
    private static readonly string[] OverviewSorts = ["service", "provider", "druh", "state", "updated", "naklady", "vynosy"];

    public static void MapFormStaff(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/forms").WithTags("Forms")
            .RequireAuthorization(Policies.RegionalStaff).AddEndpointFilter<AntiforgeryFilter>();
        staff.MapGet("/", Overview);
        staff.MapGet("/{id:guid}", async (Guid id, HttpContext http, KissosDb db, TimeProvider clock) =>
            await FormStore.LoadAsync(db, http.User, id, http.RequestAborted) is { } loaded
                ? TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, http.RequestAborted))
                : FormStore.NotFound());
        staff.MapGet("/{id:guid}/xlsx", FormEndpoints.DownloadXlsx);
        staff.MapFormExports();
        staff.MapFormSums();
        staff.MapGet("/{id:guid}/canonical", FormEndpoints.DownloadCanonical);
        staff.MapGet("/{id:guid}/signatures/{number:int}", FormEndpoints.DownloadSigned);
        staff.MapPost("/{id:guid}/approve", (Guid id, HttpContext http, KissosDb db, TimeProvider clock) =>
            ActAsync(id, FormAction.Approve, null, http, db, clock));
        staff.MapPost("/{id:guid}/return", (Guid id, ReasonInput input, HttpContext http, KissosDb db, TimeProvider clock) =>
            ActAsync(id, FormAction.Return, input.Reason, http, db, clock));
        staff.MapPost("/{id:guid}/reopen", (Guid id, ReasonInput input, HttpContext http, KissosDb db, TimeProvider clock) =>
            ActAsync(id, FormAction.Reopen, input.Reason, http, db, clock));
        staff.MapPost("/{id:guid}/exception", GrantException);

        staff.MapGet("/templates", Templates);
        staff.MapGet("/templates/{id:int}", TemplateDefinition);
        staff.MapPost("/templates", UploadTemplate);
        staff.MapPost("/templates/copy", CopyTemplate);

        staff.MapGet("/terms", Terms);
        staff.MapPut("/terms/{year:int}/{term:int}", SetTerm);

        staff.MapGet("/network", Network);
        staff.MapPut("/network/{year:int}/{serviceId}", SetNetwork);
        staff.MapDelete("/network/{year:int}/{serviceId}", RemoveNetwork);
        staff.MapPost("/network/{year:int}/import", ImportNetwork);
    }

    /// <summary>The kraj the staff account works for; admin names it with ?kraj= (required for admin).</summary>
    internal static string? KrajOf(HttpContext http, QueryParameters query)
    {
        var scope = AccessScope.Of(http.User);
        var asked = query.Get("kraj");
        if (scope.Kraj is not null)
        {
            if (asked is not null && asked != scope.Kraj) query.AddError("kraj", "Pracovník kraje vidí jen svůj kraj.");
            return scope.Kraj;
        }
        if (asked is null || !FormDefaults.Kraje.Contains(asked)) query.AddError("kraj", $"Uveďte kraj (kraj={string.Join("|", FormDefaults.Kraje)}).");
        return asked;
    }

    /// <summary>
    /// The family=… of a staff request (default rozpocet-a-vyuctovani); an error on the query when the kraj has no template
    /// of it, naming the families it has.
    /// </summary>
    internal static async Task<string> FamilyAsync(KissosDb db, QueryParameters query, string? kraj, CancellationToken ct)
    {
        var family = query.Get("family") ?? FormEndpoints.DefaultFamily;
        if (kraj is null) return family;
        var families = await db.TemplateVersions.AsNoTracking().Where(t => t.Kraj == kraj).Select(t => t.Family).Distinct().ToListAsync(ct);
        if (!families.Contains(family)) query.AddError("family", $"Kraj nemá formulář '{family}'; má: {string.Join(", ", families.Order())}.");
        return family;
    }

    /// <summary>
    /// GET /api/forms?year=&amp;term=[&amp;family=&amp;state=&amp;druh=&amp;q=&amp;sort=&amp;kraj=]: every service of the kraj's network with
    /// its form of the family (default rozpocet-a-vyuctovani) and term (state "nezalozeno" when not created yet), deadline,
    /// last change, totals (Kč, FTE), the count of failing checks (errors, warnings) and <c>late</c> = not handed in by
    /// the deadline (for Výkaz skutečnost: not evaluated for the network of year N+2). Answers are kept per version of
    /// the forms and map data (see MapAnswerCache.FormsVersionSql), per kraj, query and day, with a strong ETag.
    /// </summary>
    private static async Task<IResult> Overview(HttpContext http, KissosDb db, TimeProvider clock, MapAnswerCache answers,
        IOptions<JsonOptions> json)
    {
        var query = new QueryParameters(http.Request, "year", "term", "state", "druh", "q", "sort", "kraj", "family");
        var family = query.Get("family") ?? FormEndpoints.DefaultFamily;
        var kraj = KrajOf(http, query);
        var year = query.Int("year", 2000, 2100) ?? clock.GetLocalNow().Year;
        var term = query.Int("term", 1, 4) ?? 1;
        var state = query.Get("state");
        if (state is not null && state != NotCreated && !FormStates.All.Contains(state))
            query.AddError("state", $"Stav je jeden z: {string.Join(", ", FormStates.All)}, {NotCreated}.");
        var druh = query.Get("druh");
        var text = query.Get("q");
        var sort = query.Get("sort") ?? "service";
        if (!OverviewSorts.Contains(sort.TrimStart('-'))) query.AddError("sort", $"Řadit lze podle: {string.Join(", ", OverviewSorts)} (s '-' sestupně).");
        if (!query.IsValid) return query.Problem();

        var today = FormStore.Today(clock);
        var request = JsonSerializer.Serialize(new { overview = true, kraj, year, term, family, state, druh, text, sort, today });
        return await answers.RespondAsync(db, http, request, async () => new MapAnswerCache.Built(
                JsonSerializer.SerializeToUtf8Bytes(await OverviewAsync(db, http.User, clock, kraj!, year, term, family, state, druh, text, sort, today),
                    json.Value.SerializerOptions),
                "application/json; charset=utf-8"),
            TypedResults.NotFound(), MapAnswerCache.FormsVersionSql);
    }

    private static async Task<object> OverviewAsync(KissosDb db, ClaimsPrincipal user, TimeProvider clock, string kraj, int year, int term, string family,
        string? state, string? druh, string? text, string sort, DateOnly today)
    {
        var rows = await (from n in db.NetworkEntries.AsNoTracking()
                          join s in db.Services on n.ServiceId equals s.Id
                          join p in db.Providers on s.ProviderIco equals p.Ico
                          join d in db.Druhy on s.DruhCode equals d.Code
                          join f0 in db.Forms.Where(f => f.Term == term && f.Family == family)
                              on new { n.ServiceId, n.Year } equals new { f0.ServiceId, f0.Year } into forms
                          from f in forms.DefaultIfEmpty()
                          where n.Kraj == kraj && n.Year == year
                                && (druh == null || s.DruhCode == druh)
                                && (text == null || EF.Functions.ILike(s.Name, "%" + text + "%") || EF.Functions.ILike(p.Name, "%" + text + "%") || s.ProviderIco == text)
                          select new OverviewRow(s.Id, s.Name, s.ProviderIco, p.Name, s.DruhCode, d.Name, n.Units, n.Beds,
                              f == null ? null : f.Id, f == null ? NotCreated : f.State, f == null ? null : f.UpdatedAt, f == null ? null : f.Totals,
                              f == null ? null : f.CheckErrors, f == null ? null : f.CheckWarnings,
                              // FormCheckCounts: missing, or a form the checks read (same service, or same family and IČO) changed since;
                              // two EXISTS rather than one with OR, so that each uses its index
                              f != null && (f.CheckedAt == null
                                  || db.Forms.Any(g => g.ServiceId == f.ServiceId && g.Year == f.Year && g.Term == f.Term && g.Id != f.Id
                                      && g.UpdatedAt >= f.CheckedAt)
                                  || (from gs in db.Services
                                      join g in db.Forms on gs.Id equals g.ServiceId
                                      where gs.ProviderIco == s.ProviderIco && g.Family == f.Family && g.Year == f.Year && g.Term == f.Term
                                            && g.Id != f.Id && g.UpdatedAt >= f.CheckedAt
                                      select g.Id).Any())))
                         .ToListAsync();
        if (state is not null) rows = rows.Where(r => r.State == state).ToList();
        var dueTo = await db.FormTerms.AsNoTracking().Where(t => t.Kraj == kraj && t.Year == year && t.Term == term)
            .Select(t => (DateOnly?)t.DueTo).FirstOrDefaultAsync();
        var refreshed = await FormCheckCounts.RefreshAsync(db, user, rows.Where(r => r.ChecksStale).Select(r => r.FormId!.Value), clock,
            CancellationToken.None);
        var items = rows.Select(r => new OverviewItem(r.ServiceId, r.ServiceName, r.Ico, r.ProviderName, r.Druh, r.DruhName, r.Units, r.Beds,
            r.FormId, r.State, r.State == NotCreated ? "nezaloženo" : FormStates.Label(r.State), r.UpdatedAt, dueTo,
            r.Totals is null ? [] : JsonSerializer.Deserialize<Dictionary<string, decimal>>(r.Totals)!,
            r.FormId is not { } id ? null
                : refreshed.TryGetValue(id, out var fresh) ? new CheckCounts(fresh.Errors, fresh.Warnings)
                : new CheckCounts(r.CheckErrors ?? 0, r.CheckWarnings ?? 0),
            dueTo is { } due && today > due && r.State is not (FormStates.Submitted or FormStates.Approved))).ToList();
        Func<OverviewItem, object?> key = sort.TrimStart('-') switch
        {
            "provider" => i => i.ProviderName,
            "druh" => i => i.DruhName,
            "state" => i => i.State,
            "updated" => i => i.UpdatedAt,
            "naklady" => i => i.Totals.GetValueOrDefault("naklady"),
            "vynosy" => i => i.Totals.GetValueOrDefault("vynosy"),
            _ => i => i.ServiceName,
        };
        var ordered = sort.StartsWith('-') ? items.OrderByDescending(key).ToList() : items.OrderBy(key).ToList();
        return new
        {
            Kraj = kraj, Year = year, Term = term, DueTo = dueTo, Count = ordered.Count,
            Totals = new
            {
                Naklady = items.Sum(i => i.Totals.GetValueOrDefault("naklady")),
                Vynosy = items.Sum(i => i.Totals.GetValueOrDefault("vynosy")),
                Units = items.Sum(i => i.Units),
            },
            Items = ordered,
        };
    }

    public const string NotCreated = "nezalozeno";

    /// <summary>A line of the overview: the service, its network units, its form's state, last change and totals.</summary>
    public sealed record OverviewItem(string ServiceId, string ServiceName, string Ico, string ProviderName, string Druh, string DruhName,
        decimal Units, int? Beds, Guid? FormId, string State, string StateLabel, DateTimeOffset? UpdatedAt, DateOnly? DueTo,
        Dictionary<string, decimal> Totals, CheckCounts? Checks, bool Late);

    /// <summary>A form's failing cross-set checks: errors block handing in, warnings inform.</summary>
    public sealed record CheckCounts(int Errors, int Warnings);

    private sealed record OverviewRow(string ServiceId, string ServiceName, string Ico, string ProviderName, string Druh, string DruhName,
        decimal Units, int? Beds, Guid? FormId, string State, DateTimeOffset? UpdatedAt, string? Totals, int? CheckErrors, int? CheckWarnings,
        bool ChecksStale);

    /// <summary>Loads a form of the staff's kraj for an action; admin reaches every kraj.</summary>
    private static async Task<LoadedForm?> LoadForStaffAsync(KissosDb db, HttpContext http, Guid id)
    {
        var loaded = await FormStore.LoadAsync(db, http.User, id, http.RequestAborted);
        var scope = AccessScope.Of(http.User);
        return loaded is not null && (scope.IsAdmin || scope.Kraj == loaded.Form.Kraj) ? loaded : null;
    }

    private static async Task<IResult> ActAsync(Guid id, FormAction action, string? reason, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var loaded = await LoadForStaffAsync(db, http, id);
        if (loaded is null) return FormStore.NotFound();
        if (action == FormAction.Return && string.IsNullOrWhiteSpace(reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Uveďte důvod vrácení k přepracování."] });
        var form = loaded.Form;
        var (next, refused) = FormWorkflow.Next(form.State, action, FormActor.Staff);
        if (refused is not null) return FormStore.Problem(400, "Akci nelze provést", refused);
        var transition = FormEndpoints.AddTransition(db, form, action.ToString().ToLowerInvariant(), next!, FormStore.UserName(http.User), clock, reason?.Trim());
        form.State = next!;
        if (action == FormAction.Reopen) form.Reopened = true;
        form.UpdatedAt = clock.GetUtcNow();
        form.UpdatedBy = FormStore.UserName(http.User);
        await db.SaveChangesAsync(http.RequestAborted);
        if (action is FormAction.Return or FormAction.Approve)
            await FormNotices.NotifyDecisionAsync(http.RequestServices.GetRequiredService<NoticeService>(), loaded, action, reason?.Trim(),
                transition.Id, http.RequestAborted);
        return TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, http.RequestAborted));
    }

    /// <summary>POST /api/forms/{id}/exception {reason}: the provider may enter negative values in this form.</summary>
    private static async Task<IResult> GrantException(Guid id, ReasonInput input, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var loaded = await LoadForStaffAsync(db, http, id);
        if (loaded is null) return FormStore.NotFound();
        if (string.IsNullOrWhiteSpace(input.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Uveďte důvod výjimky pro záporné hodnoty."] });
        var form = loaded.Form;
        form.NegativesAllowed = true;
        form.ExceptionReason = input.Reason.Trim();
        FormEndpoints.AddTransition(db, form, "vyjimka", form.State, FormStore.UserName(http.User), clock, form.ExceptionReason);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(await FormStore.ViewAsync(db, loaded, http.User, clock, http.RequestAborted));
    }

    /// <summary>GET /api/forms/templates?year=[&amp;kraj=]: the kraj's template versions (without definitions).</summary>
    private static async Task<IResult> Templates(HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "year", "kraj");
        var kraj = KrajOf(http, query);
        var year = query.Int("year", 2000, 2100);
        if (!query.IsValid) return query.Problem();
        return TypedResults.Ok(await db.TemplateVersions.AsNoTracking()
            .Where(t => t.Kraj == kraj && (year == null || t.Year == year))
            .OrderBy(t => t.Family).ThenByDescending(t => t.Year).ThenByDescending(t => t.Version)
            .Select(t => new { t.Id, t.Family, t.Name, t.Year, t.Kraj, t.Version, t.CreatedAt, t.CreatedBy })
            .ToListAsync(http.RequestAborted));
    }

    /// <summary>GET /api/forms/templates/{id}: the template file (JSON) to download, change and upload again.</summary>
    private static async Task<IResult> TemplateDefinition(int id, HttpContext http, KissosDb db)
    {
        var scope = AccessScope.Of(http.User);
        var version = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, http.RequestAborted);
        if (version is null || !(scope.IsAdmin || scope.Kraj == version.Kraj))
            return FormStore.Problem(404, "Šablona nenalezena", "Taková šablona ve vašem kraji není.");
        return Results.Text(version.Definition, "application/json; charset=utf-8");
    }

    /// <summary>
    /// POST /api/forms/templates with the template file as the body: validated, stored as the next version of its
    /// family, year and kraj. Forms created before keep their version.
    /// </summary>
    private static async Task<IResult> UploadTemplate(HttpContext http, KissosDb db, TimeProvider clock)
    {
        using var reader = new StreamReader(http.Request.Body);
        var (template, errors) = TemplateValidation.Parse(await reader.ReadToEndAsync(http.RequestAborted));
        if (template is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["template"] = [.. errors] }, title: "Šablonu nelze nahrát");
        var scope = AccessScope.Of(http.User);
        if (!scope.IsAdmin && scope.Kraj != template.Kraj)
            return FormStore.Problem(403, "Šablona cizího kraje", $"Šablonu kraje {template.Kraj} nemůžete nahrát; váš kraj je {scope.Kraj}.");
        return await StoreVersionAsync(db, template, http, clock);
    }

    /// <summary>POST /api/forms/templates/copy {family, fromYear, toYear}: the newest version of fromYear becomes version 1 (or next) of toYear.</summary>
    private static async Task<IResult> CopyTemplate(TemplateCopy input, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "kraj");
        var kraj = KrajOf(http, query);
        if (!query.IsValid) return query.Problem();
        var family = input.Family ?? FormEndpoints.DefaultFamily;
        var source = await db.TemplateVersions.AsNoTracking().Where(t => t.Family == family && t.Year == input.FromYear && t.Kraj == kraj)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(http.RequestAborted);
        if (source is null) return FormStore.Problem(404, "Šablona nenalezena", $"Kraj nemá šablonu '{family}' pro rok {input.FromYear}.");
        if (input.ToYear is < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["toYear"] = ["Rok je mezi 2000 a 2100."] });
        var template = JsonSerializer.Deserialize<FormTemplate>(source.Definition, FormTemplate.Json)! with { Year = input.ToYear };
        return await StoreVersionAsync(db, template, http, clock);
    }

    private static async Task<IResult> StoreVersionAsync(KissosDb db, FormTemplate template, HttpContext http, TimeProvider clock)
    {
        var last = await db.TemplateVersions.Where(t => t.Family == template.Family && t.Year == template.Year && t.Kraj == template.Kraj)
            .MaxAsync(t => (int?)t.Version, http.RequestAborted) ?? 0;
        var version = FormDefaults.NewVersion(template, last + 1, FormStore.UserName(http.User), clock.GetUtcNow());
        db.TemplateVersions.Add(version);
        if (!await db.FormTerms.AnyAsync(t => t.Kraj == template.Kraj && t.Year == template.Year, http.RequestAborted))
            db.FormTerms.AddRange(FormDefaults.Calendar(template.Kraj, template.Year));
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/forms/templates/{version.Id}",
            new { version.Id, version.Family, version.Name, version.Year, version.Kraj, version.Version });
    }

    /// <summary>GET /api/forms/terms?year=[&amp;kraj=]: the term calendar.</summary>
    private static async Task<IResult> Terms(HttpContext http, KissosDb db, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "year", "kraj");
        var kraj = KrajOf(http, query);
        var year = query.Int("year", 2000, 2100) ?? clock.GetLocalNow().Year;
        if (!query.IsValid) return query.Problem();
        return TypedResults.Ok(await db.FormTerms.AsNoTracking().Where(t => t.Kraj == kraj && t.Year == year).OrderBy(t => t.Term).ToListAsync(http.RequestAborted));
    }

    /// <summary>PUT /api/forms/terms/{year}/{term}[?kraj=]: sets a term's name and dates (creates it when missing).</summary>
    private static async Task<IResult> SetTerm(int year, int term, TermInput input, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kraj");
        var kraj = KrajOf(http, query);
        if (!query.IsValid) return query.Problem();
        var errors = new Dictionary<string, string[]>();
        if (term is < 1 or > 4) errors["term"] = ["Termín je 1 až 4."];
        if (year is < 2000 or > 2100) errors["year"] = ["Rok je mezi 2000 a 2100."];
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["Termín musí mít název."];
        if (input.DueFrom is { } from && from > input.DueTo) errors["dueFrom"] = ["Odevzdání nemůže začínat po svém konci."];
        if (input.DueTo < input.DataAsOf) errors["dueTo"] = ["Termín odevzdání je dřív než datum, ke kterému se data vykazují."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Termín nelze uložit");
        var existing = await db.FormTerms.FirstOrDefaultAsync(t => t.Kraj == kraj && t.Year == year && t.Term == term, http.RequestAborted);
        if (existing is null)
            db.FormTerms.Add(existing = new FormTerm { Kraj = kraj!, Year = year, Term = term, Name = input.Name.Trim(), DataAsOf = input.DataAsOf, DueTo = input.DueTo });
        existing.Name = input.Name.Trim();
        existing.DataAsOf = input.DataAsOf;
        existing.DueFrom = input.DueFrom;
        existing.DueTo = input.DueTo;
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(existing);
    }

    /// <summary>GET /api/forms/network?year=[&amp;kraj=]: the services of the kraj's network with their units.</summary>
    private static async Task<IResult> Network(HttpContext http, KissosDb db, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "year", "kraj");
        var kraj = KrajOf(http, query);
        var year = query.Int("year", 2000, 2100) ?? clock.GetLocalNow().Year;
        if (!query.IsValid) return query.Problem();
        return TypedResults.Ok(await (from n in db.NetworkEntries.AsNoTracking()
                                      join s in db.Services on n.ServiceId equals s.Id
                                      where n.Kraj == kraj && n.Year == year
                                      orderby s.Name
                                      select new { n.ServiceId, ServiceName = s.Name, s.ProviderIco, s.DruhCode, n.Units, n.Beds })
            .ToListAsync(http.RequestAborted));
    }

    /// <summary>PUT /api/forms/network/{year}/{serviceId}[?kraj=] {units, beds}: puts a service of the kraj into the year's network.</summary>
    private static async Task<IResult> SetNetwork(int year, string serviceId, NetworkInput input, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kraj");
        var kraj = KrajOf(http, query);
        if (!query.IsValid) return query.Problem();
        var errors = new List<string>();
        if (NetworkProblem(input.Units, input.Beds) is { } problem) errors.Add(problem);
        if (!(await FormSql.InKrajAsync(db, kraj!, [serviceId], http.RequestAborted)).Contains(serviceId))
            errors.Add($"Služba '{serviceId}' není v katalogu nebo nemá místo poskytování v kraji {kraj}.");
        if (errors.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["network"] = [.. errors] }, title: "Službu nelze zařadit do sítě");
        await UpsertNetworkAsync(db, kraj!, year, serviceId, input, http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { Kraj = kraj, Year = year, ServiceId = serviceId, input.Units, input.Beds });
    }

    private static async Task UpsertNetworkAsync(KissosDb db, string kraj, int year, string serviceId, NetworkInput input, CancellationToken ct)
    {
        var entry = await db.NetworkEntries.FirstOrDefaultAsync(n => n.Kraj == kraj && n.Year == year && n.ServiceId == serviceId, ct);
        await FormCheckCounts.InvalidateAsync(db, year, [serviceId], ct);
        if (entry is null) db.NetworkEntries.Add(new NetworkEntry { Kraj = kraj, Year = year, ServiceId = serviceId, Units = input.Units, Beds = input.Beds });
        else
        {
            entry.Units = input.Units;
            entry.Beds = input.Beds;
        }
    }

    private static string? NetworkProblem(decimal units, int? beds) =>
        units < 0 || decimal.Round(units, 2) != units || units > 10_000 ? $"Úvazky {units} nejsou nezáporné číslo nejvýš na 2 desetinná místa."
        : beds is < 0 or > 100_000 ? $"Počet lůžek {beds} není nezáporné celé číslo."
        : null;

    private static async Task<IResult> RemoveNetwork(int year, string serviceId, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kraj");
        var kraj = KrajOf(http, query);
        if (!query.IsValid) return query.Problem();
        var entry = await db.NetworkEntries.FirstOrDefaultAsync(n => n.Kraj == kraj && n.Year == year && n.ServiceId == serviceId, http.RequestAborted);
        if (entry is null) return FormStore.Problem(404, "Služba není v síti", $"Služba '{serviceId}' v síti roku {year} není.");
        db.NetworkEntries.Remove(entry);
        await FormCheckCounts.InvalidateAsync(db, year, [serviceId], http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static readonly string[] NetworkColumns = ["sluzba", "uvazky", "luzka"];

    /// <summary>
    /// POST /api/forms/network/{year}/import[?kraj=] with CSV (sluzba;uvazky;luzka, UTF-8, ';', decimal comma or point):
    /// all rows or none, every bad line reported.
    /// </summary>
    private static async Task<IResult> ImportNetwork(int year, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "kraj");
        var kraj = KrajOf(http, query);
        if (!query.IsValid) return query.Problem();
        var errors = new ImportErrorList("síť");
        var rows = new List<(int Line, string ServiceId, NetworkInput Input)>();
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted); // the CSV reader reads synchronously
        body.Position = 0;
        Csv.ReadRows(body, NetworkColumns, errors, (row, line) =>
        {
            var id = row.Required("sluzba");
            var unitsText = row.Required("uvazky").Replace(',', '.');
            if (!decimal.TryParse(unitsText, NumberStyles.Number, CultureInfo.InvariantCulture, out var units))
                throw new CsvRowException($"úvazky '{unitsText}' nejsou číslo");
            var beds = row.OptionalInt("luzka");
            if (NetworkProblem(units, beds) is { } problem) errors.Add(line, problem);
            else if (rows.Any(r => r.ServiceId == id)) errors.Add(line, $"služba '{id}' je v souboru vícekrát");
            else rows.Add((line, id, new NetworkInput(units, beds)));
        });
        var inKraj = await FormSql.InKrajAsync(db, kraj!, rows.Select(r => r.ServiceId).ToArray(), http.RequestAborted);
        foreach (var row in rows.Where(r => !inKraj.Contains(r.ServiceId)))
            errors.Add(row.Line, $"služba '{row.ServiceId}' není v katalogu nebo nemá místo poskytování v kraji {kraj}");
        if (errors.Errors.Count > 0)
            return TypedResults.ValidationProblem(errors.Errors.GroupBy(e => $"řádek {e.Number}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: $"Síť nelze importovat: {errors.Errors.Count} chyb, nic nebylo uloženo");
        foreach (var row in rows) await UpsertNetworkAsync(db, kraj!, year, row.ServiceId, row.Input, http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { Imported = rows.Count });
    }
}
