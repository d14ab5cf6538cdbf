using Kissos.Common;
using Kissos.Data;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Catalogue;

/// <summary>The catalogue: the taxonomy, a service's card, and CSV exports of providers and services.</summary>
public static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/catalogue").WithTags("Catalogue").AllowsCrossOrigin();
        group.MapGet("/taxonomy", GetTaxonomy);
        group.MapGet("/services/{id}", GetService);
        group.MapGet("/providers.csv", async (KissosDb db, HttpContext http) =>
        {
            http.Response.ContentType = CatalogueCsv.ContentType;
            http.Response.Headers.ContentDisposition = "attachment; filename=\"poskytovatele.csv\"";
            await CatalogueCsv.ExportProvidersAsync(db, http.Response.Body, http.RequestAborted);
        });
        group.MapGet("/services.csv", async (KissosDb db, HttpContext http) =>
        {
            http.Response.ContentType = CatalogueCsv.ContentType;
            http.Response.Headers.ContentDisposition = "attachment; filename=\"sluzby.csv\"";
            await CatalogueCsv.ExportServicesAsync(db, http.Response.Body, http.RequestAborted);
        });
        routes.MapCatalogueStaff();
    }

    public sealed record CodeName(string Code, string Name);

    private static async Task<IResult> GetTaxonomy(KissosDb db, CancellationToken ct) => TypedResults.Ok(new
    {
        Druhy = await db.Druhy.OrderBy(d => d.Group).ThenBy(d => d.Name).ToListAsync(ct),
        Formy = await db.Formy.OrderBy(f => f.Code).Select(f => new CodeName(f.Code, f.Name)).ToListAsync(ct),
        TargetGroups = await db.TargetGroups.OrderBy(t => t.Name).Select(t => new CodeName(t.Code, t.Name)).ToListAsync(ct),
        AgeCategories = await db.AgeCategories.OrderBy(a => a.SortOrder).Select(a => new CodeName(a.Code, a.Name)).ToListAsync(ct),
        CapacityTypes = await db.CapacityTypes.OrderBy(c => c.Code).ToListAsync(ct),
        AdverseSituations = await db.AdverseSituations.OrderBy(a => a.Name).Select(a => new CodeName(a.Code, a.Name)).ToListAsync(ct),
    });

    private static async Task<IResult> GetService(string id, KissosDb db, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Include(s => s.Places).ThenInclude(sp => sp.Place)
            .FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
            return TypedResults.Problem(statusCode: 404, title: "Služba nenalezena", detail: $"Služba '{id}' v katalogu není.");

        var provider = await db.Providers.AsNoTracking().FirstAsync(p => p.Ico == service.ProviderIco, ct);
        var druh = await db.Druhy.AsNoTracking().FirstAsync(d => d.Code == service.DruhCode, ct);
        var formy = await db.Formy.AsNoTracking().ToDictionaryAsync(f => f.Code, f => f.Name, ct);
        var types = await db.CapacityTypes.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var groups = await db.TargetGroups.AsNoTracking().Where(t => service.TargetGroups.Contains(t.Code)).ToListAsync(ct);
        var ages = await db.AgeCategories.AsNoTracking().Where(a => service.AgeCategories.Contains(a.Code)).OrderBy(a => a.SortOrder).ToListAsync(ct);
        var obecCodes = service.Places.Select(p => p.Place!.ObecCode).ToList();
        var obce = await db.Obce.AsNoTracking().Where(o => obecCodes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);

        return TypedResults.Ok(new
        {
            service.Id,
            service.Identifier,
            service.Name,
            Druh = new { druh.Code, druh.Name, druh.Paragraph },
            Provider = new { provider.Ico, provider.Name, provider.LegalForm, provider.Web, provider.Email, provider.Phone },
            Forms = service.Forms.Select(f => new CodeName(f, formy[f])),
            Capacities = service.Capacities.Select(c => new
            {
                c.Form, FormName = formy[c.Form], Type = c.CapacityType, TypeName = types[c.CapacityType].Name,
                types[c.CapacityType].Unit, c.Amount,
            }),
            TargetGroups = groups.Select(g => new CodeName(g.Code, g.Name)),
            AgeCategories = ages.Select(a => new CodeName(a.Code, a.Name)),
            service.InRegionalNetwork,
            service.ValidFrom,
            service.ValidTo,
            service.Description,
            service.Webs,
            service.Emails,
            service.Phones,
            Places = service.Places.OrderBy(sp => sp.FacilityName).Select(sp =>
            {
                var place = sp.Place!;
                var wgs84 = place.Location is null ? null : Crs.ToWgs84(place.Location).Coordinate;
                return new
                {
                    place.Id,
                    sp.FacilityName,
                    Address = PlaceAddress.Format(place, obce[place.ObecCode]),
                    Obec = obce[place.ObecCode],
                    place.ObecCode,
                    Lat = wgs84?.Y,
                    Lon = wgs84?.X,
                };
            }),
            Catchment = new { Obce = service.CatchmentObce, Orp = service.CatchmentOrp, HasGeometry = service.CatchmentGeom is not null },
        });
    }
}

public static class PlaceAddress
{
    /// <summary>Czech postal form: "Ulice 12/3, 75701 Obec" (číslo domovní / orientační).</summary>
    public static string Format(Place place, string obec)
    {
        var number = string.Join('/', new[] { place.HouseNumber?.ToString(), place.OrientationNumber }.Where(x => x is not null));
        var street = string.Join(' ', new[] { place.Street ?? place.Quarter, number }.Where(x => !string.IsNullOrEmpty(x)));
        var town = string.Join(' ', new[] { place.PostCode, obec }.Where(x => !string.IsNullOrEmpty(x)));
        return string.Join(", ", new[] { street, town }.Where(x => x.Length > 0));
    }
}
