using System.Xml;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Microsoft.EntityFrameworkCore;

namespace Kissos.PublicCatalogue;

/// <summary>
/// The public catalogue as server-rendered HTML (works without JavaScript): /katalog (search), /poskytovatel/{ico},
/// /sluzba/{id}, and /sitemap.xml listing every provider and service page. Anonymous, read-only.
/// </summary>
public static class PublicCatalogueEndpoints
{
    public static void MapPublicCatalogue(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Public catalogue").ExcludeFromDescription();
        group.MapGet("/katalog", Search);
        group.MapGet("/poskytovatel/{ico}", Provider);
        group.MapGet("/sluzba/{id}", Service);
        group.MapGet("/sitemap.xml", Sitemap);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Search with facets; 400 with the page and its Czech messages for unknown codes or parameters.</summary>
    private static async Task<IResult> Search(HttpContext http, KissosDb db, KnownCodesCache codes, SearchAnswerCache answers)
    {
        var query = new QueryParameters(http.Request, CatalogueSearch.Names);
        var filter = ServiceFilter.Parse(query, await codes.GetAsync(db, http.RequestAborted));
        var page = query.Int("strana", 1, 100_000) ?? 1;
        var result = query.IsValid ? await answers.SearchAsync(db, filter, page, http.RequestAborted) : null;
        return SearchPage.Render(http.Request, filter, page, result, query.Errors);
    }

    /// <summary>A provider with all its services; 404 page for a malformed or unknown IČO.</summary>
    private static async Task<IResult> Provider(string ico, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var provider = Ico.Error(ico) is null
            ? await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Ico == ico, http.RequestAborted)
            : null;
        if (provider is null)
            return CataloguePage.NotFound(http.Request, "Poskytovatel nenalezen",
                Ico.Error(ico) is { } error ? $"{error}." : $"Poskytovatel s IČO {ico} v katalogu sociálních služeb není.");
        var services = await ServiceDetails.LoadAsync(db, s => s.ProviderIco == ico, Today(clock), http.RequestAborted);
        return DetailPages.Provider(http.Request, provider, services);
    }

    /// <summary>A service's card; 404 page for an unknown id.</summary>
    private static async Task<IResult> Service(string id, HttpContext http, KissosDb db, TimeProvider clock)
    {
        var services = await ServiceDetails.LoadAsync(db, s => s.Id == id, Today(clock), http.RequestAborted);
        return services is [var service]
            ? DetailPages.Service(http.Request, service)
            : CataloguePage.NotFound(http.Request, "Služba nenalezena", $"Služba „{id}“ v katalogu sociálních služeb není.");
    }

    /// <summary>The sitemap protocol's urlset: the search page and every provider and service page, absolute URLs.</summary>
    private static async Task Sitemap(HttpContext http, KissosDb db)
    {
        var icos = await db.Providers.OrderBy(p => p.Ico).Select(p => p.Ico).ToListAsync(http.RequestAborted);
        var ids = await db.Services.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(http.RequestAborted);
        http.Response.ContentType = "application/xml; charset=utf-8";
        await using var xml = XmlWriter.Create(http.Response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        var paths = new[] { "/katalog" }.Concat(icos.Select(CatalogueFragments.ProviderUrl)).Concat(ids.Select(CatalogueFragments.ServiceUrl));
        foreach (var path in paths)
        {
            await xml.WriteStartElementAsync(null, "url", null);
            await xml.WriteElementStringAsync(null, "loc", null, CataloguePage.AbsoluteUrl(http.Request, path));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }
}
