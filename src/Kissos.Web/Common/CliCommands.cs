using Kissos.Catalogue;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kissos.Common;

/// <summary>
/// Administrative commands: `Kissos.Web import`, `import-providers FILE`, `import-services FILE`, `export-… FILE`,
/// `ogc-sql URL` (the SQL behind an OGC API items URL, for psql).
/// </summary>
public static class CliCommands
{
    private static readonly string[] Commands =
        ["migrate", "import", "import-providers", "import-services", "export-providers", "export-services", "ogc-sql"];

    public static bool IsCommand(string arg) => Commands.Contains(arg);

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KissosDb>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<KissosOptions>>().Value;
        await db.Database.MigrateAsync();
        try
        {
            switch (command, args)
            {
                case ("migrate", []):
                    break;
                case ("import", []):
                    Console.WriteLine(await DataImport.RunAsync(db, options));
                    break;
                case ("import-providers", [var file]):
                    await using (var input = File.OpenRead(file))
                        Console.WriteLine(await CatalogueCsv.ImportProvidersAsync(db, input));
                    break;
                case ("import-services", [var file]):
                    await using (var input = File.OpenRead(file))
                        Console.WriteLine(await CatalogueCsv.ImportServicesAsync(db, input));
                    break;
                case ("export-providers", [var file]):
                    await using (var output = File.Create(file))
                        await CatalogueCsv.ExportProvidersAsync(db, output);
                    break;
                case ("export-services", [var file]):
                    await using (var output = File.Create(file))
                        await CatalogueCsv.ExportServicesAsync(db, output);
                    break;
                case ("ogc-sql", [var url]):
                    Console.WriteLine(await Ogc.OgcPsql.SqlAsync(db, url));
                    break;
                default:
                    Console.Error.WriteLine($"Použití: {command} {(command.StartsWith("import-") || command.StartsWith("export-") ? "SOUBOR.csv" : command == "ogc-sql" ? "/ogc/collections/ID/items?…" : "")}");
                    return 2;
            }
            return 0;
        }
        catch (ImportFailedException e)
        {
            Console.Error.WriteLine($"Import zamítnut, nic nebylo uloženo. Chybných záznamů: {e.Errors.Count}");
            foreach (var error in e.Errors) Console.Error.WriteLine($"  {error}");
            return 1;
        }
    }
}
