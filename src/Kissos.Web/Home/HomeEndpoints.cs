using System.Security.Claims;
using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Home;

/// <summary>
/// The nástěnka (home page) of signed-in accounts: announcements, documents with versions, contacts, FAQ and the
/// slot "Moje formuláře". Reading: every signed-in account, filtered by <see cref="HomeViewer"/>. Writing: regional
/// staff in their kraj, administrators anywhere (<see cref="KrajItems{TItem,TInput}"/>).
/// </summary>
public static class HomeEndpoints
{
    public static void MapHome(this IEndpointRouteBuilder routes)
    {
        var read = routes.MapGroup("/api/home").WithTags("Home").RequireAuthorization().AddEndpointFilter<AntiforgeryFilter>();
        read.MapGet("/announcements", GetAnnouncements);
        read.MapGet("/documents", GetDocuments);
        read.MapGet("/documents/{id:guid}/file", Download);
        read.MapGet("/contacts", GetContacts);
        read.MapGet("/faq", GetFaq);
        read.MapGet("/forms", GetOpenForms);

        var staff = routes.MapGroup("/api/home").WithTags("Home")
            .RequireAuthorization(Policies.RegionalStaff).AddEndpointFilter<AntiforgeryFilter>();
        staff.MapGet("/announcements/all", GetAllAnnouncements);
        new KrajItems<Announcement, AnnouncementInput>(db => db.Announcements, HomeRules.Check,
            () => new Announcement { Id = Guid.CreateVersion7() },
            (i, a) =>
            {
                (a.Title, a.Text, a.ValidFrom, a.ValidTo, a.Audience, a.DruhCode) =
                    (i.Title!.Trim(), i.Text!, i.ValidFrom!.Value, i.ValidTo, i.Audience!, i.Druh);
            },
            "Aktualita neexistuje, nebo patří jinému kraji.").Map(staff, "/announcements");
        new KrajItems<HomeContact, ContactInput>(db => db.HomeContacts, HomeRules.Check,
            () => new HomeContact { Id = Guid.CreateVersion7() },
            (i, c) => (c.Name, c.Agenda, c.Email, c.Phone, c.SortOrder) = (i.Name!.Trim(), i.Agenda!.Trim(), i.Email, i.Phone, i.SortOrder ?? 0),
            "Kontakt neexistuje, nebo patří jinému kraji.").Map(staff, "/contacts");
        new KrajItems<FaqItem, FaqInput>(db => db.FaqItems, HomeRules.Check,
            () => new FaqItem { Id = Guid.CreateVersion7() },
            (i, f) => (f.Question, f.Answer, f.SortOrder) = (i.Question!.Trim(), i.Answer!, i.SortOrder ?? 0),
            "Otázka neexistuje, nebo patří jinému kraji.").Map(staff, "/faq");
        new KrajItems<HomeDocument, DocumentInput>(db => db.HomeDocuments, HomeRules.Check,
            () => new HomeDocument { Id = Guid.CreateVersion7() },
            (i, d) => (d.Kind, d.Module, d.Year, d.Title) = (i.Kind!, i.Module!.Trim(), i.Year!.Value, i.Title!.Trim()),
            DocumentNotFound).Map(staff, "/documents");
        staff.MapPost("/documents/{id:guid}/versions", UploadVersion);
    }

    private const string DocumentNotFound = "Dokument neexistuje, nebo patří jinému kraji.";

    private static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Prague")).DateTime);

    /// <summary>An announcement as readers get it; DruhCode is set for audience "druh".</summary>
    public sealed record AnnouncementView(Guid Id, string Kraj, string Title, string Text, DateOnly ValidFrom, DateOnly? ValidTo,
        string Audience, string? DruhCode);

