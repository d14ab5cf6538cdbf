using System.Net;
using System.Text.Json;
using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>
/// Regional staff's analysis of the annual reports: the sums per druh and per ORP over their kraj (handed-in forms or
/// all), as JSON and CSV, and every set of every report of the year as one table.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class FormSumsTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const int Year = 2026;
    private const string Family = "vykaz-skutecnost";
    private static readonly System.Globalization.CultureInfo Czech = System.Globalization.CultureInfo.GetCultureInfo("cs-CZ");

    /// <summary>A CZ072 service with its druh and the ORPs of its places in the kraj.</summary>
    private sealed record Picked(string Id, string Druh, string[] Orps);

    /// <summary>
    /// Three services with one place each: A1 and B of different druhy in one ORP, A2 of A1's druh in another ORP; and C
    /// with places in two ORPs of the kraj, whose figures are split half and half.
    /// </summary>
    private async Task<(Picked A1, Picked A2, Picked B, Picked C)> PickAsync()
    {
        await using var db = app.Database.Open();
        var places = await (from sp in db.ServicePlaces
                            join p in db.Places on sp.PlaceId equals p.Id
                            join o in db.Obce on p.ObecCode equals o.Code
                            join r in db.Orp on o.OrpCsuCode equals r.CsuCode
                            join s in db.Services on sp.ServiceId equals s.Id
                            where r.KrajNuts3 == "CZ072"
                            select new { s.Id, s.DruhCode, Orp = r.CsuCode }).ToListAsync();
        var services = places.GroupBy(p => p.Id).Select(g => new Picked(g.Key, g.First().DruhCode, g.Select(p => p.Orp).ToArray()))
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var single = services.Where(s => s.Orps.Length == 1).ToList();
        var (a1, a2) = single.SelectMany(x => single.Where(y => y.Druh == x.Druh && y.Orps[0] != x.Orps[0]).Select(y => (x, y)))
            .First(pair => single.Any(b => b.Druh != pair.x.Druh && b.Orps[0] == pair.x.Orps[0]));
        var b = single.First(s => s.Druh != a1.Druh && s.Orps[0] == a1.Orps[0]);
        var c = services.First(s => s.Orps.Length == 2 && s.Orps.Distinct().Count() == 2);
        return (a1, a2, b, c);
    }

    /// <summary>The report of term 3 created and saved by admin with these figures; then put into the state.</summary>
    private async Task CreateAsync(ApiClient admin, Picked service, decimal fte, decimal costs, int users, string state)
    {
        await admin.JsonAsync(await admin.PutAsync($"/api/forms/network/{Year}/{service.Id}?kraj=CZ072", new NetworkInput(fte, null)), HttpStatusCode.OK);
        var report = await admin.JsonAsync(await admin.PostAsync("/api/my/forms", new NewForm(service.Id, Year, 3, Family)), HttpStatusCode.Created);
        var values = FormEndpointTests.Completed(report);
        values["pracovnici/1.1/skutecnost"] = fte;
        values["finance-naklady/1.1/z1"] = costs;
        values["specificka/uzivatele/skutecnost"] = users;
        report = await admin.JsonAsync(await FormEndpointTests.SaveAsync(admin, report, values), HttpStatusCode.OK);
        var id = Guid.Parse(report.GetProperty("id").GetString()!);
        await using var db = app.Database.Open();
        await db.Forms.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.State, state));
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement sums) =>
        sums.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);

    private static decimal Value(Dictionary<string, JsonElement> rows, string code, string figure) =>
        rows[code].GetProperty("values").GetProperty(figure).GetDecimal();

    [Fact]
    public async Task Staff_sum_the_reports_of_their_kraj_per_druh_and_ORP_and_export_every_set_of_the_year()
    {
        var (a1, a2, b, c) = await PickAsync();
        var admin = await app.ClientAsync(ApiClient.Admin);
        await admin.JsonAsync(await admin.PutAsync($"/api/forms/terms/{Year}/3?kraj=CZ072",
            new TermInput("Vyúčtování / Skutečnost", new DateOnly(Year, 12, 31), null, new DateOnly(Year + 5, 2, 5))), HttpStatusCode.OK);
        await CreateAsync(admin, a1, 2.5m, 1000.50m, 10, FormStates.Approved);
        await CreateAsync(admin, a2, 1m, 300m, 4, FormStates.Draft);
        await CreateAsync(admin, b, 4m, 2000m, 7, FormStates.Submitted);
        await CreateAsync(admin, c, 3m, 600m, 9, FormStates.Approved);

        var staff = await app.ClientAsync(ApiClient.Regional);
        var handedIn = await staff.JsonAsync(await staff.GetAsync($"/api/forms/sums?year={Year}&term=3&family={Family}&by=druh"), HttpStatusCode.OK);
        var rows = Rows(handedIn);
        // Handed in or approved: A1, B and C; A2 is a draft.
        var expected = new Dictionary<string, (decimal Fte, decimal Costs, decimal Users)>();
        void Add(Picked s, decimal fte, decimal costs, decimal users, decimal share = 1)
        {
            var (f, k, u) = expected.GetValueOrDefault(s.Druh);
            expected[s.Druh] = (f + fte * share, k + costs * share, u + users * share);
        }
        Add(a1, 2.5m, 1000.50m, 10);
        Add(b, 4m, 2000m, 7);
        Add(c, 3m, 600m, 9);
        Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
        foreach (var (druh, (fte, costs, users)) in expected)
        {
            Assert.Equal(fte, Value(rows, druh, "uvazky"));
            Assert.Equal(costs, Value(rows, druh, "naklady"));
            Assert.Equal(users, Value(rows, druh, "uzivatele"));
        }
        Assert.Equal(1000.50m + 2000m + 600m, handedIn.GetProperty("total").GetProperty("values").GetProperty("naklady").GetDecimal());
        Assert.Equal(3m, handedIn.GetProperty("total").GetProperty("forms").GetDecimal());
        var states = handedIn.GetProperty("states");
        Assert.Equal(2, states.GetProperty(FormStates.Approved).GetInt32());
        Assert.Equal(1, states.GetProperty(FormStates.Submitted).GetInt32());
        Assert.Equal(1, states.GetProperty(FormStates.Draft).GetInt32());

        var all = Rows(await staff.JsonAsync(await staff.GetAsync($"/api/forms/sums?year={Year}&term=3&family={Family}&by=druh&include=all"), HttpStatusCode.OK));
        Assert.Equal(expected[a1.Druh].Costs + 300m, Value(all, a1.Druh, "naklady"));

        // Per ORP: A1 and B in one ORP, A2 (all forms) in another, C half in each of its two.
        var orp = Rows(await staff.JsonAsync(await staff.GetAsync($"/api/forms/sums?year={Year}&term=3&family={Family}&by=orp&include=all"), HttpStatusCode.OK));
        var byOrp = new Dictionary<string, decimal>();
        foreach (var (s, costs) in new[] { (a1, 1000.50m), (a2, 300m), (b, 2000m), (c, 600m) })
            foreach (var code in s.Orps) byOrp[code] = byOrp.GetValueOrDefault(code) + costs / s.Orps.Length;
        Assert.Equal(byOrp.Keys.Order(), orp.Keys.Order());
        foreach (var (code, costs) in byOrp) Assert.Equal(costs, Value(orp, code, "naklady"));
        Assert.Equal(4m, orp.Values.Sum(r => r.GetProperty("forms").GetDecimal()));

        var csv = await staff.GetAsync($"/api/forms/sums?year={Year}&term=3&family={Family}&by=druh&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Kód druhu;Druh;Počet formulářů;Náklady celkem (Kč);", lines[0]);
        var total = lines[^1].Split(';');
        Assert.Equal(["", "Celkem"], total[..2]);
        Assert.Equal(3m, decimal.Parse(total[2], Czech));
        Assert.Equal(3600.50m, decimal.Parse(total[3], Czech));

        // Another kraj's staff see their own kraj only.
        await app.CreateAccountAsync(new { email = "sums-olomouc@test.kissos.cz", password = Kissos.Accounts.DemoAccounts.Password, role = "regional", kraj = "CZ071" });
        var other = await app.ClientAsync("sums-olomouc@test.kissos.cz");
        var olomouc = await other.JsonAsync(await other.GetAsync($"/api/forms/sums?year={Year}&term=3&family={Family}&by=druh&include=all"), HttpStatusCode.OK);
        Assert.Equal("CZ071", olomouc.GetProperty("kraj").GetString());
        Assert.Empty(olomouc.GetProperty("rows").EnumerateArray());
        await other.JsonAsync(await other.GetAsync($"/api/forms/sums?year={Year}&family={Family}&kraj=CZ072"), HttpStatusCode.BadRequest);
        await staff.JsonAsync(await staff.GetAsync($"/api/forms/sums?year={Year}&family={Family}&by=obec"), HttpStatusCode.BadRequest);
        await staff.JsonAsync(await staff.GetAsync($"/api/forms/sums?year={Year}&family=nic"), HttpStatusCode.BadRequest);

        // Every set of every report of the year, the term in the last column.
        var export = await staff.GetAsync($"/api/forms/export?year={Year}&family={Family}&format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var cells = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(';')).ToList();
        Assert.Equal(FormExport.YearColumns, cells[0]);
        Assert.Equal(new[] { a1.Id, a2.Id, b.Id, c.Id }.Order(), cells.Skip(1).Select(l => l[0]).Distinct().Order());
        Assert.Equal(1000.50m, decimal.Parse(cells.Single(l => l[0] == a1.Id && l[7] == "1.1" && l[9] == "z1" && l[6] == "FINANCE – náklady")[11], Czech));
        Assert.All(cells.Skip(1), l => Assert.Equal("3", l[^1]));   // last: a label with ";" is quoted and splits here
        var sets = cells.Skip(1).Where(l => l[0] == a1.Id).Select(l => l[6]).Distinct().ToList();
        Assert.Contains("Pracovníci dle zařazení", sets);
        Assert.Contains("Unicitní zaměstnanci k 31. 12.", sets);
        var budget = await staff.GetAsync($"/api/forms/export?year={Year}&term=3&format=csv");   // the default family has none of them
        Assert.DoesNotContain(a1.Id, await budget.Content.ReadAsStringAsync());
    }
}
