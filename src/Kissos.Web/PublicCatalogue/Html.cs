using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Kissos.PublicCatalogue;

/// <summary>
/// A piece of HTML that is safe to send. Built with <see cref="Of"/> from an interpolated string whose holes are
/// HTML-encoded unless they are Html already, so data (which may contain markup) can never become markup.
/// </summary>
public readonly record struct Html(string Value)
{
    /// <summary>Keeps Czech letters readable; encodes &lt; &gt; &amp; quotes and control characters.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static readonly Html Empty = new("");
    public static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    public static Html Of(Handler handler) => handler.ToHtml();

    public static Html Text(string? text) => new(text is null ? "" : Encoder.Encode(text));

    public static Html Join(IEnumerable<Html> parts, string separator = "") => new(string.Join(separator, parts.Select(p => p.Value)));

    /// <summary>Items as a list, or nothing when there are none.</summary>
    public static Html List<T>(IEnumerable<T> items, Func<T, Html> item, string tag = "ul", string? cssClass = null)
    {
        var rendered = items.Select(item).ToList();
        if (rendered.Count == 0) return Empty;
        var open = cssClass is null ? $"<{tag}>" : $"<{tag} class=\"{Encoder.Encode(cssClass)}\">";
        return new(open + string.Concat(rendered.Select(r => "<li>" + r.Value + "</li>")) + $"</{tag}>");
    }

    public override string ToString() => Value;

    [InterpolatedStringHandler]
    public readonly struct Handler(int literalLength, int formattedCount)
    {
        private readonly StringBuilder _html = new(literalLength + formattedCount * 16);

        public void AppendLiteral(string literal) => _html.Append(literal);

        public void AppendFormatted(Html html) => _html.Append(html.Value);

        public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

        public void AppendFormatted<T>(T value, string? format) =>
            _html.Append(Encoder.Encode(value is IFormattable f ? f.ToString(format, Czech) : value?.ToString() ?? ""));

        public Html ToHtml() => new(_html.ToString());
    }
}
