using System.Security.Claims;
using Kissos.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kissos.Accounts;

/// <summary>
/// Every request with a sign-in cookie compares the cookie's security stamp with the account's stored one, so that
/// logging out (which rotates the stamp), a password change or a deleted account ends every session at once,
/// copies of the cookie included. Identity's own validator would do this only every 30 minutes, or with interval 0
/// load the account, its roles and claims and re-issue the cookie on every request; this reads one column by
/// primary key.
/// </summary>
public static class SessionValidation
{
    private static readonly Func<KissosDb, string, Task<string?>> StoredStamp =
        EF.CompileAsyncQuery((KissosDb db, string id) => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefault());

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (id is not null && stamp is not null && await StoredStamp(services.GetRequiredService<KissosDb>(), id) == stamp) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
