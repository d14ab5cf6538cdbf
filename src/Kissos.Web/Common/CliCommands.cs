using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kissos.Common;

/// <summary>
/// Administrative commands (see README): imports, exports, accounts, the register generator for benchmarks, and
/// `ogc-sql URL` (the SQL behind an OGC API items URL, for psql).
/// </summary>
public static class CliCommands
{
    private static readonly string[] Commands =
        ["migrate", "import", "import-providers", "import-services", "export-providers", "export-services", "create-user",
         "import-applicants", "import-users", "generate-registers", "measure-demand", "ogc-sql", "refresh", "generate-rpss", "generate-forms"];

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
                case ("import-applicants" or "import-users", [var file]):
                    var codes = Registers.PersonCodes.FromBase64(options.Registers.PseudonymKey, options.Registers.KeyVersion);
                    await using (var input = File.OpenRead(file))
                        Console.WriteLine(command == "import-applicants"
                            ? await Registers.RegisterCsv.ImportApplicantsAsync(db, input, charset: null, codes, _ => true)
                            : await Registers.RegisterCsv.ImportUsersAsync(db, input, charset: null, codes, _ => true));
                    break;
                case ("generate-registers", [var applicants, var users]):
                    var took = await Registers.RegisterGenerator.RunAsync(db, int.Parse(applicants), int.Parse(users), seed: 2026,
                        DateOnly.FromDateTime(DateTime.Today));
                    Console.WriteLine($"generated {applicants} applications and {users} users in {took.TotalSeconds:F1} s");
                    break;
                case ("measure-demand", []):
                    Console.WriteLine(await Registers.RegisterBenchmark.MeasureDemandAsync(db));
                    break;
                case ("ogc-sql", [var url]):
                    Console.WriteLine(await Ogc.OgcPsql.SqlAsync(db, url));
                    break;
                case ("refresh", _) when RefreshArguments(args) is { } sources:
                    return await RefreshAsync(db, options, sources);
                case ("generate-rpss", [var folder, .. var size]) when size.Length == 0 || int.TryParse(size[0], out _):
                    Console.WriteLine(await Registry.RpssGenerator.RunAsync(db, folder, size.Length == 0 ? Registry.RpssGenerator.NationalServices : int.Parse(size[0]), seed: 2026));
                    break;
                case ("generate-forms", ["--years", var list]) when YearList(list) is { } years:
                    try
                    {
                        Console.WriteLine(await Forms.FormGenerator.RunAsync(db, years, options.DemoAccounts, TimeProvider.System));
                    }
                    catch (Forms.FormGenerator.RefusedException e)
                    {
                        Console.Error.WriteLine(e.Message);
                        return 1;
                    }
                    break;
                case ("create-user", [var email, var role, .. var bindings]):
                    return await CreateUserAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), email, role, bindings);
                default:
                    Console.Error.WriteLine(command switch
                    {
                        "create-user" => "Použití: create-user EMAIL ROLE [IČO… | KÓD_OBCE | NUTS3_KRAJE]  (heslo na standardním vstupu)",
                        "refresh" => "Použití: refresh --rpss rpss.json --addresses ADRESY.zip|SLOŽKA|SOUBOR.csv [--vfr OBCE.xml.zip]",
                        "generate-rpss" => "Použití: generate-rpss SLOŽKA [POČET_SLUŽEB]",
                        "generate-forms" => "Použití: generate-forms --years 2024,2025,2026",
                        "ogc-sql" => "Použití: ogc-sql /ogc/collections/ID/items?…",
                        _ => $"Použití: {command} {(command.StartsWith("import-") || command.StartsWith("export-") ? "SOUBOR.csv" : "")}",
                    });
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

    private static int[]? YearList(string list)
    {
        var years = list.Split(',').Select(y => int.TryParse(y, out var year) && year is >= 2000 and <= 2100 ? year : 0).ToArray();
        return years.Length > 0 && years.All(y => y > 0) ? years : null;
    }

    private static Registry.RegistryRefresh.Sources? RefreshArguments(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] is not ("--rpss" or "--addresses" or "--vfr") || !values.TryAdd(args[i], args[i + 1])) return null;
        }
        if (args.Length % 2 != 0 || !values.TryGetValue("--rpss", out var rpss) || !values.TryGetValue("--addresses", out var addresses)) return null;
        return new Registry.RegistryRefresh.Sources(rpss, addresses, values.GetValueOrDefault("--vfr"));
    }

    /// <summary>What a cron job calls: exit code 0 when the refresh was stored, 1 when it was refused (and why).</summary>
    private static async Task<int> RefreshAsync(KissosDb db, KissosOptions options, Registry.RegistryRefresh.Sources sources)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var refresh = await Registry.RegistryRefresh.RunAsync(db, options, sources, DateOnly.FromDateTime(DateTime.Now), TimeProvider.System);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(Registry.RegistryRefresh.Summary(refresh)));
        foreach (var warning in refresh.Warnings) Console.WriteLine($"  upozornění: {warning}");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"trvání {started.Elapsed.TotalSeconds:F1} s, nejvyšší paměť procesu (peak working set) {process.PeakWorkingSet64 / (1024 * 1024)} MB");
        if (refresh.Succeeded) return 0;
        Console.Error.WriteLine($"Obnova zamítnuta, nic nebylo uloženo; platí předchozí data. Chyb: {refresh.Errors.Count}");
        foreach (var error in refresh.Errors) Console.Error.WriteLine($"  {error}");
        return 1;
    }

    /// <summary>The password comes on standard input, so it stays out of the shell history and process list.</summary>
    private static async Task<int> CreateUserAsync(AccountService accounts, string email, string role, string[] bindings)
    {
        var password = Console.In.ReadLine() ?? "";
        var errors = await accounts.CreateAsync(new NewAccount(email, password, role, null,
            role == Roles.Provider ? [.. bindings] : null,
            role == Roles.Municipality ? bindings.FirstOrDefault() : null,
            role == Roles.Regional ? bindings.FirstOrDefault() : null));
        foreach (var (field, messages) in errors)
            foreach (var message in messages) Console.Error.WriteLine($"{field}: {message}");
        if (errors.Count == 0) Console.WriteLine($"Účet {email} ({role}) založen.");
        return errors.Count == 0 ? 0 : 1;
    }
}