    /// <summary>GET /api/home/announcements: those valid today that the account is in the audience of, newest first.</summary>
    private static async Task<IResult> GetAnnouncements(ClaimsPrincipal user, KissosDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = await HomeViewer.OfAsync(user, db, ct);
        var today = Today(clock);
        var staffKraj = v.StaffKraj ?? "";
        var list = await db.Announcements.AsNoTracking()
            .Where(a => a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo >= today))
            .Where(a => v.SeesAll || a.Audience == Audiences.All
                || (a.Audience == Audiences.Kraj && v.Kraje.Contains(a.KrajNuts3))
                || (a.Audience == Audiences.Druh && (a.KrajNuts3 == staffKraj || v.KrajDruhy.Contains(a.KrajNuts3 + ":" + a.DruhCode))))
            .OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.Id)
            .Select(a => new AnnouncementView(a.Id, a.KrajNuts3, a.Title, a.Text, a.ValidFrom, a.ValidTo, a.Audience, a.DruhCode))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    /// <summary>GET /api/home/announcements/all (staff): every announcement of the kraj, also past and future ones.</summary>
    private static async Task<IResult> GetAllAnnouncements(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var scope = AccessScope.Of(user);
        var list = await db.Announcements.AsNoTracking()
            .Where(a => scope.IsAdmin || a.KrajNuts3 == scope.Kraj)
            .OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.Id)
            .Select(a => new AnnouncementView(a.Id, a.KrajNuts3, a.Title, a.Text, a.ValidFrom, a.ValidTo, a.Audience, a.DruhCode))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    /// <summary>One stored file of a document (without its content).</summary>
    public sealed record VersionView(int Number, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy);

    /// <summary>A document with all its versions, newest first; Versions[0] is what readers download.</summary>
    public sealed record DocumentView(Guid Id, string Kraj, string Kind, string Module, int Year, string Title, List<VersionView> Versions);

    /// <summary>GET /api/home/documents: the documents of the account's kraje, by year (newest), module and title.</summary>
    private static async Task<IResult> GetDocuments(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var v = await HomeViewer.OfAsync(user, db, ct);
        var list = await db.HomeDocuments.AsNoTracking()
            .Where(d => v.SeesAll || v.Kraje.Contains(d.KrajNuts3))
            .OrderByDescending(d => d.Year).ThenBy(d => d.Module).ThenBy(d => d.Title)
            .Select(d => new DocumentView(d.Id, d.KrajNuts3, d.Kind, d.Module, d.Year, d.Title,
                d.Versions.OrderByDescending(x => x.Number)
                    .Select(x => new VersionView(x.Number, x.FileName, x.Size, x.UploadedAt, x.UploadedBy)).ToList()))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    /// <summary>
    /// GET /api/home/documents/{id}/file[?verze=N]: the newest file (or version N) as an attachment; 404 when the
    /// document is not the account's to read or has no such version.
    /// </summary>
    private static async Task<IResult> Download(Guid id, HttpContext http, KissosDb db)
    {
        var query = new QueryParameters(http.Request, "verze");
        int? number = null;
        if (query.Get("verze") is { } text)
        {
            if (int.TryParse(text, out var n) && n > 0) number = n;
            else query.AddError("verze", "verze je kladné celé číslo.");
        }
        if (!query.IsValid) return query.Problem();
        var v = await HomeViewer.OfAsync(http.User, db, http.RequestAborted);
        var file = await db.DocumentVersions.AsNoTracking()
            .Where(x => x.DocumentId == id && (number == null || x.Number == number))
            .Where(x => db.HomeDocuments.Any(d => d.Id == id && (v.SeesAll || v.Kraje.Contains(d.KrajNuts3))))
            .OrderByDescending(x => x.Number).FirstOrDefaultAsync(http.RequestAborted);
        if (file is null)
            return TypedResults.Problem(statusCode: 404, title: "Soubor nenalezen", detail: "Dokument nebo jeho verze neexistuje, nebo k ní nemáte přístup.");
        // Always a download, never rendered by the browser: an uploaded HTML or SVG cannot run in the site's origin.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// POST /api/home/documents/{id}/versions?nazev=Metodika.pdf with the file's bytes as the body (at most 20 MB;
    /// pdf, docx, xlsx, doc, xls, odt, ods, zip, txt): stores it as the document's next version, keeping the others.
    /// </summary>
    private static async Task<IResult> UploadVersion(Guid id, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var query = new QueryParameters(http.Request, "nazev");
        if (!query.IsValid) return query.Problem();
        var scope = AccessScope.Of(http.User);
        var document = await db.HomeDocuments.FirstOrDefaultAsync(d => d.Id == id && (scope.IsAdmin || d.KrajNuts3 == scope.Kraj), http.RequestAborted);
        if (document is null) return TypedResults.Problem(statusCode: 404, title: "Nenalezeno", detail: DocumentNotFound);
        var fileName = query.Get("nazev");
        var (contentType, error) = HomeRules.FileType(fileName);
        if (error is not null) return Invalid("nazev", error);
        var content = await ReadBodyAsync(http.Request, HomeRules.MaxFileBytes, http.RequestAborted);
        if (content is null) return Invalid("soubor", $"Soubor je větší než {HomeRules.MaxFileBytes / 1024 / 1024} MB.");
        if (content.Length == 0) return Invalid("soubor", "Soubor je prázdný.");
        var number = 1 + (await db.DocumentVersions.Where(x => x.DocumentId == id).MaxAsync(x => (int?)x.Number, http.RequestAborted) ?? 0);
        var version = new DocumentVersion
        {
            Id = Guid.CreateVersion7(), DocumentId = id, Number = number, FileName = fileName!, ContentType = contentType!,
            Size = content.Length, Content = content, UploadedAt = clock.GetUtcNow(),
            UploadedBy = http.User.FindFirstValue(ClaimTypes.Name) ?? "",
        };
        db.DocumentVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: 409, title: "Souběžné nahrání",
                detail: "Jiný pracovník právě nahrál novou verzi téhož dokumentu. Obnovte seznam a nahrajte soubor znovu.");
        }
        return TypedResults.Created($"/api/home/documents/{id}/file?verze={number}",
            new VersionView(number, version.FileName, version.Size, version.UploadedAt, version.UploadedBy));
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Neplatný soubor");

    /// <summary>The body up to <paramref name="limit"/> bytes, or null when it is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>GET /api/home/contacts: the contact persons of the account's kraje.</summary>
    private static async Task<IResult> GetContacts(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var v = await HomeViewer.OfAsync(user, db, ct);
        return TypedResults.Ok(await db.HomeContacts.AsNoTracking().Where(c => v.SeesAll || v.Kraje.Contains(c.KrajNuts3))
            .OrderBy(c => c.KrajNuts3).ThenBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct));
    }

    /// <summary>GET /api/home/faq: the questions and answers of the account's kraje.</summary>
    private static async Task<IResult> GetFaq(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var v = await HomeViewer.OfAsync(user, db, ct);
        return TypedResults.Ok(await db.FaqItems.AsNoTracking().Where(f => v.SeesAll || v.Kraje.Contains(f.KrajNuts3))
            .OrderBy(f => f.KrajNuts3).ThenBy(f => f.SortOrder).ThenBy(f => f.Question).ToListAsync(ct));
    }

    /// <summary>GET /api/home/forms: the account's open forms from every registered <see cref="IOpenFormsSource"/>.</summary>
    private static async Task<IResult> GetOpenForms(ClaimsPrincipal user, IEnumerable<IOpenFormsSource> sources, CancellationToken ct)
    {
        var forms = new List<OpenForm>();
        foreach (var source in sources) forms.AddRange(await source.GetOpenFormsAsync(user, ct));
        return TypedResults.Ok(forms.OrderBy(f => f.Deadline));
    }
}

/// <summary>One open form of the account, for "Moje formuláře" on the nástěnka.</summary>
/// <param name="Deadline">When it must be handed in (Europe/Prague), null when there is no deadline.</param>
/// <param name="State">The form's state in Czech, e.g. "rozpracováno", "vráceno k přepracování".</param>
/// <param name="Note">What is missing, or why staff returned it.</param>
/// <param name="Url">Where the form opens, relative to the site.</param>
public sealed record OpenForm(string Title, string Service, DateTimeOffset? Deadline, string State, string? Note, string Url);

/// <summary>
/// A module with forms for providers (the forms engine) registers one as a scoped service to list an account's open
/// forms on the nástěnka. None is registered until such a module exists: the section then says there are none.
/// </summary>
public interface IOpenFormsSource
{
    Task<IReadOnlyList<OpenForm>> GetOpenFormsAsync(ClaimsPrincipal user, CancellationToken ct);
}
