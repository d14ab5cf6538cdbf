using System.Text.Json.Nodes;
using Kissos.Common;
using Kissos.Data;
using Kissos.Ogc;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Tiles;

/// <summary>
/// Mapbox vector tiles made by PostGIS (ST_AsMVT) for obce and services, and a TileJSON per layer whose tile URL
/// carries the data version: tiles under the current version never change and are cached for good.
/// </summary>
public static class TileEndpoints
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    private const int Extent = 4096;
    private const int Buffer = 64;
    private const double WebMercatorWidth = 40075016.685578488;

    public static void MapTiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tiles").WithTags("Tiles").WithMapRequestLimit().AllowsCrossOrigin();
        group.MapGet("/{layer}.json", GetTileJson);
        group.MapGet("/{layer}/{z:int}/{x:int}/{y:int}.mvt", GetTile);
    }

    /// <summary>The tile with its buffer, densified and projected to EPSG:5514, where the rows are looked for.</summary>
    private static readonly string Box = $"ST_Transform(ST_Segmentize(ST_TileEnvelope(@z, @x, @y, margin => @margin), @segment), {Crs.SJtsk})";

    /// <summary>The SQL of one tile (empty bytes when nothing is in it).</summary>
    public static string TileSql(TileLayer layer) =>
        $"""
        SELECT ST_AsMVT(t.*, '{layer.Id}', {Extent}, 'geom')
        FROM (SELECT {string.Join(", ", layer.Fields.Select(f => $"{f.Sql} AS \"{f.Name}\""))},
                     ST_AsMVTGeom(ST_Transform({layer.Geometry}, 3857), ST_TileEnvelope(@z, @x, @y), {Extent}, {Buffer}, true) AS geom
              FROM {layer.Source}
              WHERE {layer.GeometryColumn} && {Box}) t
        WHERE t.geom IS NOT NULL
        """;

    private static async Task<IResult> GetTile(string layer, int z, int x, int y, HttpContext http, KissosDb db, MapAnswerCache cache)
    {
        if (TileLayers.Find(layer) is not { } l) return LayerNotFound(layer);
        var query = new QueryParameters(http.Request, "v");
        var max = 1 << Math.Clamp(z, 0, 30);
        if (z < 0 || z > 22 || x < 0 || x >= max || y < 0 || y >= max)
            query.AddError("z", "Dlaždice z/x/y neexistuje: z je 0–22, x a y 0 až 2^z − 1.");
        long? requested = query.Get("v") is { } v ? long.TryParse(v, out var n) ? n : Error(query) : null;
        if (!query.IsValid) return query.Problem();

        // Under the current version the tile is final; under any other (or none) it must be revalidated.
        void SetCacheControl(string version) => http.Response.Headers.CacheControl =
            requested?.ToString(System.Globalization.CultureInfo.InvariantCulture) == version ? "public, max-age=31536000, immutable" : "no-cache";
        // Tiles are kept like the map's other answers: a map page asks for the same few tiles again and again.
        return await cache.RespondAsync(db, http, $"tile {l.Id}/{z}/{x}/{y}", () => BuildTileAsync(db, l, z, x, y),
            TypedResults.NoContent(), seeVersion: SetCacheControl);

        static long? Error(QueryParameters q)
        {
            q.AddError("v", "v je verze dat (celé číslo) z TileJSON.");
            return null;
        }
    }

    private static async Task<MapAnswerCache.Built?> BuildTileAsync(KissosDb db, TileLayer layer, int z, int x, int y)
    {
        var tileWidth = WebMercatorWidth / (1 << z);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TileSql(layer), connection);
        command.Parameters.Add(new NpgsqlParameter("z", NpgsqlDbType.Integer) { Value = z });
        command.Parameters.Add(new NpgsqlParameter("x", NpgsqlDbType.Integer) { Value = x });
        command.Parameters.Add(new NpgsqlParameter("y", NpgsqlDbType.Integer) { Value = y });
        command.Parameters.Add(new NpgsqlParameter("margin", NpgsqlDbType.Double) { Value = (double)Buffer / Extent });
        command.Parameters.Add(new NpgsqlParameter("segment", NpgsqlDbType.Double) { Value = tileWidth / 16 });
        // A pixel of a 256-pixel screen tile, in ground metres at Czech latitudes (Web Mercator stretches them ~1.55×).
        command.Parameters.Add(new NpgsqlParameter("tolerance", NpgsqlDbType.Double) { Value = tileWidth / 256 * 0.64 });
        return await command.ExecuteScalarAsync() is byte[] { Length: > 0 } tile ? new MapAnswerCache.Built(tile, ContentType) : null;
    }

    private static async Task<IResult> GetTileJson(string layer, HttpContext http, KissosDb db)
    {
        if (TileLayers.Find(layer) is not { } l) return LayerNotFound(layer);
        var query = new QueryParameters(http.Request);
        if (!query.IsValid) return query.Problem();
        var version = await DataVersion.GetAsync(db, http.RequestAborted);
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var doc = new JsonObject
        {
            ["tilejson"] = "3.0.0",
            ["name"] = l.Id,
            ["description"] = l.Description,
            ["version"] = $"{version}",
            ["attribution"] = "Hranice: © ČÚZK (RÚIAN, CC BY 4.0); obyvatelé: © ČSÚ; registr: MPSV",
            ["scheme"] = "xyz",
            ["tiles"] = new JsonArray($"{root}/tiles/{l.Id}/{{z}}/{{x}}/{{y}}.mvt?v={version}"),
            ["minzoom"] = l.MinZoom,
            ["maxzoom"] = l.MaxZoom,
            ["bounds"] = new JsonArray(12.09, 48.55, 18.86, 51.06),
            ["vector_layers"] = new JsonArray(new JsonObject
            {
                ["id"] = l.Id,
                ["description"] = l.Description,
                ["minzoom"] = l.MinZoom,
                ["maxzoom"] = l.MaxZoom,
                ["fields"] = new JsonObject([.. l.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Description))]),
            }),
        };
        http.Response.Headers.CacheControl = "no-cache";
        return JsonQuery.Respond(http, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(doc, OgcRequest.JsonOptions), "application/json");
    }

    private static IResult LayerNotFound(string layer) => TypedResults.Problem(statusCode: 404, title: "Vrstva nenalezena",
        detail: $"Vrstva dlaždic '{layer}' neexistuje. Vrstvy: {string.Join(", ", TileLayers.All.Select(l => l.Id))}.");
}
