using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Map;

[Collection(DatabaseCollection.Name)]
public class MapEndpointTests(KissosApp app) : IClassFixture<KissosApp>
{
    private static IEnumerable<JsonElement> Features(JsonElement collection) => collection.GetProperty("features").EnumerateArray();

    private static string Prop(JsonElement feature, string name) => feature.GetProperty("properties").GetProperty(name).ToString();

    [Fact]
    public async Task Orp_of_a_kraj_carry_both_code_systems_and_lon_lat_geometry()
    {
        var orp = Features(await app.GetJsonAsync("/api/territory/orp?kraj=CZ071")).ToList();

        Assert.Equal(13, orp.Count);
        var olomouc = orp.Single(f => Prop(f, "csuCode") == "7107");
        Assert.Equal("1899", Prop(olomouc, "ruianCode"));
        Assert.Equal("MultiPolygon", olomouc.GetProperty("geometry").GetProperty("type").GetString());
        var first = olomouc.GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        Assert.InRange(first[0].GetDouble(), 16.5, 18.0); // longitude first (RFC 7946)
        Assert.InRange(first[1].GetDouble(), 49.0, 50.5);
    }

    [Fact]
    public async Task Kraje_and_obce_layers_list_the_real_units()
    {
        Assert.Equal(14, Features(await app.GetJsonAsync("/api/territory/kraje")).Count());
        Assert.Equal(402, Features(await app.GetJsonAsync("/api/territory/obce?kraj=CZ071")).Count());
        Assert.Equal(46, Features(await app.GetJsonAsync("/api/territory/obce?orp=7107&detail=full")).Count());
    }

