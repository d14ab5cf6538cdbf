using System.Globalization;
using Kissos.Catalogue;
using Kissos.Common;
using NpgsqlTypes;
using Npgsql;

namespace Kissos.Map;

/// <summary>
/// The filters of the service map and the catalogue (druh, forma, target group, age category, territory, free
/// text, bbox, a vacancy now), validated against the known codes and turned into a SQL condition over the aliases
/// s (service), p (place), sp (service_place), pr (provider), o (obec) and r (orp).
/// </summary>
public sealed record ServiceFilter(
    string? Druh, string? Forma, string? Cilova, string? Vek, string? Kraj, string? Orp, string? Obec, string? Text, double[]? Bbox,
    bool Vacancy = false, bool BarrierFreeVacancy = false)
{
    /// <summary>The map's parameters. The vacancy filters are the catalogue's only: map answers are cached per data version, which vacancies do not move.</summary>
    public static readonly string[] Names = ["druh", "forma", "cilova", "vek", "kraj", "orp", "obec", "q", "bbox"];

    public static ServiceFilter Parse(QueryParameters query, KnownCodes known) => new(
        query.Code("druh", known.Druhy, "druhu služby"),
        query.Code("forma", known.Formy, "formy poskytování"),
        query.Code("cilova", known.TargetGroups, "cílové skupiny"),
        query.Code("vek", known.AgeCategories, "věkové kategorie"),
        query.Code("kraj", known.Kraje, "kraje (NUTS3)"),
        query.Code("orp", known.Orp, "ORP (ČSÚ)"),
        query.Code("obec", known.Obce, "obce"),
        query.Get("q") is { Length: > 100 } ? Error(query, "q", "Hledaný text je delší než 100 znaků.") : query.Get("q"),
        ParseBbox(query),
        ParseFlag(query, "volne"),
        ParseFlag(query, "bezbarierove"));

    private static bool ParseFlag(QueryParameters query, string name)
    {
        switch (query.Get(name))
        {
            case null or "false": return false;
            case "true": return true;
            default: query.AddError(name, $"{name} je 'true' nebo 'false'."); return false;
        }
    }

    private static string? Error(QueryParameters query, string name, string message)
    {
        query.AddError(name, message);
        return null;
    }

    private static double[]? ParseBbox(QueryParameters query)
    {
        if (query.Get("bbox") is not { } raw) return null;
        var parts = raw.Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
        var wellFormed = numbers.Length == 4 && !numbers.Any(double.IsNaN)
            && numbers[0] < numbers[2] && numbers[1] < numbers[3]
            && numbers[0] >= -180 && numbers[2] <= 180 && numbers[1] >= -90 && numbers[3] <= 90;
        if (wellFormed) return numbers;
        query.AddError("bbox", "bbox má tvar minLon,minLat,maxLon,maxLat: čtyři čísla ve stupních WGS84, minimum menší než maximum (box nesmí mít nulovou šířku ani výšku).");
        return null;
    }

    /// <summary>Services whose registration has not ended, over the alias s.</summary>
    public const string CurrentService = "(s.valid_to IS NULL OR s.valid_to >= current_date)";

    /// <summary>The WHERE condition (always valid SQL) and its parameters.</summary>
    public (string Sql, List<NpgsqlParameter> Parameters) ToSql()
    {
        // An ended registration (ValidTo in the past, set by the registry refresh) leaves the map; its card stays.
        var clauses = new List<string> { CurrentService };
        var parameters = new List<NpgsqlParameter>();
        void Add(string clause, string name, object value, NpgsqlDbType type)
        {
            clauses.Add(clause);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }
        if (Druh is not null) Add("s.druh_code = @druh", "druh", Druh, NpgsqlDbType.Text);
        if (Forma is not null) Add("@forma = ANY (s.forms)", "forma", Forma, NpgsqlDbType.Text);
        if (Cilova is not null) Add("@cilova = ANY (s.target_groups)", "cilova", Cilova, NpgsqlDbType.Text);
        if (Vek is not null) Add("@vek = ANY (s.age_categories)", "vek", Vek, NpgsqlDbType.Text);
        if (Kraj is not null) Add("r.kraj_nuts3 = @kraj", "kraj", Kraj, NpgsqlDbType.Text);
        if (Orp is not null) Add("r.csu_code = @orp", "orp", Orp, NpgsqlDbType.Text);
        if (Obec is not null) Add("p.obec_code = @obec", "obec", Obec, NpgsqlDbType.Text);
        if (Text is not null && TextSearch.Condition(Text) is { } text)
        {
            clauses.Add(text.Sql);
            parameters.AddRange(text.Parameters);
        }
        // A public vacancy (as the vacancy layer shows it) at this place; barrier-free ones are a subset.
        if (Vacancy || BarrierFreeVacancy)
            clauses.Add("EXISTS (SELECT 1 FROM vacancies.vacancy v WHERE v.service_id = s.id AND v.place_id = sp.place_id " +
                        "AND v.withdrawn_at IS NULL AND v.valid_until >= current_date" + (BarrierFreeVacancy ? " AND v.barrier_free)" : ")"));
        if (Bbox is { } b)
        {
            Add("p.location && ST_Transform(ST_MakeEnvelope(@minLon, @minLat, @maxLon, @maxLat, 4326), 5514)", "minLon", b[0], NpgsqlDbType.Double);
            parameters.Add(new NpgsqlParameter("minLat", NpgsqlDbType.Double) { Value = b[1] });
            parameters.Add(new NpgsqlParameter("maxLon", NpgsqlDbType.Double) { Value = b[2] });
            parameters.Add(new NpgsqlParameter("maxLat", NpgsqlDbType.Double) { Value = b[3] });
        }
        return (string.Join(" AND ", clauses), parameters);
    }
}
