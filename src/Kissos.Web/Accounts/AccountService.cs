using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Microsoft.AspNetCore.Identity;

namespace Kissos.Accounts;

/// <summary>A new account; StatutoryIcos (of Icos) makes a provider account the statutory representative of those IČO.</summary>
public sealed record NewAccount(
    string Email, string Password, string Role, string? DisplayName, List<string>? Icos, string? Obec, string? Kraj,
    List<string>? StatutoryIcos = null);

/// <summary>Creates accounts with their role and bindings, checking that the bindings exist.</summary>
public sealed class AccountService(UserManager<User> users, RoleManager<IdentityRole> roles, KissosDb db)
{
    public async Task<Dictionary<string, string[]>> CreateAsync(NewAccount account)
    {
        var errors = await ValidateAsync(account);
        if (errors.Count > 0) return errors;
        await EnsureRolesAsync();
        var user = new User
        {
            UserName = account.Email, Email = account.Email, EmailConfirmed = true,
            DisplayName = account.DisplayName ?? account.Email,
            ProviderIcos = account.Role == Roles.Provider ? account.Icos!.Distinct().ToList() : [],
            StatutoryIcos = account.Role == Roles.Provider ? (account.StatutoryIcos ?? []).Intersect(account.Icos!).ToList() : [],
            ObecCode = account.Role == Roles.Municipality ? account.Obec : null,
            KrajNuts3 = account.Role == Roles.Regional ? account.Kraj : null,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded) return new() { ["password"] = created.Errors.Select(e => e.Description).ToArray() };
        await users.AddToRoleAsync(user, account.Role);
        return [];
    }

    /// <summary>Binds a provider account as the statutory representative of some of its IČO (signs and hands in forms).</summary>
    public async Task<Dictionary<string, string[]>> SetStatutoryAsync(string email, List<string> icos)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null) return new() { ["email"] = [$"Účet {email} neexistuje."] };
        if (!await users.IsInRoleAsync(user, Roles.Provider)) return new() { ["email"] = ["Statutárním zástupcem může být jen účet poskytovatele."] };
        if (icos.Except(user.ProviderIcos).ToList() is { Count: > 0 } foreign)
            return new() { ["icos"] = [$"Účet není vázán na IČO {string.Join(", ", foreign)}; statutárním zástupcem může být jen u svých IČO."] };
        user.StatutoryIcos = icos.Distinct().ToList();
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? [] : new() { ["email"] = updated.Errors.Select(e => e.Description).ToArray() };
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(NewAccount account)
    {
        var shape = new FieldErrors();
        shape.Text("email", "E-mail", account.Email, 256, required: true);
        shape.Text("password", "Heslo", account.Password, 200, required: true);
        shape.Text("role", "Role", account.Role, 50, required: true);
        shape.Text("displayName", "Jméno", account.DisplayName, CatalogueLimits.Name);
        if (account.Icos is not null) shape.Texts("icos", "IČO", account.Icos, 100, CatalogueLimits.Id);
        shape.Text("obec", "Obec", account.Obec, CatalogueLimits.Id);
        shape.Text("kraj", "Kraj", account.Kraj, CatalogueLimits.Id);
        if (shape.Count > 0) return shape.ToDictionary();
        var errors = new Dictionary<string, string[]>();
        var known = await KnownCodes.LoadAsync(db);
        if (!Roles.All.Contains(account.Role)) errors["role"] = [$"Neznámá role '{account.Role}'. Role: {string.Join(", ", Roles.All)}."];
        if (await users.FindByEmailAsync(account.Email) is not null) errors["email"] = [$"Účet {account.Email} už existuje."];
        switch (account.Role)
        {
            case Roles.Provider when account.Icos is not { Count: > 0 }:
                errors["icos"] = ["Účet poskytovatele musí být vázán alespoň na jedno IČO."];
                break;
            case Roles.Provider when account.Icos.Except(db.Providers.Select(p => p.Ico)).ToList() is { Count: > 0 } unknown:
                errors["icos"] = [$"Poskytovatel s IČO {string.Join(", ", unknown)} není v katalogu."];
                break;
            case Roles.Municipality when account.Obec is null || !known.Obce.Contains(account.Obec):
                errors["obec"] = [$"Účet obce musí být vázán na známou obec (6místný kód), ne '{account.Obec}'."];
                break;
            case Roles.Regional when account.Kraj is null || !known.Kraje.Contains(account.Kraj):
                errors["kraj"] = [$"Účet pracovníka kraje musí být vázán na kraj (kód NUTS3), ne '{account.Kraj}'."];
                break;
        }
        return errors;
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
            await roles.CreateAsync(new IdentityRole(role));
    }
}

/// <summary>
/// Demo accounts for local use, one per role, created at start only when Kissos:DemoAccounts is true
/// (scripts/run.sh and the browser test set it; appsettings.json never does).
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Kissos-demo-2026";

    public static readonly NewAccount[] All =
    [
        new("poskytovatel@demo.kissos.cz", Password, Roles.Provider, "Poskytovatel (demo)", ["61985929", "73632783"], null, null),
        new("statutar@demo.kissos.cz", Password, Roles.Provider, "Statutární zástupce (demo)", ["73632783"], null, null, ["73632783"]),
        new("obec@demo.kissos.cz", Password, Roles.Municipality, "Obec Kokory (demo)", null, "514152", null),
        new("kraj@demo.kissos.cz", Password, Roles.Regional, "Zlínský kraj (demo)", null, null, "CZ072"),
        new("admin@demo.kissos.cz", Password, Roles.Admin, "Správce (demo)", null, null, null),
    ];

    public static async Task EnsureAsync(AccountService accounts, UserManager<User> users)
    {
        foreach (var account in All)
            if (await users.FindByEmailAsync(account.Email) is null)
                await accounts.CreateAsync(account);
    }
}
