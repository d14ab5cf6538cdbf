using System.Security.Claims;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Notices;

/// <summary>The signed-in account's notices (oznámení), and the services that create and deliver them.</summary>
public static class NoticeEndpoints
{
    private const int MaxListed = 200;

    /// <summary>Registers the notice service, the background mailer and the reminder runner with their options.</summary>
    public static void AddKissosNotices(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        builder.Services.Configure<NoticeOptions>(builder.Configuration.GetSection(NoticeOptions.Section));
        builder.Services.AddSingleton<NoticeSignal>();
        builder.Services.AddScoped<NoticeService>();
        builder.Services.AddSingleton<NoticeMailer>();
        builder.Services.AddHostedService(s => s.GetRequiredService<NoticeMailer>());
        builder.Services.AddSingleton<ReminderRunner>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ReminderRunner>());
    }

    public static void MapNotices(this IEndpointRouteBuilder routes)
    {
        var mine = routes.MapGroup("/api/my/notices").WithTags("Notices")
            .RequireAuthorization().AddEndpointFilter<AntiforgeryFilter>();
        mine.MapGet("/", GetMine);
        mine.MapPost("/{id:guid}/read", MarkRead);
    }

    /// <summary>One notice as the account sees it.</summary>
    /// <param name="Mailed">When the e-mail went out; null when none was sent (no SMTP, or still waiting).</param>
    public sealed record NoticeView(Guid Id, string Subject, string Text, string? Ico, DateTimeOffset CreatedAt,
        DateTimeOffset? ReadAt, DateTimeOffset? Mailed);

    /// <summary>GET /api/my/notices: the account's newest 200 notices, newest first.</summary>
    private static async Task<IResult> GetMine(ClaimsPrincipal user, KissosDb db, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var notices = await db.Notices.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(MaxListed)
            .Select(n => new NoticeView(n.Id, n.Subject, n.Text, n.Ico, n.CreatedAt, n.ReadAt, n.MailedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(notices);
    }

    /// <summary>POST /api/my/notices/{id}/read: marks the account's notice read (again is fine); 404 for another's.</summary>
    private static async Task<IResult> MarkRead(Guid id, ClaimsPrincipal user, KissosDb db, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct);
        if (notice is null)
            return TypedResults.Problem(statusCode: 404, title: "Oznámení nenalezeno", detail: "Takové oznámení váš účet nemá.");
        notice.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
