using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kissos.Accounts;

/// <summary>Adds an account's bindings (IČO, obec, kraj) to its sign-in cookie as claims.</summary>
public sealed class KissosClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(user.ProviderIcos.Select(ico => new Claim(KissosClaims.Ico, ico)));
        identity.AddClaims(user.StatutoryIcos.Select(ico => new Claim(KissosClaims.Statutory, ico)));
        if (user.ObecCode is not null) identity.AddClaim(new Claim(KissosClaims.Obec, user.ObecCode));
        if (user.KrajNuts3 is not null) identity.AddClaim(new Claim(KissosClaims.Kraj, user.KrajNuts3));
        identity.AddClaim(new Claim("kissos:name", user.DisplayName));
        return identity;
    }
}
