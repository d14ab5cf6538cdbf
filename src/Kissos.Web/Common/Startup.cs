using Kissos.Accounts;
using Kissos.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kissos.Common;

public static class Startup
{
    /// <summary>Applies migrations and, on an empty database, loads the reference data.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KissosDb>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<KissosOptions>>().Value;
        await db.Database.MigrateAsync();
        await Forms.FormDefaults.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        if (options.ImportOnStart && await DataImport.IsEmptyAsync(db))
        {
            var summary = await DataImport.RunAsync(db, options);
            app.Logger.LogInformation("Loaded reference data: {Summary}", summary);
        }
        else if (options.ImportOnStart)
        {
            // The code lists are small and merged (no change, no write): a database from before a new list gets it.
            await Catalogue.TaxonomyImport.RunAsync(db, options);
        }
        if (options.DemoAccounts)
            await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<AccountService>(),
                scope.ServiceProvider.GetRequiredService<UserManager<User>>());
    }
}
