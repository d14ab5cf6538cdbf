using Kissos.Accounts;
using Kissos.ApiDocs;
using Kissos.Audit;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Home;
using Kissos.Hsds;
using Kissos.Forms;
using Kissos.Map;
using Kissos.Notices;
using Kissos.Ogc;
using Kissos.Providers;
using Kissos.PublicCatalogue;
using Kissos.Registers;
using Kissos.Registry;
using Kissos.Territory;
using Kissos.Tiles;
using Kissos.Vacancies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO.Converters;
using StackExchange.Redis;

var webRoot = Environment.GetEnvironmentVariable("KISSOS_WEBROOT") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The site is the repository's top-level wwwroot/, copied beside the binaries at build;
    // KISSOS_WEBROOT points at the source folder instead while editing the page.
    WebRootPath = Directory.Exists(webRoot) ? webRoot : null,
});

// An outage fails every request alike: one stack trace per kind of failure and minute, then a count.
builder.Logging.WriteRepeatedFailuresOnce();
builder.Services.Configure<KissosOptions>(builder.Configuration.GetSection(KissosOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<AuditInterceptor>();
// The options are made once (singleton), not per request: building them (connection string, provider, extensions)
// was most of what a request that reads one value from the database allocated.
builder.Services.AddDbContext<KissosDb>((services, o) =>
{
    DesignTimeDbFactory.Configure(o, builder.Configuration.GetConnectionString("Kissos"));
    o.AddInterceptors(services.GetRequiredService<AuditInterceptor>());
}, optionsLifetime: ServiceLifetime.Singleton);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<KnownCodesCache>();
builder.Services.AddSingleton<AnswerState>();
builder.Services.AddSingleton<MapAnswerCache>();
builder.Services.AddSingleton<SearchAnswerCache>();
builder.Services.AddMapRequestLimit(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory()));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new ControlCharacters.JsonGuard()));
// An unreadable body is answered by BadRequestHandler (Czech problem details) in every environment, not only Development.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.Body);
builder.Services.AddKissosApiDescription();
builder.Services.AddPublicCors();
builder.Services.AddHealthChecks().AddDbContextCheck<KissosDb>();
// Boundaries are large JSON; gzip at the fastest level shrinks them ~5× for little CPU.
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.MimeTypes = [JsonQuery.GeoJson, "application/json", "text/csv", "text/html", "text/css", "text/javascript",
        "application/vnd.oai.openapi+json", TileEndpoints.ContentType];
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o =>
    o.Level = System.IO.Compression.CompressionLevel.Fastest);

builder.Services.AddIdentity<User, IdentityRole>(o =>
    {
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
        o.Password.RequiredLength = 10;
        o.User.RequireUniqueEmail = true;
    })
    .AddEntityFrameworkStores<KissosDb>()
    .AddClaimsPrincipalFactory<KissosClaimsFactory>();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "kissos";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.SlidingExpiration = true;
    o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
    // The API answers 401/403 instead of redirecting to a login page.
    o.Events.OnRedirectToLogin = c => Results.Problem(statusCode: 401, title: "Nejste přihlášeni",
        detail: "Tato akce vyžaduje přihlášení.").ExecuteAsync(c.HttpContext);
    o.Events.OnRedirectToAccessDenied = c => Results.Problem(statusCode: 403, title: "Nedostatečná oprávnění",
        detail: "Váš účet k této akci nemá oprávnění.").ExecuteAsync(c.HttpContext);
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.KeepsServices, p => p.RequireRole(Roles.Provider, Roles.Regional, Roles.Admin))
    .AddPolicy(Policies.RegionalStaff, p => p.RequireRole(Roles.Regional, Roles.Admin))
    .AddPolicy(Policies.Administers, p => p.RequireRole(Roles.Admin));
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = AntiforgeryFilter.HeaderName;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS (behind a proxy: X-Forwarded-Proto)
});
builder.Services.AddScoped<AccountService>();
builder.Services.AddSingleton<SignInGuard>();
builder.AddKissosNotices();
builder.Services.AddScoped<IReminderSource, FormDeadlineReminders>();
builder.Services.AddScoped<Kissos.Home.IOpenFormsSource, MyOpenForms>();

var signalR = builder.Services.AddSignalR();
// Several app instances behind a load balancer share vacancy updates through Redis.
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
    signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("kissos"));

var app = builder.Build();

if (args is [var command, .. var rest] && CliCommands.IsCommand(command))
    return await CliCommands.RunAsync(app, command, rest);

await Startup.PrepareDatabaseAsync(app);

app.UseSecurityHeaders(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KissosOptions>>().Value.TileUrl,
    ApiDescription.ReferencePath);
app.UseControlCharacterGuard();
app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapHealthChecks("/healthz");
app.MapTerritory();
app.MapCatalogue();
app.MapPublicCatalogue();
app.MapMap();
app.MapAccounts();
app.MapServiceEditing();
app.MapVacancies();
app.MapAudit();
app.MapRegisters();
app.MapOgc();
app.MapTiles();
app.MapRegistryRefreshes();
app.MapNotices();
app.MapHome();
app.MapForms();
app.MapHsds();
app.MapKissosApiDescription();
app.MapGet("/api/config", (Microsoft.Extensions.Options.IOptions<KissosOptions> o) =>
    TypedResults.Ok(new { tileUrl = o.Value.TileUrl, tileAttribution = o.Value.TileAttribution }));

app.Run();
return 0;
