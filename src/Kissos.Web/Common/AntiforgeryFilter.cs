using Microsoft.AspNetCore.Antiforgery;

namespace Kissos.Common;

/// <summary>
/// Every state-changing request carries the antiforgery token in the X-XSRF-TOKEN header (the page gets it from
/// GET /api/account/antiforgery), so another site cannot post with the user's cookie.
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-XSRF-TOKEN";
    /// <summary>The problem type a client recognizes to fetch a fresh token and retry once.</summary>
    public const string ProblemType = "urn:kissos:problem:antiforgery";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Problem(statusCode: 400, type: ProblemType, title: "Chybí ochranný token formuláře",
                detail: "Obnovte stránku a akci opakujte (chybí nebo vypršel token proti podvrženým požadavkům).");
        return await next(context);
    }
}
