using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Registry;

/// <summary>
/// Writes a synthetic rpss.json of national size (services, facilities, ended registrations, duplicates, secret
/// addresses, the attachments and descriptions that make the real file ~100 MB) and the matching address-point ZIP
/// of ČÚZK (one Windows-1250 CSV per obec, ~3 million rows, a few codes missing), over the real obce of the
/// database, for the refresh benchmark (scripts/bench-refresh.sh). The registrations already stored keep their ids.
/// </summary>
public static class RpssGenerator
{
    public const int NationalServices = 6_733;
    private const int AddressRowsPerObec = 460;
    private const double MissingCodeShare = 0.03;
    private const double WithoutCodeShare = 0.036;
    private static readonly string[] Druhy = ["1", "3", "4", "8", "10", "13", "14", "15", "17", "20", "23", "28", "29"];
    private static readonly Dictionary<string, (string Form, string Type)[]> FormsOf = new()
    {
        ["1"] = [("amb", "kontakt"), ("ter", "kontakt")], ["3"] = [("ter", "klient")], ["4"] = [("ter", "klient"), ("amb", "klient")],
        ["8"] = [("pob", "luzka"), ("ter", "klient")], ["10"] = [("amb", "klient")], ["13"] = [("pob", "luzka")],
        ["14"] = [("pob", "luzka")], ["15"] = [("pob", "luzka")], ["17"] = [("ter", "klient")], ["20"] = [("pob", "luzka")],
        ["23"] = [("amb", "interv"), ("pob", "luzka")], ["28"] = [("ter", "klient")], ["29"] = [("amb", "klient")],
    };

    public static async Task<string> RunAsync(KissosDb db, string folder, int services, int seed)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var obce = await db.Database.SqlQueryRaw<ObecPoint>(
            """
            SELECT code, name, ST_X(p) AS x, ST_Y(p) AS y
            FROM (SELECT code, name, ST_PointOnSurface(geom) AS p FROM territory.obec) o ORDER BY code
            """).ToListAsync();
        var storedIds = (await db.Services.Where(s => s.Id.StartsWith(RpssMapping.ServicePrefix)).Select(s => s.Id).ToListAsync())
            .Select(id => long.Parse(id[RpssMapping.ServicePrefix.Length..], CultureInfo.InvariantCulture)).Order().ToList();
        var portalIds = storedIds.Concat(Enumerable.Range(10_001, Math.Max(0, services - storedIds.Count)).Select(i => (long)i)).Take(services).ToList();

