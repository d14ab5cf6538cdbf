using System.Globalization;
using System.Text.RegularExpressions;
using Kissos.Common;
using Kissos.Data;

namespace Kissos.Ogc;

/// <summary>
/// The SQL the API runs for an items or feature URL, with its parameters written in as literals, so the bare query
/// can be run (and timed, and explained) in psql or pgbench. For items it runs the page first, as the API does, to
/// know whether the count is needed. Statements are joined by "\;", which pgbench sends in one round trip.
/// </summary>
public static partial class OgcPsql
{
    [GeneratedRegex(@"^/ogc/collections/(?<collection>[^/?]+)/items(/(?<feature>[^/?]+))?(\?(?<query>.*))?$")]
    private static partial Regex ItemsUrl();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();

    public static async Task<string> SqlAsync(KissosDb db, string url)
    {
        var match = ItemsUrl().Match(url);
        if (!match.Success || OgcCollections.Find(match.Groups["collection"].Value) is not { } collection)
            throw new ArgumentException($"Není adresa prvků kolekce: {url} (čekám /ogc/collections/ID/items?… nebo …/items/ID).");
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?" + match.Groups["query"].Value);

        if (match.Groups["feature"].Success)
        {
            var query = new QueryParameters(http.Request, "f", "crs");
            var crs = OgcItemsQuery.ParseCrs(query, "crs");
            ThrowIfInvalid(query);
            return Inline(OgcData.FeatureStatement(collection, crs, Uri.UnescapeDataString(match.Groups["feature"].Value)));
        }

        var parameters = new QueryParameters(http.Request, ["f", .. OgcItemsQuery.Allowed(collection)]);
        var items = OgcItemsQuery.Parse(collection, parameters);
        ThrowIfInvalid(parameters);
        var page = await OgcData.PageAsync(db, items, CancellationToken.None);
        return string.Join(" \\;\n", page.Statements.Select(Inline));
    }

    private static void ThrowIfInvalid(QueryParameters query)
    {
        if (!query.IsValid) throw new ArgumentException("Neplatné parametry dotazu (viz odpověď API 400).");
    }

    private static string Inline(OgcData.Statement statement)
    {
        var values = statement.Parameters.ToDictionary(p => p.ParameterName, p => Literal(p.Value));
        return Parameter().Replace(statement.Sql, m => values.TryGetValue(m.Groups[1].Value, out var literal) ? literal : m.Value)
            .ReplaceLineEndings(" ");
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => $"'{s.Replace("'", "''")}'",
        DateOnly d => $"DATE '{d:yyyy-MM-dd}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "::float8",
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(value.GetType().Name),
    };
}
