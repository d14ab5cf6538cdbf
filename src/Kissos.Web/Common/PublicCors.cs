namespace Kissos.Common;

/// <summary>
/// Cross-origin reads (CORS) of the public, read-only data, so that other sites' maps and directories can use it:
/// any origin, GET and HEAD, no credentials (a browser then sends no cookie, so no answer can depend on a session).
/// Only endpoints marked with <see cref="AllowsCrossOrigin{TBuilder}"/> answer; authenticated endpoints never do.
/// </summary>
public static class PublicCors
{
    public const string Policy = "public-read";

    public static IServiceCollection AddPublicCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(Policy, p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since")
            .WithExposedHeaders("ETag", "Content-Disposition", "Content-Crs")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    /// <summary>Marks a public read-only group of endpoints as readable from other origins.</summary>
    public static TBuilder AllowsCrossOrigin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCors(Policy);
}
