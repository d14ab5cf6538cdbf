using System.Globalization;
using System.Text;
using Kissos.Common;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Ogc;

/// <summary>
/// The query of /collections/{id}/items, read strictly: limit (clamped to the maximum), bbox with bbox-crs, crs,
/// datetime where the collection has a validity, equality filters on the collection's filterable properties, and
/// the opaque cursor of the next page. Turns into a SQL condition with its parameters.
/// </summary>
public sealed class OgcItemsQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const string CursorParameter = "cursor";

    private static readonly string[] Common = ["limit", "bbox", "bbox-crs", "crs", CursorParameter];

    public required OgcCollection Collection { get; init; }
    public int Limit { get; private init; } = DefaultLimit;
    public OgcCrs Crs { get; private init; } = OgcCrs.Crs84;
    public string? After { get; private init; }
    private OgcCrs BboxCrs { get; init; } = OgcCrs.Crs84;
    private double[]? Bbox { get; init; }

    public bool HasBbox => Bbox is not null;
    private (DateOnly? From, DateOnly? To)? Datetime { get; init; }
    private IReadOnlyList<(OgcProperty Property, string Value)> Filters { get; init; } = [];

    /// <summary>The parameters the items of a collection accept.</summary>
    public static string[] Allowed(OgcCollection c) =>
        [.. Common, .. c.Temporal is null ? Array.Empty<string>() : ["datetime"], .. c.Filters];

    public static OgcItemsQuery Parse(OgcCollection collection, QueryParameters query)
    {
        var bboxCrs = ParseCrs(query, "bbox-crs");
        return new OgcItemsQuery
        {
            Collection = collection,
            Limit = ParseLimit(query),
            Crs = ParseCrs(query, "crs"),
            BboxCrs = bboxCrs,
            Bbox = ParseBbox(query, bboxCrs),
            Datetime = collection.Temporal is null ? null : ParseDatetime(query),
            After = ParseCursor(query),
            Filters = [.. collection.Filters
                .Select(name => (Property: collection.Property(name), Value: query.Get(name)))
                .Where(f => f.Value is not null)
                .Select(f => (f.Property, f.Value!))],
        };
    }

    /// <summary>The crs parameter alone, for the collection resource (its links keep it).</summary>
    public static OgcCrs ParseCrs(QueryParameters query, string name)
    {
        if (query.Get(name) is not { } uri) return OgcCrs.Crs84;
        if (OgcCrs.Find(uri) is { } crs) return crs;
        query.AddError(name, $"Nepodporovaný souřadnicový systém '{uri}'. Podporované jsou: {string.Join(", ", OgcCrs.Supported.Select(c => c.Uri))}.");
        return OgcCrs.Crs84;
    }

    private static int ParseLimit(QueryParameters query)
    {
        if (query.Get("limit") is not { } raw) return DefaultLimit;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
            return Math.Min(limit, MaxLimit);
        // A number too large for int is still a valid request for "as many as allowed".
        if (raw.All(char.IsAsciiDigit) && raw.TrimStart('0').Length > 0) return MaxLimit;
        query.AddError("limit", $"limit je kladné celé číslo (nejvýše {MaxLimit}, větší se omezí).");
        return DefaultLimit;
    }

    private static double[]? ParseBbox(QueryParameters query, OgcCrs crs)
    {
        if (query.Get("bbox") is not { } raw) return null;
        var numbers = raw.Split(',').Select(p =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : double.NaN).ToArray();
        // Six numbers are a 3D box: minX,minY,minZ,maxX,maxY,maxZ; heights do not matter here.
        if (numbers.Length == 6) numbers = [numbers[0], numbers[1], numbers[3], numbers[4]];
        var ok = numbers.Length == 4 && !numbers.Any(double.IsNaN) && numbers[0] < numbers[2] && numbers[1] < numbers[3];
        if (ok && crs.IsGeographic)
        {
            var (lonMin, latMin, lonMax, latMax) = crs.LatitudeFirst
                ? (numbers[1], numbers[0], numbers[3], numbers[2])
                : (numbers[0], numbers[1], numbers[2], numbers[3]);
            ok = lonMin >= -180 && lonMax <= 180 && latMin >= -90 && latMax <= 90;
        }
        if (ok) return numbers;
        query.AddError("bbox", "bbox jsou čtyři (nebo šest) čísel minX,minY,maxX,maxY v souřadnicích bbox-crs (výchozí CRS84: délka, šířka), minimum menší než maximum (box nesmí mít nulovou šířku ani výšku).");
        return null;
    }

    private static (DateOnly? From, DateOnly? To)? ParseDatetime(QueryParameters query)
    {
        if (query.Get("datetime") is not { } raw) return null;
        var parts = raw.Split('/');
        if (parts.Length == 1 && Instant(parts[0]) is { } at) return (at, at);
        if (parts.Length == 2 && !(IsOpen(parts[0]) && IsOpen(parts[1])))
        {
            var from = IsOpen(parts[0]) ? null : Instant(parts[0]);
            var to = IsOpen(parts[1]) ? null : Instant(parts[1]);
            var valid = (from is not null || IsOpen(parts[0])) && (to is not null || IsOpen(parts[1])) && !(from > to);
            if (valid) return (from, to);
        }
        query.AddError("datetime", "datetime je datum nebo čas podle RFC 3339 (2025-01-31, 2025-01-31T12:00:00Z) nebo interval a/b, kde jeden konec smí být '..'.");
        return null;

        static bool IsOpen(string part) => part is "" or "..";

        static DateOnly? Instant(string text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
            if (text.Length > 10 && (text[10] is 'T' or 't')
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return DateOnly.FromDateTime(t.DateTime); // the date where the instant was stated
            return null;
        }
    }

    private static string? ParseCursor(QueryParameters query)
    {
        if (query.Get(CursorParameter) is not { } raw) return null;
        if (Cursor.Decode(raw) is { } key) return key;
        query.AddError(CursorParameter, "Neplatný kurzor stránkování; použijte odkaz 'next' z předchozí stránky.");
        return null;
    }

    /// <summary>The WHERE condition over the collection's source (without the cursor) and its parameters.</summary>
    public (string Sql, List<NpgsqlParameter> Parameters) Where()
    {
        var clauses = new List<string> { Collection.Condition };
        var parameters = new List<NpgsqlParameter>();
        if (Bbox is { } b)
        {
            clauses.Add($"ST_Intersects({Collection.GeometryColumn}, {BboxCrs.BoxToStorage()})");
            string[] names = ["minX", "minY", "maxX", "maxY"];
            parameters.AddRange(names.Select((n, i) => new NpgsqlParameter(n, NpgsqlDbType.Double) { Value = b[i] }));
        }
        if (Datetime is var (from, to) && Collection.Temporal is { } t)
        {
            if (to is not null) clauses.Add($"({t.Start} IS NULL OR {t.Start} <= @dtTo)");
            if (from is not null) clauses.Add($"({t.End} IS NULL OR {t.End} >= @dtFrom)");
            parameters.Add(new NpgsqlParameter("dtFrom", NpgsqlDbType.Date) { Value = (object?)from ?? DBNull.Value });
            parameters.Add(new NpgsqlParameter("dtTo", NpgsqlDbType.Date) { Value = (object?)to ?? DBNull.Value });
        }
        for (var i = 0; i < Filters.Count; i++)
        {
            var (property, value) = Filters[i];
            clauses.Add(property.IsArray ? $"@p{i} = ANY ({property.Sql})" : $"{property.Sql}::text = @p{i}");
            parameters.Add(new NpgsqlParameter($"p{i}", NpgsqlDbType.Text) { Value = value });
        }
        return (string.Join(" AND ", clauses), parameters);
    }
}

/// <summary>The opaque paging token: the key of the last feature of a page, encoded.</summary>
public static class Cursor
{
    public static string Encode(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length) || length == 0) return null;
        try
        {
            var key = new UTF8Encoding(false, true).GetString(bytes, 0, length);
            return ControlCharacters.InUrl(key) ? null : key; // "AA" decodes to NUL, which no key holds
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
