using System.Net;
using System.Text;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Catalogue;

/// <summary>The catalogue CSV through the API of the management page: regional staff export and import their kraj only.</summary>
[Collection(DatabaseCollection.Name)]
public class CatalogueStaffTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string Url = "/api/staff/catalogue/services.csv";
    private const string Cz072Service = "mpsv-128";   // Domov pro seniory Koryčany
    private const string Cz071Service = "mpsv-4365";  // Centrum Dominika Kokory

    [Fact]
    public async Task Regional_staff_export_the_services_of_their_kraj_only()
    {
        var regional = await app.ClientAsync(ApiClient.Regional);
        var admin = await app.ClientAsync(ApiClient.Admin);

        var mine = await ServiceIdsAsync(regional);
        var all = await ServiceIdsAsync(admin);

        Assert.Contains(Cz072Service, mine);
        Assert.DoesNotContain(Cz071Service, mine);
        Assert.Contains(Cz071Service, all);
        await using var db = app.Database.Open();
        var inKraj = await db.Database.SqlQueryRaw<string>("""
            SELECT DISTINCT sp.service_id AS "Value" FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id
            JOIN territory.obec o ON o.code = p.obec_code JOIN territory.orp r ON r.csu_code = o.orp_csu_code WHERE r.kraj_nuts3 = 'CZ072'
            """).ToListAsync();
        Assert.Equal(inKraj.Order(), mine.Order());
    }

    [Fact]
    public async Task An_import_with_a_row_outside_the_kraj_or_a_bad_row_stores_nothing_and_names_the_lines()
    {
        var regional = await app.ClientAsync(ApiClient.Regional);
        var exported = await regional.Http.GetStringAsync(Url);
        var lines = exported.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var row = lines.FindIndex(l => l.StartsWith(Cz072Service + ";"));
        lines[row] = lines[row].Replace("Domov pro seniory Koryčany", "Domov Koryčany (přejmenován)");
        var foreign = string.Join(';', [Cz071Service, "", "Cizí", "61985929", "13", "pob", "pob:luzka=1", .. Enumerable.Repeat("", 11)]);
        var bad = string.Join(';', ["mpsv-128x", "", "Nová", "68684053", "99", .. Enumerable.Repeat("", 13)]);

        using var refused = await PostAsync(regional, [.. lines, foreign, bad]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await regional.JsonAsync(refused, HttpStatusCode.BadRequest);
        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("message").GetString()!)).ToList();
        Assert.Equal([lines.Count + 1, lines.Count + 2], rows.Select(r => r.Item1));
        Assert.Contains("nemá místo poskytování ve vašem kraji", rows[0].Item2);
        Assert.Contains("mpsv-128x", rows[1].Item2);
        Assert.DoesNotContain("(přejmenován)", await regional.Http.GetStringAsync(Url));

        using var accepted = await PostAsync(regional, lines);
        var counts = await regional.JsonAsync(accepted, HttpStatusCode.OK);
        Assert.Equal(0, counts.GetProperty("created").GetInt32());
        Assert.Equal(lines.Count - 1, counts.GetProperty("updated").GetInt32());
        await using var db = app.Database.Open();
        Assert.Equal("Domov Koryčany (přejmenován)", (await db.Services.SingleAsync(s => s.Id == Cz072Service)).Name);
    }

    private static async Task<List<string>> ServiceIdsAsync(ApiClient client)
    {
        using var response = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0])];
    }

    private static Task<HttpResponseMessage> PostAsync(ApiClient client, IEnumerable<string> lines) =>
        client.Http.PostAsync(Url, new StringContent(string.Join("\r\n", lines) + "\r\n", Encoding.UTF8, "text/csv"));
}