    [Theory]
    [InlineData("/api/territory/obce")]
    [InlineData("/api/territory/obce?kraj=CZ071&orp=7107")]
    [InlineData("/api/territory/orp?kraj=CZ999")]
    [InlineData("/api/territory/kraje?detail=best")]
    [InlineData("/api/map/services?druh=999")]
    [InlineData("/api/map/services?kraj=CZ071&sort=name")]
    [InlineData("/api/map/services?bbox=17,49,16")]
    [InlineData("/api/map/services?bbox=18,49,17,50")]
    [InlineData("/api/map/services?druh=13&druh=14")]
    [InlineData("/api/map/stats/obce?druh=13")]
    public async Task Unknown_or_malformed_parameters_get_400_problem_details(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Services_filtered_by_druh_are_exactly_the_places_of_that_druh()
    {
        await using var db = app.Database.Open();
        var expected = await db.ServicePlaces.CountAsync(sp => db.Services.Any(s => s.Id == sp.ServiceId && s.DruhCode == "13"));

        var features = Features(await app.GetJsonAsync("/api/map/services?druh=13")).ToList();

        Assert.Equal(expected, features.Count);
        Assert.All(features, f => Assert.Equal("13", Prop(f, "druh")));
        Assert.True(features.Count < Features(await app.GetJsonAsync("/api/map/services")).Count());
    }

    [Fact]
    public async Task Territory_text_and_bbox_filters_narrow_the_result()
    {
        var kraj = Features(await app.GetJsonAsync("/api/map/services?kraj=CZ072")).Select(f => f.GetProperty("id").GetString()).ToList();
        var orp = Features(await app.GetJsonAsync("/api/map/services?orp=7210")).Select(f => f.GetProperty("id").GetString()).ToList();
        var text = Features(await app.GetJsonAsync("/api/map/services?q=diakonie%20vala")).ToList();
        var ico = Features(await app.GetJsonAsync("/api/map/services?q=73632783")).ToList();
        // A box around Olomouc city.
        var box = Features(await app.GetJsonAsync("/api/map/services?bbox=17.2,49.55,17.33,49.64")).ToList();

        Assert.NotEmpty(orp);
        Assert.All(orp, id => Assert.Contains(id, kraj));
        Assert.True(orp.Count < kraj.Count);
        Assert.NotEmpty(text);
        Assert.All(text, f => Assert.Contains("Diakonie Valašské Meziříčí", Prop(f, "providerName")));
        Assert.Equal(text.Count, ico.Count); // the same provider found by its IČO
        Assert.NotEmpty(box);
        Assert.All(box, f =>
        {
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            Assert.InRange(c[0].GetDouble(), 17.2, 17.33);
            Assert.InRange(c[1].GetDouble(), 49.55, 49.64);
        });
    }

    [Fact]
    public async Task Capacity_keeps_its_unit_home_care_is_never_counted_in_beds()
    {
        var homeCare = Features(await app.GetJsonAsync("/api/map/services?druh=4")).ToList();
        var homes = Features(await app.GetJsonAsync("/api/map/services?druh=13")).ToList();

        Assert.NotEmpty(homeCare);
        Assert.All(homeCare, f => Assert.All(f.GetProperty("properties").GetProperty("capacities").EnumerateArray(),
            c => Assert.Equal("klient", c.GetProperty("type").GetString())));
        Assert.Contains(homes, f => f.GetProperty("properties").GetProperty("capacities").EnumerateArray()
            .Any(c => c.GetProperty("type").GetString() == "luzka" && c.GetProperty("unit").GetString() == "lůžko"));
    }

    [Fact]
    public async Task Supply_per_orp_adds_up_to_the_capacity_in_the_kraj()
    {
        await using var db = app.Database.Open();
        var beds = await db.Database.SqlQueryRaw<long>(
            """
            SELECT sum(c.amount)::bigint AS "Value" FROM catalogue.service_capacity c
            JOIN catalogue.service s ON s.id = c.service_id
            WHERE s.druh_code = '13' AND c.capacity_type = 'luzka'
              AND NOT EXISTS (SELECT 1 FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id
                              JOIN territory.obec o ON o.code = p.obec_code JOIN territory.orp r ON r.csu_code = o.orp_csu_code
                              WHERE sp.service_id = s.id AND r.kraj_nuts3 <> 'CZ071')
              AND EXISTS (SELECT 1 FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id
                          JOIN territory.obec o ON o.code = p.obec_code JOIN territory.orp r ON r.csu_code = o.orp_csu_code
                          WHERE sp.service_id = s.id AND r.kraj_nuts3 = 'CZ071')
            """).SingleAsync();

        var orp = Features(await app.GetJsonAsync("/api/map/stats/orp?kraj=CZ071&druh=13")).ToList();

        Assert.Equal(13, orp.Count);
        var total = orp.Sum(f => f.GetProperty("properties").GetProperty("capacity").TryGetProperty("luzka", out var v) ? v.GetDouble() : 0);
        Assert.Equal(beds, total, 0.5);
        var olomouc = orp.Single(f => Prop(f, "csuCode") == "7107").GetProperty("properties");
        var perThousand = olomouc.GetProperty("perThousand").GetProperty("luzka").GetDouble();
        var expected = olomouc.GetProperty("capacity").GetProperty("luzka").GetDouble() * 1000 / olomouc.GetProperty("population").GetDouble();
        Assert.Equal(expected, perThousand, 0.01);
    }

    [Fact]
    public async Task Supply_per_obec_covers_every_obec_of_the_orp()
    {
        var obce = Features(await app.GetJsonAsync("/api/map/stats/obce?orp=7107")).ToList();

        Assert.Equal(46, obce.Count);
        Assert.Contains(obce, f => f.GetProperty("properties").GetProperty("services").GetInt32() > 0);
    }

    [Fact]
    public async Task A_repeated_request_with_the_etag_gets_304()
    {
        var client = app.CreateClient();
        using var first = await client.GetAsync("/api/territory/orp?kraj=CZ072");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/territory/orp?kraj=CZ072");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("application/geo+json", first.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_service_card_shows_provider_capacity_with_unit_and_places()
    {
        var card = await app.GetJsonAsync("/api/catalogue/services/mpsv-128");

        Assert.Equal("68684053", card.GetProperty("provider").GetProperty("ico").GetString());
        Assert.Equal("§ 49", card.GetProperty("druh").GetProperty("paragraph").GetString());
        var capacity = Assert.Single(card.GetProperty("capacities").EnumerateArray());
        Assert.Equal(22, capacity.GetProperty("amount").GetInt32());
        Assert.Equal("lůžko", capacity.GetProperty("unit").GetString());
        var place = Assert.Single(card.GetProperty("places").EnumerateArray());
        Assert.Equal("Zámecká 952, 76805 Koryčany", place.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, place.GetProperty("lat").ValueKind); // the source has no coordinates
    }

    [Fact]
    public async Task Unknown_service_and_missing_catchment_are_404_problems()
    {
        var client = app.CreateClient();
        using var unknown = await client.GetAsync("/api/catalogue/services/nope");
        using var noCatchment = await client.GetAsync("/api/map/services/mpsv-128/catchment");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noCatchment.StatusCode);
        Assert.Contains("územní působnost", await noCatchment.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Taxonomy_comes_from_the_domain_tables()
    {
        var taxonomy = await app.GetJsonAsync("/api/catalogue/taxonomy");

        Assert.Equal(34, taxonomy.GetProperty("druhy").GetArrayLength());
        Assert.Equal(3, taxonomy.GetProperty("formy").GetArrayLength());
        Assert.Contains(taxonomy.GetProperty("capacityTypes").EnumerateArray(), c => c.GetProperty("code").GetString() == "luzka");
        Assert.Equal(7, taxonomy.GetProperty("adverseSituations").GetArrayLength());
    }
}
