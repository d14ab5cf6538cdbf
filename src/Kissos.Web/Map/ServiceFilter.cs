using System.Globalization;
using Kissos.Catalogue;
using Kissos.Common;
using NpgsqlTypes;
using Npgsql;

namespace Kissos.Map;

/// <summary>
/// The filters of the service map and the catalogue (druh, forma, target group, age category, territory, free
/// text, bbox, a vacancy now), validated against the known codes and turned into a SQL condition over the aliases
/// s (service), p (place), sp (service_place), pr (provider), o (obec) and r (orp). o and r are the obec and ORP
/// where a row counts: its place's, or the contact address's for a service without a place (MapSql.ServicesAtPlaces).
/// </summary>
public sealed record ServiceFilter(
    string? Druh, string? Forma, string? Cilova, string? Vek, string? Kraj, string? Orp, string? Obec, string? Text, double[]? Bbox,
    bool Vacancy = false, bool BarrierFreeVacancy = false)
{
    /// <summary>
    /// The map's parameters. The vacancy filters (Vacancy, BarrierFreeVacancy) are the catalogue's only, evaluated by
    /// CatalogueSearch: map answers are cached per data version, which vacancies do not move.
    /// </summary>
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
        var (conditions, parameters) = Conditions();
        return (string.Join(" AND ", conditions.Select(c => c.Sql).Prepend(CurrentService)), parameters);
    }

    /// <summary>
    /// Each chosen filter's condition under the parameter it comes from, and their parameters: the catalogue
    /// evaluates them one by one to count its facets. The vacancy filters are the catalogue's own (CatalogueSearch).
    /// </summary>
    public (List<(string Filter, string Sql)> Conditions, List<NpgsqlParameter> Parameters) Conditions()
    {
        var conditions = new List<(string Filter, string Sql)>();
        var parameters = new List<NpgsqlParameter>();
        void Add(string filter, string clause, object value, NpgsqlDbType type)
        {
            conditions.Add((filter, clause));
            parameters.Add(new NpgsqlParameter(filter, type) { Value = value });
        }
        if (Druh is not null) Add("druh", "s.druh_code = @druh", Druh, NpgsqlDbType.Text);
        if (Forma is not null) Add("forma", "@forma = ANY (s.forms)", Forma, NpgsqlDbType.Text);
        if (Cilova is not null) Add("cilova", "@cilova = ANY (s.target_groups)", Cilova, NpgsqlDbType.Text);
        if (Vek is not null) Add("vek", "@vek = ANY (s.age_categories)", Vek, NpgsqlDbType.Text);
        if (Kraj is not null) Add("kraj", "r.kraj_nuts3 = @kraj", Kraj, NpgsqlDbType.Text);
        if (Orp is not null) Add("orp", "r.csu_code = @orp", Orp, NpgsqlDbType.Text);
        if (Obec is not null) Add("obec", "o.code = @obec", Obec, NpgsqlDbType.Text);
        if (Text is not null && TextSearch.Condition(Text) is { } text)
        {
            conditions.Add(("q", text.Sql));
            parameters.AddRange(text.Parameters);
        }
        if (Bbox is { } b)
        {
            conditions.Add(("bbox", "p.location && ST_Transform(ST_MakeEnvelope(@minLon, @minLat, @maxLon, @maxLat, 4326), 5514)"));
            parameters.AddRange(new[] { ("minLon", b[0]), ("minLat", b[1]), ("maxLon", b[2]), ("maxLat", b[3]) }
                .Select(x => new NpgsqlParameter(x.Item1, NpgsqlDbType.Double) { Value = x.Item2 }));
        }
        return (conditions, parameters);
    }
}
