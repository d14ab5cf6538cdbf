using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Kissos.Common;

/// <summary>
/// The bound on map-data requests in progress (settings: <see cref="MapRequestOptions"/>): a concurrency limiter in
/// front of the OGC API, the territory layers and the map's layers, so that a burst waits in a queue rather than
/// running all at once on two cores and one PostgreSQL. Requests beyond the queue get 503 with Retry-After.
/// </summary>
public static class MapRequestLimit
{
    public const string Policy = "map-requests";

    public static IServiceCollection AddMapRequestLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection($"{KissosOptions.Section}:{nameof(KissosOptions.MapRequests)}").Get<MapRequestOptions>() ?? new();
        return services.AddRateLimiter(r =>
        {
            r.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server je přetížen",
                    detail: "Na mapová data teď čeká příliš mnoho požadavků; zkuste to prosím za chvíli znovu.").ExecuteAsync(context.HttpContext);
            };
            if (options.Concurrency > 0)
                r.AddConcurrencyLimiter(Policy, l =>
                {
                    l.PermitLimit = options.Concurrency;
                    l.QueueLimit = options.Queue;
                    l.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
                });
            else
                r.AddPolicy(Policy, _ => RateLimitPartition.GetNoLimiter(Policy));
        });
    }

    /// <summary>Puts the endpoints under the bound.</summary>
    public static TBuilder WithMapRequestLimit<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireRateLimiting(Policy);
}
