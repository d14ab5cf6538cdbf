using System.Security.Claims;
using Kissos.Common;
using Kissos.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Accounts;

public sealed record LoginInput(string Email, string Password);

/// <summary>The IČO (of the account's own) for which a provider account is the statutory representative; empty = none.</summary>
public sealed record StatutoryInput(List<string>? Icos);

/// <summary>Whether this browser's session is signed in, and then its account (the shape of /api/account/me).</summary>
public sealed record SessionState(bool SignedIn, object? Account);

/// <summary>Sign-in with a cookie (the page and the API alike), the current account, and account administration.</summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/api/account").WithTags("Accounts").AddEndpointFilter<AntiforgeryFilter>();
        account.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            TypedResults.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken, header = AntiforgeryFilter.HeaderName }));
        account.MapPost("/login", Login);
        // A new security stamp ends every session of the account: copies of the cookie included (see SessionValidation).
        account.MapPost("/logout", async (HttpContext http, SignInManager<User> signIn, UserManager<User> users) =>
        {
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
        account.MapGet("/me", Me).RequireAuthorization();
        // For pages that first ask whether anyone is signed in: 200 either way, so a signed-out visitor's browser
        // logs no failed request.
        account.MapGet("/session", (ClaimsPrincipal user) => TypedResults.Ok(user.Identity?.IsAuthenticated == true
            ? new SessionState(true, Describe(user))
            : new SessionState(false, null)));

        var admin = routes.MapGroup("/api/admin/users").WithTags("Accounts")
            .RequireAuthorization(Policies.Administers).AddEndpointFilter<AntiforgeryFilter>();
        // An account is locked out by failed sign-ins (SignInGuard's table) or by Identity's own lockout end.
        admin.MapGet("/", async (KissosDb db, SignInGuard guard, CancellationToken ct) =>
        {
            var locked = await guard.LockedOutNowAsync(db, ct);
            var users = await db.Users.OrderBy(u => u.Email).Select(u => new
            {
                u.Id, u.Email, u.DisplayName, Icos = u.ProviderIcos, Obec = u.ObecCode, Kraj = u.KrajNuts3, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            }).ToListAsync(ct);
            return TypedResults.Ok(users.Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.Icos, u.Obec, u.Kraj,
                LockoutEnd = locked.TryGetValue(SignInGuard.KeyOf(u.Email ?? ""), out var until) ? until : u.LockoutEnd,
                u.Roles,
            }));
        });
        admin.MapPost("/", async (NewAccount input, AccountService accounts) =>
        {
            var errors = await accounts.CreateAsync(input);
            return errors.Count > 0
                ? (IResult)TypedResults.ValidationProblem(errors, title: "Účet nelze založit")
                : TypedResults.Created($"/api/admin/users/{input.Email}", new { input.Email, input.Role });
        });
        admin.MapPut("/{email}/statutory", async (string email, StatutoryInput input, AccountService accounts) =>
            await accounts.SetStatutoryAsync(email, input.Icos ?? []) is { Count: > 0 } errors
                ? (IResult)TypedResults.ValidationProblem(errors, title: "Statutárního zástupce nelze nastavit")
                : TypedResults.NoContent());
    }

    /// <summary>
    /// 200 with the account; 401 for a wrong e-mail or password alike; 429 while the e-mail (known or not) is locked
    /// out or the client address has failed too often. Known and unknown e-mails do the same work (see SignInGuard).
    /// </summary>
    private static async Task<IResult> Login(LoginInput input, HttpContext http, SignInManager<User> signIn, UserManager<User> users,
        SignInGuard guard, KissosDb db)
    {
        var (email, password) = (input.Email ?? "", input.Password ?? "");
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "";
        if (guard.AddressBlocked(address)) return LockedOut();
        var user = await users.FindByEmailAsync(email);
        if (await guard.LockedOutAsync(db, email, http.RequestAborted)) return LockedOut();
        var result = user is not null ? await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false) : null;
        if (user is null) guard.VerifyDummy(password, users.PasswordHasher);
        if (result is not { Succeeded: true })
        {
            guard.AddressFailed(address);
            return await guard.FailedAsync(db, email, http.RequestAborted) || result is { IsLockedOut: true }
                ? LockedOut()
                : TypedResults.Problem(statusCode: 401, title: "Přihlášení se nezdařilo", detail: "Neplatný e-mail nebo heslo.");
        }
        await guard.SucceededAsync(db, email, http.RequestAborted);
        await signIn.SignInAsync(user!, isPersistent: false);
        return TypedResults.Ok(Describe(await signIn.CreateUserPrincipalAsync(user!)));
    }

    private static IResult LockedOut() => TypedResults.Problem(statusCode: 429, title: "Účet je dočasně zablokován",
        detail: "Po opakovaných neúspěšných pokusech je přihlášení na několik minut zablokováno. Zkuste to později.");

    private static IResult Me(ClaimsPrincipal user) => TypedResults.Ok(Describe(user));

    private static object Describe(ClaimsPrincipal user) => new
    {
        Email = user.FindFirstValue(ClaimTypes.Name),
        Name = user.FindFirstValue("kissos:name"),
        Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
        Icos = user.FindAll(KissosClaims.Ico).Select(c => c.Value),
        Obec = user.FindFirstValue(KissosClaims.Obec),
        Kraj = user.FindFirstValue(KissosClaims.Kraj),
    };
}
