using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kissos.Tests.Map;

/// <summary>RFC 7946 §3.1.6: every polygon served as GeoJSON has counter-clockwise exterior rings and clockwise holes.</summary>
[Collection(DatabaseCollection.Name)]
public class GeoJsonWindingTests(KissosApp app) : IClassFixture<KissosApp>, IAsyncLifetime
{
    private const string WithCatchment = "mpsv-4365";

    /// <summary>Every GeoJSON answer with polygons, in every detail and CRS (value: coordinates are latitude first).</summary>
    private static readonly Dictionary<string, bool> PolygonUrls = new()
    {
        ["/api/territory/kraje"] = false,
        ["/api/territory/kraje?detail=full"] = false,
        ["/api/territory/orp"] = false,
        ["/api/territory/orp?kraj=CZ071&detail=full"] = false,
        ["/api/territory/obce?kraj=CZ071"] = false,
        ["/api/territory/obce?orp=7107&detail=full"] = false,
        ["/api/map/stats/orp"] = false,
        ["/api/map/stats/obce?kraj=CZ072"] = false,
        ["/api/map/demand/orp"] = false,
        ["/api/map/demand/obce?kraj=CZ071"] = false,
        [$"/api/map/services/{WithCatchment}/catchment"] = false,
        ["/ogc/collections/kraje/items?limit=20"] = false,
        ["/ogc/collections/orp/items?krajNuts3=CZ020&limit=30"] = false,
        ["/ogc/collections/obce/items?orpCsuCode=7107&limit=100"] = false,
        ["/ogc/collections/catchment-areas/items"] = false,
        ["/ogc/collections/kraje/items/CZ020"] = false,
        ["/ogc/collections/kraje/items?limit=20&crs=http://www.opengis.net/def/crs/EPSG/0/4326"] = true,
        ["/ogc/collections/catchment-areas/items?crs=http://www.opengis.net/def/crs/EPSG/0/4326"] = true,
        // S-JTSK (Křovák East North) is east-north too: the same rule holds there.
        ["/ogc/collections/kraje/items?limit=20&crs=http://www.opengis.net/def/crs/EPSG/0/5514"] = false,
    };

    /// <summary>Public GET routes that serve GeoJSON without polygons (points and lines), (vacancies live under /api/vacancies, points too).</summary>
    private static readonly string[] WithoutPolygons =
    [
        "/api/map/services", "/api/map/flows",
    ];

    public async Task InitializeAsync()
    {
        await using var db = app.Database.Open();
        // Two neighbouring ORP: the union is one polygon (from GEOS, whose shells come out clockwise).
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE catalogue.service SET catchment_orp = ARRAY['7107', '7109'] WHERE id = {0}", WithCatchment);
        await db.Database.ExecuteSqlRawAsync(CatalogueSql.DeriveCatchmentGeometry, [new[] { WithCatchment }]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_exterior_ring_is_counter_clockwise_and_every_hole_clockwise()
    {
        var wrong = new List<string>();
        var (rings, holes) = (0, 0);
        foreach (var (url, latitudeFirst) in PolygonUrls)
        {
            var json = await app.GetJsonAsync(url);
            var features = json.TryGetProperty("features", out var list) ? list.EnumerateArray().ToList() : [json];
            foreach (var feature in features)
            {
                foreach (var (ring, isHole) in Rings(feature.GetProperty("geometry")))
                {
                    var area = SignedArea(ring, latitudeFirst);
                    (rings, holes) = isHole ? (rings, holes + 1) : (rings + 1, holes);
                    if (isHole ? area >= 0 : area <= 0)
                        wrong.Add($"{url} feature {feature.GetProperty("id")}: {(isHole ? "hole" : "exterior ring")} has signed area {area}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
        Assert.True(rings > 1000, $"only {rings} rings checked");
        Assert.True(holes > 0, "no hole checked (Středočeský kraj has Praha as a hole)");
    }

    [Fact]
    public void Every_public_map_and_territory_route_is_checked()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/territory") || r.StartsWith("/api/map"))
            .Distinct();
        var checkedPaths = PolygonUrls.Keys.Select(u => u.Split('?')[0]).Concat(WithoutPolygons).ToHashSet();

        var missing = routes.Where(r => !checkedPaths.Contains(r.Replace("{id}", WithCatchment))).ToList();

        Assert.True(missing.Count == 0, $"GeoJSON routes not checked for winding: {string.Join(", ", missing)}");
    }

    private static IEnumerable<(JsonElement Ring, bool IsHole)> Rings(JsonElement geometry)
    {
        var polygons = geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [geometry.GetProperty("coordinates")],
            "MultiPolygon" => geometry.GetProperty("coordinates").EnumerateArray().ToList(),
            var other => throw new InvalidOperationException($"unexpected geometry {other}"),
        };
        return polygons.SelectMany(p => p.EnumerateArray().Select((ring, i) => (ring, i > 0)));
    }

    /// <summary>Shoelace area in the east-north plane: positive when counter-clockwise.</summary>
    private static double SignedArea(JsonElement ring, bool latitudeFirst)
    {
        var points = ring.EnumerateArray()
            .Select(c => latitudeFirst ? (X: c[1].GetDouble(), Y: c[0].GetDouble()) : (X: c[0].GetDouble(), Y: c[1].GetDouble()))
            .ToList();
        var sum = 0.0;
        for (var i = 0; i < points.Count - 1; i++) sum += points[i].X * points[i + 1].Y - points[i + 1].X * points[i].Y;
        return sum / 2;
    }
}
