using Kissos.Accounts;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Catalogue;

/// <summary>
/// The catalogue CSV from the management page: regional staff export and import the services and providers of their
/// kraj (those with a place of provision there), administrators all of them. Same files and checks as the command
/// line (<see cref="CatalogueCsv"/>): all-or-nothing, every bad row with its line.
/// </summary>
public static class CatalogueStaffEndpoints
{
    public static void MapCatalogueStaff(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/staff/catalogue").WithTags("Catalogue")
            .RequireAuthorization(Policies.RegionalStaff).AddEndpointFilter<AntiforgeryFilter>();
        staff.MapGet("/services.csv", async (HttpContext http, KissosDb db) =>
        {
            var kept = await KeptAsync(db, http);
            await WriteCsvAsync(http, "sluzby.csv", output => CatalogueCsv.ExportServicesAsync(db, output, http.RequestAborted, kept?.Services));
        });
        staff.MapGet("/providers.csv", async (HttpContext http, KissosDb db) =>
        {
            var kept = await KeptAsync(db, http);
            await WriteCsvAsync(http, "poskytovatele.csv", output => CatalogueCsv.ExportProvidersAsync(db, output, http.RequestAborted, kept?.Providers));
        });
        staff.MapPost("/services.csv", (HttpContext http, KissosDb db) => ImportAsync(http, db,
            (input, kept, charset) => CatalogueCsv.ImportServicesAsync(db, input, http.RequestAborted, kept?.Services, charset))).AcceptsCsvImport();
        staff.MapPost("/providers.csv", (HttpContext http, KissosDb db) => ImportAsync(http, db,
            (input, kept, charset) => CatalogueCsv.ImportProvidersAsync(db, input, http.RequestAborted, kept?.Providers, charset))).AcceptsCsvImport();
    }

    /// <summary>What a regional account keeps: the services with a place in its kraj and their providers; null for an administrator.</summary>
    private sealed record Kept(IReadOnlySet<string> Services, IReadOnlySet<string> Providers);

    private static async Task<Kept?> KeptAsync(KissosDb db, HttpContext http)
    {
        var scope = AccessScope.Of(http.User);
        if (scope.IsAdmin) return null;
        var services = (await ScopeQueries.ServiceIdsAsync(db, scope, http.RequestAborted)).ToHashSet();
        var providers = await db.Services.Where(s => services.Contains(s.Id)).Select(s => s.ProviderIco).Distinct().ToListAsync(http.RequestAborted);
        return new Kept(services, providers.ToHashSet());
    }

    private static async Task WriteCsvAsync(HttpContext http, string fileName, Func<Stream, Task> write)
    {
        http.Response.ContentType = CatalogueCsv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await write(http.Response.Body);
    }

    /// <summary>
    /// The CSV in the body (UTF-8 or Windows-1250, detected; or as ?charset= or the Content-Type declares): 200 with
    /// {created, updated}, or 400 with every bad row by its line and nothing stored.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpContext http, KissosDb db,
        Func<Stream, Kept?, System.Text.Encoding?, Task<CatalogueCsv.ImportResult>> import)
    {
        var query = new QueryParameters(http.Request, "charset");
        var charset = Csv.DeclaredCharset(http.Request, query);
        if (!query.IsValid) return query.Problem();
        var kept = await KeptAsync(db, http);
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        body.Position = 0;
        try
        {
            return TypedResults.Ok(await import(body, kept, charset));
        }
        catch (ImportFailedException e)
        {
            return e.Problem();
        }
    }
}
