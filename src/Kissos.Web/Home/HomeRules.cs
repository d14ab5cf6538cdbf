using System.Net.Mail;
using Kissos.Catalogue;

namespace Kissos.Home;

/// <summary>What staff send to create or change an item; Kraj is needed only from administrators.</summary>
public interface IKrajInput
{
    /// <summary>The kraj (NUTS3) the item belongs to; regional staff may leave it out (their own kraj).</summary>
    string? Kraj { get; }
}

/// <summary>An announcement. Audience: "vsichni", "kraj" or "druh" (with Druh, a druh code).</summary>
public sealed record AnnouncementInput(string? Kraj, string? Title, string? Text, DateOnly? ValidFrom, DateOnly? ValidTo,
    string? Audience, string? Druh) : IKrajInput;

/// <summary>A contact person. SortOrder orders the table (smaller first).</summary>
public sealed record ContactInput(string? Kraj, string? Name, string? Agenda, string? Email, string? Phone, int? SortOrder) : IKrajInput;

public sealed record FaqInput(string? Kraj, string? Question, string? Answer, int? SortOrder) : IKrajInput;

/// <summary>A document's description; its files are uploaded as versions. Kind: metodika, navod or jine.</summary>
public sealed record DocumentInput(string? Kraj, string? Kind, string? Module, int? Year, string? Title) : IKrajInput;

/// <summary>The checks of nástěnka inputs, each a pure function returning field → Czech messages (empty = valid).</summary>
public static class HomeRules
{
    public const int MaxTitle = 200;
    public const int MaxShort = 120;
    public const int MaxText = 20_000;
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public static readonly string[] DocumentKinds = ["metodika", "navod", "jine"];

    /// <summary>File types staff may upload, and the type each is served with (always as an attachment).</summary>
    public static readonly IReadOnlyDictionary<string, string> FileTypes = new Dictionary<string, string>
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".zip"] = "application/zip",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public static Dictionary<string, string[]> Check(AnnouncementInput a, KnownCodes known)
    {
        var errors = new Errors();
        errors.Text("title", a.Title, MaxTitle, "Nadpis");
        errors.Text("text", a.Text, MaxText, "Text");
        if (a.ValidFrom is null) errors.Add("validFrom", "Chybí datum, od kdy aktualita platí.");
        if (a.ValidTo < a.ValidFrom) errors.Add("validTo", "Aktualita nemůže přestat platit dřív, než začne.");
        if (!Audiences.Known.Contains(a.Audience))
            errors.Add("audience", $"Komu je aktualita určena: {string.Join(", ", Audiences.Known)}, ne '{a.Audience}'.");
        else if (a.Audience == Audiences.Druh && (a.Druh is null || !known.Druhy.Contains(a.Druh)))
            errors.Add("druh", $"Aktualita pro druh služby potřebuje známý kód druhu, ne '{a.Druh}'.");
        else if (a.Audience != Audiences.Druh && a.Druh is not null)
            errors.Add("druh", "Druh služby se uvádí jen u aktuality určené jednomu druhu.");
        return errors.Result;
    }

    public static Dictionary<string, string[]> Check(ContactInput c, KnownCodes known)
    {
        var errors = new Errors();
        errors.Text("name", c.Name, MaxShort, "Jméno");
        errors.Text("agenda", c.Agenda, MaxTitle, "Agenda");
        if (c.Email is not null && !MailAddress.TryCreate(c.Email, out _)) errors.Add("email", $"'{c.Email}' není e-mailová adresa.");
        if (c.Phone is { Length: > 40 }) errors.Add("phone", "Telefon má nejvýš 40 znaků.");
        if (c.Email is null && c.Phone is null) errors.Add("email", "Kontakt potřebuje e-mail nebo telefon.");
        return errors.Result;
    }

    public static Dictionary<string, string[]> Check(FaqInput f, KnownCodes known)
    {
        var errors = new Errors();
        errors.Text("question", f.Question, MaxTitle, "Otázka");
        errors.Text("answer", f.Answer, MaxText, "Odpověď");
        return errors.Result;
    }

    public static Dictionary<string, string[]> Check(DocumentInput d, KnownCodes known)
    {
        var errors = new Errors();
        errors.Text("title", d.Title, MaxTitle, "Název");
        errors.Text("module", d.Module, MaxShort, "Modul");
        if (!DocumentKinds.Contains(d.Kind)) errors.Add("kind", $"Druh dokumentu je {string.Join(", ", DocumentKinds)}, ne '{d.Kind}'.");
        if (d.Year is not (>= 2000 and <= 2100)) errors.Add("year", "Rok je celé číslo 2000–2100.");
        return errors.Result;
    }

    /// <summary>The content type of an uploaded file from its name, or an error for a name or type not allowed.</summary>
    public static (string? ContentType, string? Error) FileType(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxShort * 2 || fileName.IndexOfAny(['/', '\\', '\0']) >= 0)
            return (null, "Chybí název souboru (parametr nazev), nebo je delší než 240 znaků či obsahuje lomítko.");
        return FileTypes.TryGetValue(Path.GetExtension(fileName).ToLowerInvariant(), out var type)
            ? (type, null)
            : (null, $"Soubory typu '{Path.GetExtension(fileName)}' nahrát nelze; povolené jsou {string.Join(", ", FileTypes.Keys)}.");
    }

    private sealed class Errors
    {
        public Dictionary<string, string[]> Result { get; } = [];

        public void Add(string field, string message) =>
            Result[field] = [.. Result.GetValueOrDefault(field, []), message];

        public void Text(string field, string? value, int max, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(field, $"Vyplňte pole {label}.");
            else if (value.Length > max) Add(field, $"Pole {label} má nejvýš {max} znaků (má {value.Length})."); 
        }
    }
}
