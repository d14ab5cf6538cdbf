using System.Net;
using System.Text;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Registry;

/// <summary>The app after two refreshes (v1, then v2 a month later) of an empty catalogue.</summary>
public sealed class RefreshedApp : IAsyncLifetime
{
    public KissosApp App { get; } = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        App.CreateClient().Dispose(); // starts the app: the demo accounts are made while their providers exist
        await RpssFixtures.ClearCatalogueAsync(App.Database.Name);
        await RpssFixtures.RefreshOkAsync(App.Database, RpssFixtures.V1, RpssFixtures.AddressesV1);
        await RpssFixtures.RefreshOkAsync(App.Database, RpssFixtures.V2, RpssFixtures.AddressesV2);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

[Collection(DatabaseCollection.Name)]
public class RefreshEndpointTests(RefreshedApp fixture) : IClassFixture<RefreshedApp>
{
    private KissosApp App => fixture.App;

    [Fact]
    public async Task Refreshes_are_for_regional_staff_and_administrators_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await App.ClientAsync(null)).GetAsync("/api/registry/refreshes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync(ApiClient.Provider)).GetAsync("/api/registry/refreshes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync(ApiClient.Municipality)).GetAsync("/api/registry/refreshes/1/changes.csv")).StatusCode);
    }

    [Fact]
    public async Task The_list_gives_the_counts_and_the_share_of_address_codes_not_found()
    {
        var admin = await App.ClientAsync(ApiClient.Admin);

        var list = await admin.JsonAsync(await admin.GetAsync("/api/registry/refreshes"), HttpStatusCode.OK);

        var latest = list[0];
        Assert.Equal(2, list.GetArrayLength());
        Assert.True(latest.GetProperty("succeeded").GetBoolean());
        Assert.Equal("rpss-v2.json", latest.GetProperty("rpssFile").GetString());
        Assert.Equal((1, 2, 1, 2), (latest.GetProperty("servicesNew").GetInt32(), latest.GetProperty("servicesEnded").GetInt32(),
            latest.GetProperty("capacityChanges").GetInt32(), latest.GetProperty("movedPlaces").GetInt32()));
        Assert.Equal(0.125, list[1].GetProperty("addressCodesNotFoundShare").GetDouble());
    }

    [Fact]
    public async Task Regional_staff_see_the_changes_of_their_kraj_administrators_all()
    {
        var regional = await App.ClientAsync(ApiClient.Regional); // Zlínský kraj
        var admin = await App.ClientAsync(ApiClient.Admin);
        var id = await LatestIdAsync(admin);

        var theirs = await regional.JsonAsync(await regional.GetAsync($"/api/registry/refreshes/{id}"), HttpStatusCode.OK);
        var all = await admin.JsonAsync(await admin.GetAsync($"/api/registry/refreshes/{id}"), HttpStatusCode.OK);
        var ended = await admin.JsonAsync(await admin.GetAsync($"/api/registry/refreshes/{id}?kind=ended"), HttpStatusCode.OK);

        Assert.Equal(["mpsv-1002", "mpsv-1007", "mpsv-1009", "mpsv-1010"], Services(theirs));
        Assert.Equal(6, all.GetProperty("changes").GetArrayLength());
        Assert.Equal(["mpsv-1007", "mpsv-1008"], Services(ended));
        Assert.Equal("ukončená služba", ended.GetProperty("changes")[0].GetProperty("kindName").GetString());
        await admin.JsonAsync(await admin.GetAsync($"/api/registry/refreshes/{id}?kind=deleted"), HttpStatusCode.BadRequest);
        await admin.JsonAsync(await admin.GetAsync("/api/registry/refreshes/999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_changes_download_as_CSV_for_Excel()
    {
        var admin = await App.ClientAsync(ApiClient.Admin);
        var id = await LatestIdAsync(admin);

        using var response = await admin.GetAsync($"/api/registry/refreshes/{id}/changes.csv?kind=capacity");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("obnova;zmena;sluzba;nazev;ico;kraje;misto;puvodne;nove;popis", lines[0]);
        Assert.Equal($"{id};změna kapacity;mpsv-1002;Pečovatelská služba Olomouc;26541963;CZ071|CZ072;;120;130;terénní: počet klientů", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task An_ended_service_leaves_the_map_and_keeps_its_card()
    {
        var services = await App.GetJsonAsync("/api/map/services");
        var ids = services.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("serviceId").GetString()).ToHashSet();

        Assert.DoesNotContain("mpsv-1007", ids);
        Assert.DoesNotContain("mpsv-1008", ids);
        Assert.Contains("mpsv-1010", ids);
        var card = await App.GetJsonAsync("/api/catalogue/services/mpsv-1007");
        Assert.Equal("2026-06-30", card.GetProperty("validTo").GetString());
    }

    [Fact]
    public async Task Map_points_agree_with_ProjNet_within_a_metre_and_a_secret_address_shows_only_its_obec()
    {
        var json = (await App.GetJsonAsync("/api/map/services")).GetRawText();
        var features = JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().ToList();

        var care = features.Single(f => f.GetProperty("id").GetString() == "mpsv-1002|misto-11111102");
        var coordinates = care.GetProperty("geometry").GetProperty("coordinates");
        var expected = Kissos.Territory.Crs.ToWgs84(Kissos.Territory.Crs.FromRuianYX(548300.50, 1121100.25)).Coordinate;
        Assert.InRange(Metres(coordinates[0].GetDouble(), coordinates[1].GetDouble(), expected.X, expected.Y), 0, 1.0);
        var card = await App.GetJsonAsync("/api/catalogue/services/mpsv-1002");
        var place = card.GetProperty("places").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "misto-11111102");
        Assert.InRange(Metres(place.GetProperty("lon").GetDouble(), place.GetProperty("lat").GetDouble(), expected.X, expected.Y), 0, 1.0);

        var shelter = features.Single(f => f.GetProperty("properties").GetProperty("serviceId").GetString() == "mpsv-1003");
        Assert.Equal(JsonValueKind.Null, shelter.GetProperty("geometry").ValueKind);
        Assert.Equal("Zlín", shelter.GetProperty("properties").GetProperty("address").GetString());
        Assert.DoesNotContain("Tajná", json);
    }

    [Fact]
    public async Task The_refresh_page_is_served()
    {
        using var response = await App.CreateClient().GetAsync("/obnova.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("js/obnova.js", await response.Content.ReadAsStringAsync());
        await using var db = App.Database.Open();
        Assert.Equal(2, await db.Refreshes.CountAsync());
    }

    private static async Task<int> LatestIdAsync(ApiClient admin) =>
        (await admin.JsonAsync(await admin.GetAsync("/api/registry/refreshes?limit=1"), HttpStatusCode.OK))[0].GetProperty("id").GetInt32();

    private static List<string> Services(JsonElement report) =>
        report.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("serviceId").GetString()!).Distinct().Order().ToList();

    /// <summary>Distance of two WGS84 points in metres (equirectangular: exact enough for metres apart).</summary>
    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        var dx = (lon1 - lon2) * Math.Cos(lat1 * Math.PI / 180) * 111_320;
        var dy = (lat1 - lat2) * 110_574;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