        var addresses = new Dictionary<string, List<(long Code, double X, double Y)>>();
        long nextCode = 10_000_000;
        int facilities = 0;
        var rpss = Path.Combine(folder, "rpss.json");
        await using (var file = File.Create(rpss))
        await using (var json = new Utf8JsonWriter(file))
        {
            json.WriteStartObject();
            json.WriteString("datumAktualizace", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartArray("polozky");
            foreach (var portalId in portalIds)
            {
                var ended = random.NextDouble() < 0.12;
                var druh = Druhy[random.Next(Druhy.Length)];
                var ico = (60_000 + random.Next(2_000) * 4_999).ToString("D8", CultureInfo.InvariantCulture);
                var count = 1 + (int)Math.Round(-Math.Log(1 - random.NextDouble()) * 1.85);
                var places = new List<(ObecPoint Obec, long Code, bool Secret)>();
                var home = obce[random.Next(obce.Count)];
                for (var i = 0; i < count; i++)
                {
                    var obec = i == 0 || random.NextDouble() < 0.3 ? home : obce[random.Next(obce.Count)];
                    var secret = druh == "20" && random.NextDouble() < 0.2;
                    var code = random.NextDouble() < WithoutCodeShare ? 0 : nextCode++;
                    var (x, y) = (obec.X + random.Next(-40, 40), obec.Y + random.Next(-40, 40));
                    if (!secret && code != 0 && random.NextDouble() > MissingCodeShare)
                        (addresses.TryGetValue(obec.Code, out var list) ? list : addresses[obec.Code] = []).Add((code, x, y));
                    places.Add((obec, code, secret));
                }
                facilities += places.Count;
                // A few registrations are listed twice, as in the real file.
                var copies = random.NextDouble() < 0.01 ? 2 : 1;
                for (var copy = 0; copy < copies; copy++)
                    WriteItem(json, random, portalId, druh, ico, ended, places);
                if (file.Position > 1 << 20) await json.FlushAsync();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        var zip = Path.Combine(folder, "adresy.zip");
        var rows = await WriteAddressesAsync(zip, obce, addresses, random);
        return $"{rpss}: {portalIds.Count} registrací, {facilities} zařízení, {new FileInfo(rpss).Length / 1e6:F0} MB; " +
               $"{zip}: {rows} adresních míst, {new FileInfo(zip).Length / 1e6:F0} MB; {watch.Elapsed.TotalSeconds:F0} s";
    }

    private sealed record ObecPoint(string Code, string Name, double X, double Y);

    private static void WriteItem(Utf8JsonWriter json, Random random, long portalId, string druh, string ico, bool ended,
        List<(ObecPoint Obec, long Code, bool Secret)> places)
    {
        json.WriteStartObject();
        json.WriteNumber("portalId", portalId);
        json.WriteString("id", $"Sluzba/{portalId + 900_000}");
        json.WriteString("identifikator", (1_000_000 + portalId * 7 % 8_999_999).ToString(CultureInfo.InvariantCulture));
        json.WriteString("datumPoskytovaniOd", "2015-01-01");
        if (ended) json.WriteString("datumPoskytovaniDo", "2019-12-31"); else json.WriteNull("datumPoskytovaniDo");
        WriteRef(json, "druhSocialniSluzby", $"DruhSocialniSluzby/{druh}");
        json.WriteStartArray("formy");
        foreach (var (form, type) in FormsOf[druh])
        {
            json.WriteStartObject();
            WriteRef(json, "forma", $"FormaSocialniSluzby/{form}");
            json.WriteBoolean("nepretrzitePoskytovani", form == "pob");
            json.WriteStartArray("casoveRozsahy");
            foreach (var day in new[] { "pon", "ut", "st", "ctv", "pa" })
            {
                json.WriteStartObject();
                WriteRef(json, "den", $"DenVTydnu/{day}");
                json.WriteString("od", "07:00");
                json.WriteString("do", "15:30");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("kapacity");
            var amount = random.Next(2, 120);
            json.WriteStartObject();
            json.WriteNumber("pocet", amount);
            json.WriteString("popis", $"Maximální kapacita {amount} s účinností od 1. 1. 2024; okamžitá kapacita odpovídá personálnímu zajištění.");
            WriteRef(json, "typ", $"TypKapacitySocialniSluzby/{type}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("zarizeni");
        foreach (var (obec, code, secret) in places)
        {
            json.WriteStartObject();
            json.WriteString("nazev", $"Zařízení {portalId} – {obec.Name}");
            json.WriteBoolean("utajenaAdresa", secret);
            if (!secret) WriteAddress(json, obec, code, random);
            json.WriteString("poskytujeOd", "2015-01-01");
            json.WriteNull("poskytujeDo");
            json.WriteString("vedouciZarizeni", "Jméno Příjmení");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("kontaktniAdresy");
        json.WriteStartObject();
        WriteAddress(json, places[0].Obec, places[0].Code, random);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("poskytovatel");
        json.WriteString("ico", ico);
        json.WriteString("nazev", $"Poskytovatel {ico}, z. ú.");
        WriteRef(json, "pravniForma", "FormaPravniSubjektivity/161");
        WriteContacts(json, $"p{ico}");
        json.WriteStartArray("statutarniOrgany");
        json.WriteStartObject();
        json.WriteString("jmeno", "Jana");
        json.WriteString("prijmeni", "Statutární");
        json.WriteString("funkce", "ředitelka");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        WriteContacts(json, $"s{portalId}");
        json.WriteStartArray("ciloveSkupiny");
        foreach (var group in new[] { 24, random.Next(1, 28) }.Distinct())
        {
            json.WriteStartObject();
            WriteRef(json, "cilovaSkupina", $"CilovaSkupinaOsoby/{group}");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("vekoveSkupiny");
        json.WriteStartObject();
        WriteRef(json, "vekovaSkupina", $"VekovaSkupinaOsoby/{random.Next(1, 11)}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("doplnujiciInformaceVekoveSkupiny", "Služba je určena osobám od 18 let.");
        json.WriteNull("rozsirenePusobnostiVKraji");
        json.WriteStartObject("doplnkoveUdaje");
        foreach (var part in new[] { "realizacePoskytovani", "planyFinancnihoZajisteni", "personalniZajisteni" })
        {
            json.WriteStartArray(part);
            for (var i = 0; i < 3; i++)
            {
                json.WriteStartObject();
                json.WriteString("popis", string.Concat(Enumerable.Repeat(
                    "Služba je poskytována v souladu se zákonem o sociálních službách a standardy kvality; ", 8)));
                json.WriteStartObject("priloha");
                json.WriteString("url", $"https://www.mpsv.cz/registr/prilohy/{portalId}/{part}-{i}.pdf");
                json.WriteString("nazev", $"{part}-{i}.pdf");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAddress(Utf8JsonWriter json, ObecPoint obec, long code, Random random)
    {
        json.WriteStartObject("adresa");
        json.WriteNumber("cisloDomovni", random.Next(1, 3000));
        json.WriteString("cisloOrientacni", random.Next(1, 80).ToString(CultureInfo.InvariantCulture));
        json.WriteNull("dodatekAdresy");
        if (code == 0) json.WriteNull("kodAdresnihoMista"); else json.WriteNumber("kodAdresnihoMista", code);
        json.WriteString("psc", (10000 + random.Next(0, 79999)).ToString(CultureInfo.InvariantCulture));
        WriteRef(json, "typCislaDomovniho", "TypStavebnihoObjektu/1");
        WriteRef(json, "obec", $"Obec/{obec.Code}");
        json.WriteStartObject("ulice");
        json.WriteString("nazev", "Nádražní");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteContacts(Utf8JsonWriter json, string key)
    {
        json.WriteStartArray("weby");
        json.WriteStartObject();
        json.WriteString("web", $"https://{key}.example.cz");
        json.WriteNull("poznamka");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("emaily");
        json.WriteStartObject();
        json.WriteString("email", $"info@{key}.example.cz");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("telefony");
        json.WriteStartObject();
        json.WriteString("telefon", "+420 581 000 000");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteRef(Utf8JsonWriter json, string name, string id)
    {
        json.WriteStartObject(name);
        json.WriteString("id", id);
        json.WriteEndObject();
    }

    /// <summary>One CSV per obec, as ČÚZK publishes them: the points the registry needs among the obec's other addresses.</summary>
    private static async Task<long> WriteAddressesAsync(
        string path, List<ObecPoint> obce, Dictionary<string, List<(long Code, double X, double Y)>> wanted, Random random)
    {
        var encoding = CsvText.Windows1250;
        long rows = 0, filler = 20_000_000;
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var obec in obce)
        {
            var entry = zip.CreateEntry($"20260831_OB_{obec.Code}_ADR.csv", CompressionLevel.Fastest);
            await using var writer = new StreamWriter(entry.Open(), encoding);
            await writer.WriteLineAsync("Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;Kód části obce;" +
                                        "Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;Číslo orientační;Znak čísla orientačního;PSČ;" +
                                        "Souřadnice Y;Souřadnice X;Platí Od");
            var points = (wanted.GetValueOrDefault(obec.Code) ?? [])
                .Concat(Enumerable.Range(0, AddressRowsPerObec).Select(_ => (filler++, obec.X + random.Next(-900, 900), obec.Y + random.Next(-900, 900))));
            var builder = new StringBuilder();
            foreach (var (code, x, y) in points)
            {
                builder.Clear();
                builder.Append(CultureInfo.InvariantCulture,
                    $"{code};{obec.Code};{obec.Name};;;;;{obec.Code}1;{obec.Name};;Hlavní;č.p.;{code % 900 + 1};;;{(code % 80000) + 10000};")
                    .Append(CultureInfo.InvariantCulture, $"{-x:F2};{-y:F2};2011-07-01T00:00:00");
                await writer.WriteLineAsync(builder);
                rows++;
            }
        }
        return rows;
    }
}
