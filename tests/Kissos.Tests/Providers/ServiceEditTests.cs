using System.Net;
using System.Text.Json;
using Kissos.Providers;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Providers;

[Collection(DatabaseCollection.Name)]
public class ServiceEditTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string Url = $"/api/my/services/{VacancyInputs.OwnHome}";

    private static ServiceEdit ToEdit(JsonElement s) => JsonSerializer.Deserialize<ServiceEdit>(s.GetRawText(), JsonSerializerOptions.Web)!;

    private async Task<(ApiClient Client, ServiceEdit Edit)> LoadAsync()
    {
        var provider = await app.ClientAsync(ApiClient.Provider);
        return (provider, ToEdit(await provider.JsonAsync(await provider.GetAsync(Url), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_provider_edits_its_service_and_the_catchment_geometry_is_derived()
    {
        var (provider, edit) = await LoadAsync();

        await provider.JsonAsync(await provider.PutAsync(Url, edit with
        {
            Description = "Domov se zvláštní péčí o seniory.",
            TargetGroups = ["24"],
            Capacities = [new CapacityEdit("pob", "luzka", 34)],
            CatchmentOrp = ["7107"],
            Phones = ["581 292 611", " "],
        }), HttpStatusCode.OK);

        var card = await provider.JsonAsync(await provider.GetAsync($"/api/catalogue/services/{VacancyInputs.OwnHome}"), HttpStatusCode.OK);
        Assert.Equal("Domov se zvláštní péčí o seniory.", card.GetProperty("description").GetString());
        Assert.Equal(34, card.GetProperty("capacities")[0].GetProperty("amount").GetInt32());
        Assert.Equal("senioři", card.GetProperty("targetGroups")[0].GetProperty("name").GetString());
        Assert.Equal(["581 292 611"], card.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        Assert.True(card.GetProperty("catchment").GetProperty("hasGeometry").GetBoolean());
        await using var db = app.Database.Open();
        var area = await db.Services.Where(s => s.Id == VacancyInputs.OwnHome).Select(s => s.CatchmentGeom!.Area).SingleAsync();
        var orpArea = await db.Orp.Where(o => o.CsuCode == "7107").Select(o => o.Geom.Area).SingleAsync();
        Assert.Equal(orpArea, area, orpArea * 0.01);
    }

    [Fact]
    public async Task A_place_can_be_typed_in_SJtsk_and_is_stored_where_it_was_put()
    {
        var (provider, edit) = await LoadAsync();
        var place = edit.Places[0];
        // A point in Kokory given in S-JTSK metres.
        var point = new PointInput(-539_150, -1_133_120, "EPSG:5514");

        await provider.JsonAsync(await provider.PutAsync(Url, edit with { Places = [place with { Point = point }] }), HttpStatusCode.OK);

        await using var db = app.Database.Open();
        var stored = await db.Places.Where(p => p.Id == place.Id).Select(p => p.Location).SingleAsync();
        Assert.Equal(-539_150, stored!.X, 0.05);
        Assert.Equal(-1_133_120, stored.Y, 0.05);
    }

    /// <summary>The stored places of the service as WKB, the service's version, and the audit and data version counts.</summary>
    private async Task<(string Places, uint Version, int AuditEntries, long DataVersion)> StoredStateAsync()
    {
        await using var db = app.Database.Open();
        var places = await db.Database.SqlQueryRaw<string>(
            """
            SELECT coalesce(string_agg(p.id || '=' || coalesce(encode(ST_AsEWKB(p.location), 'hex'), '-'), ' ' ORDER BY p.id), '') AS "Value"
            FROM catalogue.place p JOIN catalogue.service_place sp ON sp.place_id = p.id WHERE sp.service_id = {0}
            """, VacancyInputs.OwnHome).SingleAsync();
        var version = await db.Services.Where(s => s.Id == VacancyInputs.OwnHome).Select(s => s.Version).SingleAsync();
        return (places, version, await db.AuditEntries.CountAsync(), await db.DataVersions.Select(v => v.Version).SingleAsync());
    }

    [Fact]
    public async Task Saving_a_service_unchanged_changes_nothing_and_logs_nothing()
    {
        var (provider, edit) = await LoadAsync();
        var before = await StoredStateAsync();
        Assert.All(edit.Places, p => Assert.NotNull(p.Point));
        // As the form sends it: WGS84 with the 6 decimals it shows.
        var asTyped = edit with
        {
            Places = edit.Places.Select(p => p with { Point = p.Point! with { X = Math.Round(p.Point.X, 6), Y = Math.Round(p.Point.Y, 6) } }).ToList(),
        };
        Assert.NotEqual(edit.Places.Select(p => p.Point), asTyped.Places.Select(p => p.Point));

        for (var i = 0; i < 5; i++)
        {
            var answer = await provider.JsonAsync(await provider.PutAsync(Url, i % 2 == 0 ? edit : asTyped), HttpStatusCode.OK);
            Assert.Equal(before.Version, answer.GetProperty("version").GetUInt32());
            var reread = ToEdit(await provider.JsonAsync(await provider.GetAsync(Url), HttpStatusCode.OK));
            Assert.Equal(edit.Places.Select(p => p.Point), reread.Places.Select(p => p.Point));
        }

        Assert.Equal(before, await StoredStateAsync());
    }

    [Fact]
    public async Task The_public_map_shows_a_saved_change_at_once()
    {
        var (provider, edit) = await LoadAsync();
        var mapUrl = $"/api/map/services?obec={edit.Places[0].ObecCode}";
        string[] Names(JsonElement map) => map.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).ToArray();
        Assert.DoesNotContain("Domov U Lípy", Names(await app.GetJsonAsync(mapUrl))); // the answer is now kept

        await provider.JsonAsync(await provider.PutAsync(Url, edit with { Places = [edit.Places[0] with { FacilityName = "Domov U Lípy" }, .. edit.Places.Skip(1)] }), HttpStatusCode.OK);

        Assert.Contains("Domov U Lípy", Names(await app.GetJsonAsync(mapUrl)));
    }

    public static TheoryData<string, PointInput> BadPoints => new()
    {
        { "unknown CRS", new PointInput(17.37, 49.49, "EPSG:9999") },
        { "outside Czechia", new PointInput(2.35, 48.85, "EPSG:4326") },        // Paris
        { "swapped lat/lon", new PointInput(49.49, 17.37, "EPSG:4326") },
        { "in another obec", new PointInput(17.2509, 49.5938, "EPSG:4326") },  // Olomouc, not Kokory
    };

    [Theory]
    [MemberData(nameof(BadPoints))]
    public async Task A_bad_point_is_refused_and_nothing_is_saved(string why, PointInput point)
    {
        var (provider, edit) = await LoadAsync();

        var response = await provider.PutAsync(Url, edit with { Description = why, Places = [edit.Places[0] with { Point = point }] });

        var problem = await provider.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith("places")), problem.ToString());
        await using var db = app.Database.Open();
        Assert.NotEqual(why, (await db.Services.SingleAsync(s => s.Id == VacancyInputs.OwnHome)).Description);
    }

    [Fact]
    public async Task Capacity_of_a_form_the_service_lacks_is_refused()
    {
        var (provider, edit) = await LoadAsync();

        var problem = await provider.JsonAsync(await provider.PutAsync(Url, edit with { Capacities = [new CapacityEdit("ter", "klient", 5)] }), HttpStatusCode.BadRequest);

        Assert.Contains("nemá formu", problem.GetProperty("errors").GetProperty("capacities")[0].GetString());
    }

    [Fact]
    public async Task Two_editors_of_one_version_the_second_gets_a_conflict()
    {
        var (first, edit) = await LoadAsync();
        var (second, _) = await LoadAsync();

        var saved = await first.PutAsync(Url, edit with { Description = "první" });
        var conflict = await second.PutAsync(Url, edit with { Description = "druhý" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        await using var db = app.Database.Open();
        Assert.Equal("první", (await db.Services.SingleAsync(s => s.Id == VacancyInputs.OwnHome)).Description);
    }

    /// <summary>misto-4977548 (Staré Město) is shared by mpsv-6559 (IČO 09903046) and mpsv-6831/6832/7052 (IČO 17639786).</summary>
    private const string SharedPlace = "misto-4977548";

    [Fact]
    public async Task Editing_a_place_shared_with_another_provider_forks_it_for_the_edited_service_only()
    {
        await app.CreateAccountAsync(new { email = "global@example.cz", password = "Global-partner-1", role = "provider", icos = new[] { "17639786" } });
        var provider = await ApiClient.CreateAsync(app.CreateClient(), "global@example.cz", "Global-partner-1");
        await using (var db = app.Database.Open())
        {
            // A vacancy of the edited service at the shared place moves with the service to its copy.
            db.Vacancies.Add(new Kissos.Vacancies.Vacancy
            {
                Id = Guid.CreateVersion7(), ServiceId = "mpsv-6831", PlaceId = SharedPlace, Places = 1, AvailableFrom = VacancyInputs.Today,
                ValidUntil = VacancyInputs.Today.AddDays(10), Description = "místo", ContactName = "Jana",
            });
            await db.SaveChangesAsync();
        }
        var before = await app.GetJsonAsync("/api/catalogue/services/mpsv-6559");
        var edit = ToEdit(await provider.JsonAsync(await provider.GetAsync("/api/my/services/mpsv-6831"), HttpStatusCode.OK));
        var shared = edit.Places.Single(p => p.Id == SharedPlace);

        // Unchanged, the shared place stays shared.
        edit = edit with { Version = (await provider.JsonAsync(await provider.PutAsync("/api/my/services/mpsv-6831", edit), HttpStatusCode.OK)).GetProperty("version").GetUInt32() };
        Assert.Contains(SharedPlace, PlaceIds(await app.GetJsonAsync("/api/catalogue/services/mpsv-6831")));

        var moved = shared with { Street = "Nová", HouseNumber = 1, Point = new PointInput(17.4460, 49.0820, "EPSG:4326") };
        await provider.JsonAsync(await provider.PutAsync("/api/my/services/mpsv-6831",
            edit with { Places = edit.Places.Select(p => p.Id == SharedPlace ? moved : p).ToList() }), HttpStatusCode.OK);

        var mine = await app.GetJsonAsync("/api/catalogue/services/mpsv-6831");
        var copy = mine.GetProperty("places").EnumerateArray().Single(p => p.GetProperty("address").GetString()!.StartsWith("Nová 1"));
        Assert.DoesNotContain(SharedPlace, PlaceIds(mine));
        Assert.Equal(17.4460, copy.GetProperty("lon").GetDouble(), 1e-6);
        Assert.Equal(before.GetProperty("places").GetRawText(), (await app.GetJsonAsync("/api/catalogue/services/mpsv-6559")).GetProperty("places").GetRawText());
        Assert.Contains(SharedPlace, PlaceIds(await app.GetJsonAsync("/api/catalogue/services/mpsv-6832"))); // the same provider's other services keep it too
        await using var check = app.Database.Open();
        Assert.Equal("Huštěnovská", (await check.Places.SingleAsync(p => p.Id == SharedPlace)).Street);
        Assert.Equal(copy.GetProperty("id").GetString(), (await check.Vacancies.SingleAsync(v => v.ServiceId == "mpsv-6831")).PlaceId);
    }

    private static List<string?> PlaceIds(JsonElement card) =>
        card.GetProperty("places").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
}
