using System.Text;

namespace Kissos.Common;

/// <summary>One record of a CSV file: the physical line it starts on (header = 1), its fields, and what is wrong with it.</summary>
public sealed record CsvRecord(int Line, string[] Fields, string? Error);

/// <summary>
/// Splits CSV text (RFC 4180 as Excel writes it) into records that know the physical line they start on, so that
/// a multi-line field does not shift the numbers of the rows after it. A record with a stray quote or the wrong
/// number of fields carries its error; a faulty record that ran over several lines is cut back to its first line
/// and reading goes on from the next, so one stray quote does not take the following good rows with it.
/// Blank lines and rows of empty fields (Excel writes them after formatted cells) are skipped.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text, char delimiter)
    {
        var reader = new Reader(text, delimiter);
        int? width = null;
        while (!reader.AtEnd)
        {
            var (start, startPosition) = (reader.Line, reader.Position);
            var (fields, error) = reader.Record();
            if (error is null && fields.All(f => f.Length == 0)) continue;
            width ??= fields.Count;
            if (error is null && fields.Count != width)
                error = $"řádek má {Fields(fields.Count)}, záhlaví {Fields(width.Value)} (chybí nebo přebývá oddělovač '{delimiter}'?)";
            if (error is not null && reader.Line > start + 1)
            {
                reader.RestartAfterLine(startPosition, start);
                error += $"; záznam se čte jen na řádku {start}";
            }
            yield return new CsvRecord(start, [.. fields], error);
        }
    }

    private static string Fields(int n) => n switch { 1 => "1 pole", < 5 => $"{n} pole", _ => $"{n} polí" };

    private sealed class Reader(string text, char delimiter)
    {
        public int Position { get; private set; }
        public int Line { get; private set; } = 1;
        public bool AtEnd => Position >= text.Length;

        /// <summary>The fields up to the end of the record (its line break included), and the first problem seen.</summary>
        public (List<string> Fields, string? Error) Record()
        {
            var fields = new List<string>();
            string? error = null;
            while (true)
            {
                var field = Field(fields.Count + 1, ref error);
                fields.Add(field);
                if (!AtEnd && text[Position] == delimiter)
                {
                    Position++;
                    continue;
                }
                SkipLineBreak();
                return (fields, error);
            }
        }

        /// <summary>Back to the line break after <paramref name="line"/>: the faulty record is that line alone.</summary>
        public void RestartAfterLine(int recordStart, int line)
        {
            var end = text.IndexOfAny(['\r', '\n'], recordStart);
            Position = end < 0 ? text.Length : end;
            Line = line;
            SkipLineBreak();
        }

        private string Field(int number, ref string? error)
        {
            var start = Position;
            while (!AtEnd && text[Position] == ' ') Position++;
            if (AtEnd || text[Position] != '"')
            {
                Position = start;
                while (!AtEnd && text[Position] != delimiter && text[Position] is not ('\r' or '\n'))
                {
                    if (text[Position] == '"')
                        error ??= $"pole {number} obsahuje uvozovku uprostřed textu; pole s uvozovkou celé uzavřete do uvozovek a uvozovku zdvojte (\"Jan\"\"a s.r.o.\")";
                    Position++;
                }
                return text[start..Position].Trim();
            }
            var openedOn = Line;
            Position++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    error ??= $"uvozovka na začátku pole {number} (řádek {openedOn}) není do konce souboru uzavřena";
                    return value.ToString();
                }
                var c = text[Position];
                if (c == '"')
                {
                    if (Position + 1 < text.Length && text[Position + 1] == '"')
                    {
                        value.Append('"');
                        Position += 2;
                        continue;
                    }
                    Position++;
                    break;
                }
                if (c == '\n' || (c == '\r' && (Position + 1 >= text.Length || text[Position + 1] != '\n'))) Line++;
                value.Append(c);
                Position++;
            }
            while (!AtEnd && text[Position] == ' ') Position++;
            if (!AtEnd && text[Position] != delimiter && text[Position] is not ('\r' or '\n'))
            {
                error ??= $"v poli {number} pokračuje text za uzavírací uvozovkou; uvozovku uvnitř pole zdvojte";
                while (!AtEnd && text[Position] != delimiter && text[Position] is not ('\r' or '\n')) value.Append(text[Position++]);
            }
            return value.ToString();
        }

        /// <summary>Past the record's line break; the end of the text counts as one, so that Line is always the next record's.</summary>
        private void SkipLineBreak()
        {
            if (!AtEnd && text[Position] == '\r') Position++;
            if (!AtEnd && text[Position] == '\n') Position++;
            Line++;
        }
    }
}
