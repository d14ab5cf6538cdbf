using System.Globalization;
using System.Text.Json;
using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Forms;

/// <summary>
/// Regional staff's sums of a year's forms of a family over their kraj, per druh or per ORP: the figures are the
/// template's <c>totals</c> (data: a kraj adds a figure by adding a total to its template), read from each form's stored
/// totals. Per ORP a form's figures are split evenly among its service's places of provision in the kraj, as the map
/// splits a service's capacity among its places, so the ORP rows add up to the kraj.
/// </summary>
public static class FormSums
{
    /// <summary>Forms counted by default: handed in (ke schválení krajem) or approved.</summary>
    public static readonly string[] HandedIn = [FormStates.Submitted, FormStates.Approved];

    private static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    /// <summary>A figure summed: a total of the template (code, Czech label).</summary>
    public sealed record Figure(string Code, string Label);

    /// <summary>One group (a druh or an ORP): its code and name, the forms counted and the sum of each figure by its code.</summary>
    public sealed record SumRow(string Code, string Name, decimal Forms, Dictionary<string, decimal> Values);

    public static void MapFormSums(this RouteGroupBuilder staff) => staff.MapGet("/sums", Sums);

    /// <summary>
    /// GET /api/forms/sums?year=&amp;by=druh|orp[&amp;family=][&amp;term=][&amp;include=handed-in|all][&amp;format=json|csv|xlsx][&amp;kraj=]:
    /// the figures (<see cref="Figure"/>, the newest template of the family and year) summed over the forms of the term
    /// (default the family's last term: Výkaz skutečnost II) in the staff's kraj, one row per druh or ORP (by name) and a
    /// total; <c>include</c>: only forms handed in or approved (default) or every form (unfilled cells count 0).
    /// JSON: {kraj, year, term, family, by, include, figures, states (forms per state, "nezalozeno" = network services
    /// without a form), rows [{code, name, forms, values}], total}; per ORP <c>forms</c> is fractional where a service has
    /// places in several ORPs. CSV (';', UTF-8 with BOM, decimal comma) and XLSX have a column per figure and the total
    /// last. 400 for a bad year, term, by, include, format, kraj or family.
    /// </summary>
    private static async Task<IResult> Sums(HttpContext http, KissosDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var query = new QueryParameters(http.Request, "year", "term", "family", "by", "include", "format", "kraj");
        var kraj = FormStaffEndpoints.KrajOf(http, query);
        var year = query.Int("year", 2000, 2100) ?? clock.GetLocalNow().Year;
        var family = await FormStaffEndpoints.FamilyAsync(db, query, kraj, ct);
        var by = query.Get("by") ?? "druh";
        if (by is not ("druh" or "orp")) query.AddError("by", "Sčítat lze podle druhu nebo ORP (by=druh|orp).");
        var include = query.Get("include") ?? "handed-in";
        if (include is not ("handed-in" or "all")) query.AddError("include", "include=handed-in (předané a schválené) nebo all (všechny).");
        var format = query.Get("format") ?? "json";
        if (format is not ("json" or "csv" or "xlsx")) query.AddError("format", "Formát je json, csv nebo xlsx.");
        var askedTerm = query.Int("term", 1, 4);
        if (!query.IsValid) return query.Problem();
        var template = await db.TemplateVersions.AsNoTracking().Where(t => t.Kraj == kraj && t.Family == family && t.Year == year)
            .OrderByDescending(t => t.Version).Select(t => t.Definition).FirstOrDefaultAsync(ct) is { } definition
            ? JsonSerializer.Deserialize<FormTemplate>(definition, FormTemplate.Json)! : null;
        if (template is null) return FormStore.Problem(400, "Šablona chybí", $"Kraj nemá šablonu '{family}' pro rok {year}.");
        var term = askedTerm ?? template.Terms?.Max() ?? 4;
        var figures = template.Totals.Select(t => new Figure(t.Code, t.Label)).ToList();

        var states = await StatesAsync(db, kraj!, family, year, term, ct);
        var shares = await SharesAsync(db, kraj!, family, year, term, by, include == "all" ? null : HandedIn, ct);
        var rows = shares.GroupBy(s => (s.Code, s.Name)).Select(g => new SumRow(g.Key.Code, g.Key.Name, Plain(g.Sum(s => s.Share)),
                figures.ToDictionary(f => f.Code, f => Plain(g.Sum(s => s.Share * s.Totals.GetValueOrDefault(f.Code))))))
            .OrderBy(r => r.Name, StringComparer.Create(Czech, false)).ThenBy(r => r.Code).ToList();
        var total = new SumRow("", "Celkem", Plain(rows.Sum(r => r.Forms)), figures.ToDictionary(f => f.Code, f => Plain(rows.Sum(r => r.Values[f.Code]))));
        if (format == "json")
            return TypedResults.Ok(new { Kraj = kraj, Year = year, Term = term, Family = family, By = by, Include = include, Figures = figures,
                States = states, Rows = rows, Total = total });

        string[] columns = [by == "druh" ? "Kód druhu" : "Kód ORP", by == "druh" ? "Druh" : "ORP", "Počet formulářů", .. figures.Select(f => f.Label)];
        var table = rows.Append(total).Select(r => new object?[] { r.Code, r.Name, r.Forms }.Concat(figures.Select(f => (object?)r.Values[f.Code])).ToArray());
        var file = $"souhrn-{family}-{kraj}-{year}-{term}-{by}.{format}";
        if (format == "csv")
            return TypedResults.Stream(output => Csv.WriteAsync(output, columns,
                table.Select(r => r.Select(v => v is decimal d ? d.ToString(Czech) : (string?)v).ToArray()), ct), Csv.ContentType, file);
        return TypedResults.File(FormExport.Table("Souhrn", columns, table), FormXlsx.ContentType, file);
    }

