using System.Net;
using System.Text;
using System.Text.Json;
using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Tests.Infrastructure;

namespace Kissos.Tests.Tiles;

[Collection(DatabaseCollection.Name)]
public class TileTests(KissosApp app) : IClassFixture<KissosApp>
{
    // Zoom 10 tile over Olomouc (17.25 E, 49.59 N) and a zoom 8 tile in the middle of the Atlantic.
    private const string OlomoucTile = "10/561/349";
    private const string SeaTile = "8/100/100";

    private async Task<string> TileUrl(string layer)
    {
        var tileJson = await app.GetJsonAsync($"/tiles/{layer}.json");
        return new Uri(tileJson.GetProperty("tiles")[0].GetString()!).PathAndQuery.Replace("%7B", "{").Replace("%7D", "}");
    }

    [Theory]
    [InlineData("obce", "Olomouc")]
    [InlineData("services", "mpsv-")]
    public async Task A_tile_over_olomouc_holds_its_features(string layer, string text)
    {
        using var response = await app.CreateClient().GetAsync($"/tiles/{layer}/{OlomoucTile}.mvt");
        var tile = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.True(tile.Length > 500, $"{tile.Length} bytes");
        // An MVT keeps the layer name and string values as UTF-8 in its protobuf.
        var bytes = Encoding.UTF8.GetString(tile);
        Assert.Contains(layer, bytes);
        Assert.Contains(text, bytes);
    }

    [Theory]
    [InlineData("obce")]
    [InlineData("services")]
    public async Task A_tile_in_the_sea_is_204(string layer)
    {
        using var response = await app.CreateClient().GetAsync($"/tiles/{layer}/{SeaTile}.mvt");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Small_scale_tiles_are_simplified()
    {
        using var client = app.CreateClient();
        // The whole of Moravia at zoom 7 must stay a light download, far below the full obce geometry.
        var moravia = await client.GetByteArrayAsync("/tiles/obce/7/70/43.mvt");
        var olomoucZoom12 = await client.GetByteArrayAsync("/tiles/obce/12/2245/1397.mvt");

        Assert.InRange(moravia.Length, 10_000, 150_000);
        Assert.InRange(olomoucZoom12.Length, 500, 150_000);
    }

    [Fact]
    public async Task Tiles_under_the_current_version_are_immutable_and_have_a_strong_etag()
    {
        using var client = app.CreateClient();
        var url = (await TileUrl("obce")).Replace("{z}/{x}/{y}", OlomoucTile);
        Assert.Matches(@"\.mvt\?v=\d+$", url);

        using var current = await client.GetAsync(url);
        using var unversioned = await client.GetAsync($"/tiles/obce/{OlomoucTile}.mvt");
        Assert.Contains("immutable", current.Headers.CacheControl?.ToString());
        Assert.True(unversioned.Headers.CacheControl?.NoCache);

        var etag = current.Headers.ETag;
        Assert.False(etag!.IsWeak);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Every_import_bumps_the_data_version_in_the_tile_url()
    {
        await using var db = app.Database.Open();
        var before = await DataVersion.GetAsync(db);
        var urlBefore = await TileUrl("services");

        using var providers = new MemoryStream();
        await CatalogueCsv.ExportProvidersAsync(db, providers);
        await CatalogueCsv.ImportProvidersAsync(db, new MemoryStream(providers.ToArray()));
        var afterCsv = await DataVersion.GetAsync(db);
        db.ChangeTracker.Clear();
        await DataImport.RunAsync(db, TestEnvironment.Options());
        var afterImport = await DataVersion.GetAsync(db);

        Assert.Equal(before + 1, afterCsv);
        Assert.Equal(before + 2, afterImport);
        Assert.Equal(urlBefore.Replace($"v={before}", $"v={afterImport}"), await TileUrl("services"));
    }

    [Fact]
    public async Task A_failed_import_keeps_the_data_version()
    {
        await using var db = app.Database.Open();
        var before = await DataVersion.GetAsync(db);

        await Assert.ThrowsAsync<ImportFailedException>(() =>
            CatalogueCsv.ImportProvidersAsync(db, new MemoryStream(Encoding.UTF8.GetBytes("ico;nazev;pravni_forma;web;email;telefon\r\n123;Bez IČO;;;;\r\n"))));

        Assert.Equal(before, await DataVersion.GetAsync(db));
    }

    [Theory]
    [InlineData("/tiles/obce/10/1024/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/obce/23/0/0.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/obce/10/561/349.mvt?v=x", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/obce/10/561/349.mvt?style=1", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/orp/10/561/349.mvt", HttpStatusCode.NotFound)]
    [InlineData("/tiles/orp.json", HttpStatusCode.NotFound)]
    public async Task Bad_tile_requests_are_refused(string url, HttpStatusCode status)
    {
        using var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task TileJson_describes_the_layer()
    {
        var tileJson = await app.GetJsonAsync("/tiles/obce.json");

        Assert.Equal("3.0.0", tileJson.GetProperty("tilejson").GetString());
        var layer = tileJson.GetProperty("vector_layers")[0];
        Assert.Equal("obce", layer.GetProperty("id").GetString());
        Assert.True(layer.GetProperty("fields").TryGetProperty("population", out _));
        Assert.Equal(JsonValueKind.Number, tileJson.GetProperty("minzoom").ValueKind);
    }
}
