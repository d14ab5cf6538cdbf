using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kissos.Registry;
using Kissos.Tests.Infrastructure;
using Kissos.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Map;

/// <summary>
/// The registry's fixture file with two more registrations that give no place of provision: one with a contact
/// address in Olomouc (obec 500496, ORP 7107, CZ071), one with none.
/// </summary>
public sealed class PlacelessCatalogue : IAsyncLifetime
{
    public const string Placeless = "mpsv-2001";
    public const string Nowhere = "mpsv-2002";
    public const string Olomouc = "500496";

    public TestDatabase Database { get; private set; } = null!;
    public KissosApp App { get; private set; } = null!;
    public Refresh Refresh { get; private set; } = null!;

    /// <summary>A registration without facilities, with its contact address in <paramref name="contactObec"/> (none for null).</summary>
    public static JsonNode Item(int portalId, string name, int clients, string? contactObec)
    {
        var item = JsonNode.Parse(
        $$$"""
        {
          "portalId": {{{portalId}}}, "id": "Sluzba/90{{{portalId}}}", "identifikator": "{{{portalId}}}001", "nazev": "{{{name}}}",
          "datumPoskytovaniOd": "2019-01-01", "datumPoskytovaniDo": null,
          "druhSocialniSluzby": {"id": "DruhSocialniSluzby/1"},
          "formy": [{"forma": {"id": "FormaSocialniSluzby/ter"}, "kapacity": [{"pocet": {{{clients}}}, "typ": {"id": "TypKapacitySocialniSluzby/klient"}}]}],
          "zarizeni": [],
          "kontaktniAdresy": [],
          "poskytovatel": {"ico": "26541963", "nazev": "Charita Střední Morava"}
        }
        """)!;
        if (contactObec is not null)
            item["kontaktniAdresy"]!.AsArray().Add(new JsonObject
            {
                ["adresa"] = new JsonObject { ["kodAdresnihoMista"] = 11119999, ["obec"] = new JsonObject { ["id"] = $"Obec/{contactObec}" } },
            });
        return item;
    }