    /// <summary>Rounded to 2 decimals without trailing zeros (a third of a form's share would print 20 digits).</summary>
    private static decimal Plain(decimal value) => decimal.Round(value, 2) / 1.0000000000000000000000000000m;

    /// <summary>Forms of the term per state, and the network services without a form ("nezalozeno").</summary>
    private static async Task<Dictionary<string, int>> StatesAsync(KissosDb db, string kraj, string family, int year, int term, CancellationToken ct)
    {
        var states = await db.Forms.AsNoTracking().Where(f => f.Kraj == kraj && f.Family == family && f.Year == year && f.Term == term)
            .GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        states[FormStaffEndpoints.NotCreated] = await db.NetworkEntries.AsNoTracking().CountAsync(n => n.Kraj == kraj && n.Year == year
            && !db.Forms.Any(f => f.ServiceId == n.ServiceId && f.Family == family && f.Year == year && f.Term == term), ct);
        return states;
    }

    private sealed record Part(string Code, string Name, decimal Share, Dictionary<string, decimal> Totals);

    /// <summary>Each counted form's totals with its group: its druh (share 1), or each ORP of its service's places in the kraj (1/places).</summary>
    private static async Task<List<Part>> SharesAsync(KissosDb db, string kraj, string family, int year, int term, string by, string[]? states,
        CancellationToken ct)
    {
        var group = by == "druh"
            ? "SELECT d.code, d.name, 1::numeric AS share, f.totals::text FROM counted f JOIN catalogue.druh d ON d.code = f.druh_code"
            : """
              SELECT r.csu_code, r.name, 1::numeric / count(*) OVER (PARTITION BY f.id), f.totals::text
              FROM counted f
              JOIN catalogue.service_place sp ON sp.service_id = f.service_id
              JOIN catalogue.place p ON p.id = sp.place_id
              JOIN territory.obec o ON o.code = p.obec_code
              JOIN territory.orp r ON r.csu_code = o.orp_csu_code AND r.kraj_nuts3 = f.kraj
              """;
        var sql = $"""
            WITH counted AS (
                SELECT f.id, f.service_id, f.kraj, f.totals, s.druh_code FROM forms.form f
                JOIN catalogue.service s ON s.id = f.service_id
                WHERE f.kraj = @kraj AND f.family = @family AND f.year = @year AND f.term = @term AND (@states IS NULL OR f.state = ANY (@states))
            )
            {group}
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("kraj", NpgsqlDbType.Text) { Value = kraj });
        command.Parameters.Add(new NpgsqlParameter("family", NpgsqlDbType.Text) { Value = family });
        command.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = year });
        command.Parameters.Add(new NpgsqlParameter("term", NpgsqlDbType.Integer) { Value = term });
        command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)states ?? DBNull.Value });
        var shares = new List<Part>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            shares.Add(new(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2),
                JsonSerializer.Deserialize<Dictionary<string, decimal>>(reader.GetString(3))!));
        return shares;
    }
}
