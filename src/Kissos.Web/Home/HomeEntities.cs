using Kissos.Audit;

namespace Kissos.Home;

/// <summary>An item of a kraj's nástěnka (home page), kept by that kraj's staff.</summary>
public interface IKrajItem
{
    Guid Id { get; }
    /// <summary>The kraj (NUTS3) whose staff keep the item.</summary>
    string KrajNuts3 { get; set; }
}

/// <summary>Who sees an announcement.</summary>
public static class Audiences
{
    /// <summary>Every signed-in account, whatever its kraj.</summary>
    public const string All = "vsichni";
    /// <summary>Accounts of the author's kraj: its staff, its obce, providers with a service there.</summary>
    public const string Kraj = "kraj";
    /// <summary>Providers with a service of one druh in the author's kraj (and the kraj's staff).</summary>
    public const string Druh = "druh";

    public static readonly string[] Known = [All, Kraj, Druh];
}

/// <summary>An announcement (aktualita) of regional staff, shown between ValidFrom and ValidTo (inclusive).</summary>
public sealed class Announcement : IKrajItem, IAudited
{
    public Guid Id { get; init; }
    public string KrajNuts3 { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Plain text with a tiny Markdown subset (paragraphs, "- " lists, **bold**, links); never HTML.</summary>
    public string Text { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string Audience { get; set; } = Audiences.Kraj;
    /// <summary>The druh (code) when Audience is "druh".</summary>
    public string? DruhCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A document to download (metodika, návod …) for one module and year; its files are its versions.</summary>
public sealed class HomeDocument : IKrajItem, IAudited
{
    public Guid Id { get; init; }
    public string KrajNuts3 { get; set; } = "";
    /// <summary>metodika, navod or jine.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The module it belongs to, e.g. "Rozpočet a vyúčtování".</summary>
    public string Module { get; set; } = "";
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public List<DocumentVersion> Versions { get; init; } = [];
}

/// <summary>One uploaded file of a document. Every version is kept; readers get the newest.</summary>
public sealed class DocumentVersion
{
    public Guid Id { get; init; }
    public Guid DocumentId { get; init; }
    /// <summary>1, 2, 3 … per document.</summary>
    public int Number { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public byte[] Content { get; init; } = [];
    public DateTimeOffset UploadedAt { get; init; }
    public string UploadedBy { get; init; } = "";
}

/// <summary>A contact person of the kraj (kontaktní osoba) and what they are responsible for.</summary>
public sealed class HomeContact : IKrajItem, IAudited
{
    public Guid Id { get; init; }
    public string KrajNuts3 { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>What they answer for, e.g. "Rozpočet a vyúčtování, Výkazy".</summary>
    public string Agenda { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A question with its answer (FAQ) of a kraj.</summary>
public sealed class FaqItem : IKrajItem, IAudited
{
    public Guid Id { get; init; }
    public string KrajNuts3 { get; set; } = "";
    public string Question { get; set; } = "";
    /// <summary>Plain text with the same tiny Markdown subset as announcements.</summary>
    public string Answer { get; set; } = "";
    public int SortOrder { get; set; }
}
