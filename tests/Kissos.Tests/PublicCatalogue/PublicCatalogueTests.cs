using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kissos.Catalogue;
using Kissos.PublicCatalogue;
using Kissos.Tests.Infrastructure;
using Kissos.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.PublicCatalogue;

/// <summary>The server-rendered catalogue pages, the search with its facets, and the sitemap, over the real extract.</summary>
[Collection(DatabaseCollection.Name)]
public partial class PublicCatalogueTests(KissosApp app) : IClassFixture<KissosApp>
{
    private const string DiakonieIco = "73632783"; // Diakonie Valašské Meziříčí (Zlínský kraj)
    private const string DiakonieService = "mpsv-6276";

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, body);
    }

    private async Task<string> PageAsync(string url)
    {
        var (status, html) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"{url}: {(int)status}");
        return html;
    }

    private static int Total(string html) => int.Parse(TotalPattern().Match(html).Groups[1].Value);

    private static List<string> Ids(string html) => IdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Every service id the search finds, page after page.</summary>
    private async Task<List<string>> AllIdsAsync(string query)
    {
        var first = await PageAsync("/katalog?" + query);
        var ids = Ids(first);
        for (var page = 2; ids.Count < Total(first); page++)
        {
            var next = Ids(await PageAsync($"/katalog?{query}&strana={page}"));
            Assert.NotEmpty(next);
            ids.AddRange(next);
        }
        Assert.Equal(Total(first), ids.Count);
        return ids;
    }

    [Fact]
    public async Task Provider_page_lists_every_service_with_druh_capacity_places_and_contacts()
    {
        await using var db = app.Database.Open();
        var provider = await db.Providers.SingleAsync(p => p.Ico == DiakonieIco);
        var services = await db.Services.Where(s => s.ProviderIco == DiakonieIco).ToListAsync();

        var html = await PageAsync("/poskytovatel/" + DiakonieIco);

        Assert.Contains($"<h1>{provider.Name}</h1>", html);
        Assert.Contains($"<dd>{DiakonieIco}</dd>", html);
        Assert.Equal(services.Count, Regex.Matches(html, "class=\"service-summary\"").Count);
        foreach (var s in services) Assert.Contains($"href=\"/sluzba/{s.Id}\"", html);
        Assert.Contains("(jednotka: klient)", html);
        Assert.Contains("Valašské Meziříčí", html);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/poskytovatel/73632783\">", html);
        var jsonLd = JsonDocument.Parse(JsonLdPattern().Match(html).Groups[1].Value).RootElement;
        Assert.Equal("Organization", jsonLd.GetProperty("@type").GetString());
        Assert.Equal(DiakonieIco, jsonLd.GetProperty("taxID").GetString());
        Assert.Equal(provider.Name, jsonLd.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/poskytovatel/12345678", "Poskytovatel nenalezen")]  // valid shape, wrong check digit
    [InlineData("/poskytovatel/25596641", "Poskytovatel nenalezen")]  // a valid IČO not in the catalogue
    [InlineData("/poskytovatel/7363278", "Poskytovatel nenalezen")]
    [InlineData("/poskytovatel/%3Cb%3Ex%3C%2Fb%3E", "Poskytovatel nenalezen")]
    [InlineData("/sluzba/mpsv-0", "Služba nenalezena")]
    [InlineData("/sluzba/%3Cscript%3E", "Služba nenalezena")]
    public async Task Unknown_or_malformed_addresses_get_a_czech_404_page(string url, string title)
    {
        using var response = await app.CreateClient().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>x", html);
    }

    [Fact]
    public async Task Service_page_shows_the_card_catchment_and_the_source_of_its_last_change()
    {
        var html = await PageAsync("/sluzba/" + DiakonieService);

        Assert.Contains("<h1>Osobní asistence</h1>", html);
        Assert.Contains("osobní asistence (§ 39 zákona č. 108/2006 Sb.)", html);
        Assert.Contains("href=\"/poskytovatel/73632783\"", html);
        Assert.Contains("data-lat=\"49.47", html);
        Assert.Contains("<meta name=\"description\" content=\"Osobní asistence:", html);
        Assert.Contains(ServiceDetails.SourceImport, html);

        await using (var db = app.Database.Open())
        {
            var service = await db.Services.SingleAsync(s => s.Id == DiakonieService);
            service.UpdatedAt = DateTimeOffset.UtcNow;
            service.CatchmentOrp = ["7210"];
            await db.SaveChangesAsync();
        }
        html = await PageAsync("/sluzba/" + DiakonieService);

        Assert.Contains(ServiceDetails.SourceEdit, html);
        Assert.Contains("<p>ORP: Valašské Meziříčí</p>", html);
    }

    [Fact]
    public async Task Markup_in_the_data_is_shown_as_text_everywhere()
    {
        const string evil = "<script>alert(1)</script><img src=x onerror=alert(2)> \"Hrozný\" & 'spol'";
        await using (var db = app.Database.Open())
        {
            var provider = await db.Providers.SingleAsync(p => p.Ico == "61985929");
            provider.Name = "Kokory " + evil;
            provider.Web = "javascript:alert(3)";
            var service = await db.Services.SingleAsync(s => s.Id == "mpsv-4365");
            service.Description = evil;
            service.Name = "Centrum " + evil;
            await db.SaveChangesAsync();
        }

        foreach (var url in new[] { "/sluzba/mpsv-4365", "/poskytovatel/61985929", "/katalog?q=hrozny" })
        {
            var html = await PageAsync(url);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("href=\"javascript:", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            // The JSON-LD block holds one script element: the data cannot close it.
            Assert.Equal(Regex.Matches(html, "<script").Count, Regex.Matches(html, "</script>").Count);
        }
    }

    [Theory]
    [InlineData("prerov", "Přerov", "PŘEROV")]
    [InlineData("valasske mezirici", "Valašské Meziříčí", "meziříčí VALAŠSKÉ")]
    [InlineData("domov seniory zlin", "Domov seniory Zlín", "ZLÍN seniory Domov")]
    public async Task Search_ignores_diacritics_case_and_word_order(string plain, string czech, string reordered)
    {
        var found = await AllIdsAsync("q=" + Uri.EscapeDataString(plain));

        Assert.NotEmpty(found);
        Assert.Equal(found.Order(), (await AllIdsAsync("q=" + Uri.EscapeDataString(czech))).Order());
        Assert.Equal(found.Order(), (await AllIdsAsync("q=" + Uri.EscapeDataString(reordered))).Order());
    }

    [Fact]
    public async Task Search_finds_by_obec_provider_ico_and_description()
    {
        await using var db = app.Database.Open();
        var inPrerov = await db.ServicePlaces.Where(sp => db.Places.Any(p => p.Id == sp.PlaceId && db.Obce.Any(o => o.Code == p.ObecCode && o.Name == "Přerov")))
            .Select(sp => sp.ServiceId).Distinct().ToListAsync();
        var service = await db.Services.SingleAsync(s => s.Id == "mpsv-128");
        service.Description = "Nabízíme canisterapii a zahradní terapii.";
        await db.SaveChangesAsync();

        Assert.NotEmpty(inPrerov);
        Assert.Subset((await AllIdsAsync("q=prerov")).ToHashSet(), inPrerov.ToHashSet());
        var byIco = await AllIdsAsync("q=" + DiakonieIco);
        Assert.Equal((await db.Services.Where(s => s.ProviderIco == DiakonieIco).Select(s => s.Id).ToListAsync()).Order(), byIco.Order());
        Assert.Equal(["mpsv-128"], await AllIdsAsync("q=canisterapie"));
    }

    [Theory]
    [InlineData("druh=13&kraj=CZ071")]
    [InlineData("q=prerov")]
    [InlineData("q=domov&forma=pob&orp=7107")]
    [InlineData("cilova=&vek=&kraj=CZ072&q=diakonie")]
    public async Task Search_finds_the_same_services_as_the_map(string query)
    {
        var map = (await app.GetJsonAsync("/api/map/services?" + query)).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("serviceId").GetString()!).Distinct().Order().ToList();

        Assert.NotEmpty(map);
        Assert.Equal(map, (await AllIdsAsync(query)).Order().ToList());
    }

    [Fact]
    public async Task A_facet_count_is_the_number_of_results_choosing_it_gives()
    {
        var html = await PageAsync("/katalog?kraj=CZ071&q=domov");
        var druhy = FacetLinks(html, "druh");
        var formy = FacetLinks(html, "forma");

        Assert.True(druhy.Count >= 2, "several druhy");
        Assert.NotEmpty(formy);
        foreach (var (href, count) in druhy.Concat(formy))
            Assert.Equal(count, Total(await PageAsync(WebUtility.HtmlDecode(href))));
        // Within a chosen druh the other druhy keep their counts (a facet does not filter itself).
        var chosen = await PageAsync(WebUtility.HtmlDecode(druhy[0].Href));
        Assert.Equal(druhy.Select(d => d.Count).Skip(1), FacetLinks(chosen, "druh").Select(d => d.Count));
    }

    private static List<(string Href, int Count)> FacetLinks(string html, string facet)
    {
        var section = Regex.Match(html, $"<section class=\"facet\" data-facet=\"{facet}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(section, "<a href=\"([^\"]+)\" data-code=\"[^\"]+\">[^<]*<span class=\"count\">\\((\\d+)\\)</span>")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value))).ToList();
    }

    [Fact]
    public async Task Paging_shows_every_result_once_twenty_to_a_page()
    {
        var first = await PageAsync("/katalog");
        var total = Total(first);
        await using var db = app.Database.Open();

        Assert.Equal(await db.Services.CountAsync(s => s.ValidTo == null || s.ValidTo >= DateOnly.FromDateTime(DateTime.Today)), total);
        Assert.Equal(CatalogueSearch.PageSize, Ids(first).Count);
        var all = await AllIdsAsync("druh=");
        Assert.Equal(total, all.Distinct().Count());
        var lastPage = (total + CatalogueSearch.PageSize - 1) / CatalogueSearch.PageSize;
        Assert.Equal(total - (lastPage - 1) * CatalogueSearch.PageSize, Ids(await PageAsync($"/katalog?strana={lastPage}")).Count);
        Assert.Contains("rel=\"next\"", first);
        Assert.Empty(Ids(await PageAsync($"/katalog?strana={lastPage + 1}")));
    }

    [Theory]
    [InlineData("/katalog?druh=999")]
    [InlineData("/katalog?strana=0")]
    [InlineData("/katalog?volne=ano")]
    [InlineData("/katalog?bbox=1,2,3,4")]
    public async Task Bad_search_parameters_get_400_with_the_reason_in_czech(string url)
    {
        var (status, html) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<h2>Dotaz nelze provést</h2>", html);
    }

    [Fact]
    public async Task Vacancy_facets_find_services_with_a_public_vacancy_now()
    {
        await using var db = app.Database.Open();
        var home = await db.Services.Include(s => s.Places)
            .Where(s => s.DruhCode == "13" && s.Places.Count > 0).OrderBy(s => s.Id).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        Assert.Equal(0, Total(await PageAsync("/katalog?volne=true")));

        db.Vacancies.Add(new Vacancy
        {
            ServiceId = home.Id, PlaceId = home.Places[0].PlaceId, Places = 3, AvailableFrom = today, ValidUntil = today.AddDays(30),
            Description = "Jednolůžkový pokoj", ContactName = "Jana Nováková", BarrierFree = false,
            PublishedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();

        Assert.Equal([home.Id], await AllIdsAsync("volne=true"));
        Assert.Equal(0, Total(await PageAsync("/katalog?bezbarierove=true")));
        var page = await PageAsync("/sluzba/" + home.Id);
        Assert.Contains("<strong>3</strong> volná místa", page);
        Assert.Contains("Jana Nováková", page);
    }

    [Fact]
    public async Task A_service_without_a_place_is_in_the_catalogue_and_found_but_not_on_the_map()
    {
        await using (var db = app.Database.Open())
        {
            db.Services.Add(new Service
            {
                Id = "test-bez-mista", Name = "Poradna Žluťoučký kůň", ProviderIco = DiakonieIco, DruhCode = "3", Forms = ["ter"],
                Capacities = [new ServiceCapacity { Form = "ter", CapacityType = "klient", Amount = 7 }],
            });
            await db.SaveChangesAsync();
        }

        var found = await PageAsync("/katalog?q=zlutoucky");
        Assert.Equal(["test-bez-mista"], Ids(found));
        Assert.Contains("bez místa poskytování", found);
        Assert.Empty(Ids(await PageAsync("/katalog?q=zlutoucky&kraj=CZ072")));
        Assert.Contains("bez místa poskytování", await PageAsync("/sluzba/test-bez-mista"));
        Assert.Contains("href=\"/sluzba/test-bez-mista\"", await PageAsync("/poskytovatel/" + DiakonieIco));
        Assert.Empty((await app.GetJsonAsync("/api/map/services?q=zlutoucky")).GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task Sitemap_lists_every_provider_and_service_page()
    {
        await using var db = app.Database.Open();
        var providers = await db.Providers.CountAsync();
        var services = await db.Services.CountAsync();

        using var response = await app.CreateClient().GetAsync("/sitemap.xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = xml.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();

        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1 + providers + services, locs.Distinct().Count());
        Assert.Contains("http://localhost/sluzba/" + DiakonieService, locs);
        Assert.Contains("http://localhost/poskytovatel/" + DiakonieIco, locs);
        Assert.Equal(200, (int)(await app.CreateClient().GetAsync(new Uri(locs[^1]).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Text_search_reads_the_gin_indexes_of_the_migration()
    {
        var condition = TextSearch.Condition("prerov domov")!.Value;
        await using var db = app.Database.Open();
        await db.Database.OpenConnectionAsync();
        // The test data are small: without these the planner rightly prefers joining from the few places.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_nestloop = off");
        var explain = "EXPLAIN SELECT s.id FROM catalogue.service s WHERE " + condition.Sql;
        var plan = string.Join("\n", await db.Database.SqlQueryRaw<string>(explain, condition.Parameters.ToArray()).ToListAsync());

        foreach (var index in new[] { "ix_service_search", "ix_provider_search", "ix_service_place_search", "ix_obec_search" })
            Assert.Contains(index, plan);
    }

    [Theory]
    [InlineData("Přerov, domov—pro  seniory", new[] { "Přerov", "domov", "pro", "seniory" })]
    [InlineData("a:* & b | !c <-> 'd'", new[] { "a", "b", "c", "d" })]
    [InlineData("  ,;  ", new string[0])]
    public void Query_words_are_runs_of_letters_and_digits(string query, string[] words) =>
        Assert.Equal(words, TextSearch.Words(query));

    [Theory]
    [InlineData("canisterapie", "canisterap")]
    [InlineData("Olomouci", "Olomouc")]
    [InlineData("PŘEROVĚ", "PŘEROV")]
    [InlineData("domov", "domov")]
    [InlineData("péče", "péče")]   // fewer than 4 letters would remain
    [InlineData("Zlíně", "Zlín")]
    public void A_word_is_searched_without_its_final_vowels(string word, string stem) => Assert.Equal(stem, TextSearch.Stem(word));

    [GeneratedRegex("data-total=\"(\\d+)\"")]
    private static partial Regex TotalPattern();

    [GeneratedRegex("<article class=\"result\" data-id=\"([^\"]+)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdPattern();
}