    /// <summary>The fixture file V1 with <paramref name="items"/> added, written to a temporary file.</summary>
    public static string WithItems(params JsonNode[] items)
    {
        var rpss = JsonNode.Parse(File.ReadAllText(RpssFixtures.V1))!;
        foreach (var item in items) rpss["polozky"]!.AsArray().Add(item);
        var path = Path.Combine(Path.GetTempPath(), $"rpss-placeless-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, rpss.ToJsonString());
        return path;
    }

    public async Task InitializeAsync()
    {
        Database = await RpssFixtures.EmptyCatalogueAsync();
        var file = WithItems(Item(2001, "Terénní poradna Žluťák", 40, Olomouc), Item(2002, "Poradna bez adresy", 10, null));
        try { Refresh = await RpssFixtures.RefreshOkAsync(Database, file, RpssFixtures.AddressesV1); }
        finally { File.Delete(file); }
        App = new KissosApp { SharedDatabase = Database };
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// A service with no place of provision, only a contact address: the refresh stores the contact obec, the map lists
/// the service there without a point ("bez místa poskytování"), the territory filters take that obec, and the
/// statistics count its capacity apart as unplaced.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class PlacelessServiceTests(PlacelessCatalogue catalogue) : IClassFixture<PlacelessCatalogue>
{
    private static IEnumerable<JsonElement> Features(JsonElement fc) => fc.GetProperty("features").EnumerateArray();

    private static IEnumerable<string> ServiceIds(JsonElement fc) =>
        Features(fc).Select(f => f.GetProperty("properties").GetProperty("serviceId").GetString()!);

    [Fact]
    public async Task The_refresh_stores_the_obec_of_the_contact_address()
    {
        await using var db = catalogue.Database.Open();
        var codes = await db.Services.ToDictionaryAsync(s => s.Id, s => s.ContactObecCode);

        Assert.Equal(PlacelessCatalogue.Olomouc, codes[PlacelessCatalogue.Placeless]);
        Assert.Null(codes[PlacelessCatalogue.Nowhere]);
        Assert.Equal(PlacelessCatalogue.Olomouc, codes["mpsv-1001"]); // a service with places keeps its contact obec too
        Assert.Null(codes["mpsv-1002"]);
        Assert.Contains(catalogue.Refresh.Warnings, w => w.Contains("2 platných služeb nemá žádné platné zařízení") && w.Contains("1 z nich nemá ani kontaktní adresu"));
    }

    [Fact]
    public async Task A_later_refresh_moves_the_contact_obec_with_the_registry()
    {
        await using var database = await RpssFixtures.EmptyCatalogueAsync();
        foreach (var obec in new[] { PlacelessCatalogue.Olomouc, "511382" })
        {
            var file = PlacelessCatalogue.WithItems(PlacelessCatalogue.Item(2001, "Terénní poradna", 40, obec));
            try { await RpssFixtures.RefreshOkAsync(database, file, RpssFixtures.AddressesV1); }
            finally { File.Delete(file); }
            await using var db = database.Open();
            Assert.Equal(obec, await db.Services.Where(s => s.Id == PlacelessCatalogue.Placeless).Select(s => s.ContactObecCode).SingleAsync());
        }
    }

    [Fact]
    public async Task The_map_lists_it_without_a_point_in_its_contact_obec()
    {
        var all = await catalogue.App.GetJsonAsync("/api/map/services");
        var feature = Features(all).Single(f => f.GetProperty("properties").GetProperty("serviceId").GetString() == PlacelessCatalogue.Placeless);
        var p = feature.GetProperty("properties");

        Assert.Equal($"{PlacelessCatalogue.Placeless}|bez-mista", feature.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, feature.GetProperty("geometry").ValueKind);
        Assert.True(p.GetProperty("placeless").GetBoolean());
        Assert.Equal("Olomouc", p.GetProperty("obec").GetString());
        Assert.Equal(PlacelessCatalogue.Olomouc, p.GetProperty("obecCode").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("placeId").ValueKind);
        Assert.Equal(JsonValueKind.Null, p.GetProperty("address").ValueKind);
        Assert.Equal(40, p.GetProperty("capacities")[0].GetProperty("amount").GetInt32());
        Assert.All(Features(all).Where(f => f.GetProperty("properties").GetProperty("serviceId").GetString() != PlacelessCatalogue.Placeless),
            f => Assert.False(f.GetProperty("properties").GetProperty("placeless").GetBoolean()));
        Assert.DoesNotContain(PlacelessCatalogue.Nowhere, ServiceIds(all));
    }

    [Theory]
    [InlineData("kraj=CZ071", true)]
    [InlineData("orp=7107", true)]
    [InlineData("obec=500496", true)]
    [InlineData("kraj=CZ072", false)]
    [InlineData("orp=7109", false)]
    [InlineData("kraj=CZ071&forma=pob", false)]
    public async Task Territory_filters_take_the_contact_obec_on_the_map_and_in_the_catalogue(string query, bool found)
    {
        var map = ServiceIds(await catalogue.App.GetJsonAsync("/api/map/services?" + query)).ToList();
        var html = await catalogue.App.CreateClient().GetStringAsync("/katalog?q=zlutak&" + query);

        Assert.Equal(found, map.Contains(PlacelessCatalogue.Placeless));
        Assert.Equal(found, html.Contains($"data-id=\"{PlacelessCatalogue.Placeless}\""));
        if (found) Assert.Contains("bez místa poskytování (Olomouc)", html);
    }

    [Fact]
    public async Task Statistics_count_its_capacity_apart_as_unplaced()
    {
        var orp = Features(await catalogue.App.GetJsonAsync("/api/map/stats/orp?kraj=CZ071"))
            .ToDictionary(f => f.GetProperty("properties").GetProperty("csuCode").GetString()!, f => f.GetProperty("properties"));
        var olomouc = orp["7107"];

        Assert.Equal(1, olomouc.GetProperty("unplacedServices").GetInt32());
        Assert.Equal(40, olomouc.GetProperty("unplacedCapacity").GetProperty("klient").GetDouble());
        Assert.All(orp.Where(o => o.Key != "7107"), o => Assert.Equal(0, o.Value.GetProperty("unplacedServices").GetInt32()));
        // The capacity at places (and per 1,000 inhabitants) is that of the services with a place there only.
        await using var db = catalogue.Database.Open();
        var placed = await db.Services.Where(s => s.Places.Any(sp => db.Obce.Any(o => o.Code == sp.Place!.ObecCode && o.OrpCsuCode == "7107")))
            .Select(s => s.Id).ToListAsync();
        Assert.Equal(placed.Count, olomouc.GetProperty("services").GetInt32());
        Assert.DoesNotContain(PlacelessCatalogue.Placeless, placed);
        var clients = olomouc.GetProperty("capacity").TryGetProperty("klient", out var c) ? c.GetDouble() : 0;
        var perThousand = olomouc.GetProperty("perThousand").TryGetProperty("klient", out var t) ? t.GetDouble() : 0;
        Assert.Equal(Math.Round(clients * 1000 / olomouc.GetProperty("population").GetDouble(), 2), perThousand, 2);

        var obce = Features(await catalogue.App.GetJsonAsync("/api/map/stats/obce?orp=7107"))
            .Single(f => f.GetProperty("properties").GetProperty("code").GetString() == PlacelessCatalogue.Olomouc).GetProperty("properties");
        Assert.Equal(1, obce.GetProperty("unplacedServices").GetInt32());
        Assert.Equal(40, obce.GetProperty("unplacedCapacity").GetProperty("klient").GetDouble());
    }
}
