using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Kissos.Catalogue;

/// <summary>
/// Full-text search over services (name, identifier, description), their provider (name, IČO), their places'
/// facility names and obce, with PostgreSQL text search: the configuration catalogue.kissos folds case and
/// diacritics, every word of the query is a prefix ("prerov" finds "Přerově"), and every word must match
/// somewhere in the service's texts, in any order. Each expression here has a GIN index (migration CatalogueSearch).
/// PostgreSQL has no Czech stemmer: a word's final vowels are dropped instead, so the prefix also finds the word's
/// other case endings ("canisterapie" finds "canisterapii", "Olomouci" finds "Olomouc").
/// </summary>
public static class TextSearch
{
    /// <summary>More words than this are ignored: a longer query narrows nothing a person would type.</summary>
    public const int MaxWords = 8;

    private static readonly char[] Vowels = [.. "aeiouyáéěíóúůýAEIOUYÁÉĚÍÓÚŮÝ"];

    /// <summary>The prefix searched for a word: without its final vowels when at least 4 letters remain.</summary>
    public static string Stem(string word)
    {
        var stem = word.TrimEnd(Vowels);
        return stem.Length >= 4 && stem.Length < word.Length ? stem : word;
    }

    private static string Vector(string document) => $"to_tsvector('catalogue.kissos'::regconfig, {document})";

    /// <summary>The words of a query: runs of letters and digits (all else separates words, so nothing reaches tsquery syntax).</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.Append(' '))
        {
            if (char.IsLetterOrDigit(c)) { word.Append(c); continue; }
            if (word.Length > 0 && words.Count < MaxWords && !words.Contains(word.ToString())) words.Add(word.ToString());
            word.Clear();
        }
        return words;
    }

    /// <summary>
    /// A condition over the alias s (service) true when every word matches one of the service's texts, with its
    /// parameters (@q0, @q1, …); null when the query has no words.
    /// </summary>
    public static (string Sql, List<NpgsqlParameter> Parameters)? Condition(string query)
    {
        var words = Words(query);
        if (words.Count == 0) return null;
        var parameters = words.Select((w, i) => new NpgsqlParameter($"q{i}", NpgsqlDbType.Text) { Value = Stem(w) }).ToList();
        var clauses = parameters.Select(p => $"s.id IN ({ServicesMatching($"to_tsquery('catalogue.kissos'::regconfig, @{p.ParameterName} || ':*')")})");
        return ("(" + string.Join(" AND ", clauses) + ")", parameters);
    }

    private static string ServicesMatching(string tsquery) =>
        $"""
        SELECT x.id FROM catalogue.service x
            WHERE {Vector("x.name || ' ' || coalesce(x.identifier, '') || ' ' || coalesce(x.description, '')")} @@ {tsquery}
        UNION SELECT x.id FROM catalogue.service x JOIN catalogue.provider y ON y.ico = x.provider_ico
            WHERE {Vector("y.name || ' ' || y.ico")} @@ {tsquery}
        UNION SELECT x.service_id FROM catalogue.service_place x
            WHERE {Vector("x.facility_name")} @@ {tsquery}
        UNION SELECT x.service_id FROM catalogue.service_place x JOIN catalogue.place y ON y.id = x.place_id
            JOIN territory.obec z ON z.code = y.obec_code
            WHERE {Vector("z.name")} @@ {tsquery}
        """;
}
