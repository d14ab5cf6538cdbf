using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Kissos.Common;

/// <summary>
/// Turns the bytes of an imported text file into text without guessing silently: UTF-8 is read strictly; a file
/// that is not valid UTF-8 and declares nothing is Windows-1250 (Czech Excel's "CSV (oddělený středníkem)");
/// a declared charset is honoured. What cannot be read is refused with its line, and U+FFFD (a character lost
/// by an earlier wrong conversion) or NUL never reach the database or a person's code.
/// </summary>
public static class CsvText
{
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1250 { get; } = StrictCodePage(1250);

    private static Encoding StrictCodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>The names a client may declare (Content-Type charset, ?charset=).</summary>
    public const string SupportedNames = "utf-8, windows-1250";

    /// <summary>The encoding of a declared charset name, or null when KISSoS does not read it.</summary>
    public static Encoding? FromName(string name) => name.Trim().Trim('"').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => StrictUtf8,
        "windows-1250" or "cp1250" or "x-cp1250" => Windows1250,
        _ => null,
    };

    /// <summary>
    /// The text of <paramref name="bytes"/>: in the declared encoding when there is one, else UTF-8 when it is
    /// valid UTF-8 (with or without a byte order mark), else Windows-1250. Null when the file cannot be read;
    /// the reason is then in <paramref name="errors"/>, with the line.
    /// </summary>
    public static string? Decode(byte[] bytes, Encoding? declared, ImportErrorList errors)
    {
        ReadOnlySpan<byte> body = bytes;
        var bom = body.StartsWith(Encoding.UTF8.Preamble);
        if (bom && declared is null or UTF8Encoding) body = body[Encoding.UTF8.Preamble.Length..];
        var encoding = declared ?? (bom || InvalidUtf8At(body) < 0 ? StrictUtf8 : Windows1250);

        if (encoding is UTF8Encoding && InvalidUtf8At(body) is var at and >= 0)
        {
            errors.Add(LineOf(body, at), $"soubor není v kódování UTF-8, jak {(declared is null ? "ohlašuje znak BOM na jeho začátku" : "uvádí požadavek")} " +
                $"(neplatný bajt 0x{body[at]:X2}); uložte jej v Excelu jako „CSV UTF-8“, nebo uveďte charset=windows-1250");
            return null;
        }
        string text;
        try { text = encoding.GetString(body); }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index : 0;
            errors.Add(LineOf(body, Math.Min(offset, body.Length - 1)),
                $"soubor nelze přečíst v kódování {encoding.WebName} (bajt 0x{e.BytesUnknown?.FirstOrDefault():X2} v něm nic neznamená)");
            return null;
        }
        var before = errors.Errors.Count;
        var line = 1;
        var reported = 0;
        foreach (var c in text)
        {
            if (c == '\n') line++;
            else if (c is '\uFFFD' or '\0' && reported != line)
            {
                errors.Add(line, c == '\0'
                    ? "řádek obsahuje znak NUL; soubor není text CSV"
                    : "řádek obsahuje náhradní znak � (písmeno ztracené dřívějším převodem kódování); opravte text a soubor uložte znovu");
                reported = line;
            }
        }
        return errors.Errors.Count == before ? text : null;
    }

    /// <summary>The offset of the first byte that is not valid UTF-8, or -1.</summary>
    private static int InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData) return offset;
                if (status == OperationStatus.Done) return -1;
            }
            return -1;
        }
        finally { ArrayPool<char>.Shared.Return(buffer); }
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
