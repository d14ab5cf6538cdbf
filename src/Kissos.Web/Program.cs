using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Data;
using Kissos.Map;
using Kissos.Ogc;
using Kissos.Territory;
using Kissos.Tiles;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO.Converters;

var webRoot = Environment.GetEnvironmentVariable("KISSOS_WEBROOT") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The site is the repository's top-level wwwroot/, copied beside the binaries at build;
    // KISSOS_WEBROOT points at the source folder instead while editing the page.
    WebRootPath = Directory.Exists(webRoot) ? webRoot : null,
});

builder.Services.Configure<KissosOptions>(builder.Configuration.GetSection(KissosOptions.Section));
builder.Services.AddDbContext<KissosDb>(o =>
    DesignTimeDbFactory.Configure(o, builder.Configuration.GetConnectionString("Kissos")));
builder.Services.AddProblemDetails();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<KnownCodesCache>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory()));
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

var app = builder.Build();

if (args is [var command, .. var rest] && CliCommands.IsCommand(command))
    return await CliCommands.RunAsync(app, command, rest);

await Startup.PrepareDatabaseAsync(app);

app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthChecks("/healthz");
app.MapTerritory();
app.MapCatalogue();
app.MapMap();
app.MapOgc();
app.MapTiles();
app.MapGet("/api/config", (Microsoft.Extensions.Options.IOptions<KissosOptions> o) =>
    TypedResults.Ok(new { tileUrl = o.Value.TileUrl, tileAttribution = o.Value.TileAttribution }));

app.Run();
return 0;
