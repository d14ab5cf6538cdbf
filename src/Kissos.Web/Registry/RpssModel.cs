using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kissos.Registry;

// The parts of one item of rpss.json's "polozky" that KISSoS imports (see shared/domain/RPSS_FORMAT.md). Whatever
// is not declared here is skipped by the deserializer and never held: notably the names of statutory bodies
// (poskytovatel.statutarniOrgany) and of heads of facilities, which are personal data.

/// <summary>A reference into an MPSV code list: {"id": "DruhSocialniSluzby/13"}.</summary>
public sealed record RpssRef(string? Id)
{
    /// <summary>The code after the list's name, when the reference is to that list.</summary>
    public string? Code(string list) =>
        Id is not null && Id.StartsWith(list + "/", StringComparison.Ordinal) ? Id[(list.Length + 1)..] : null;
}

public sealed record RpssItem(
    JsonElement PortalId,
    string? Identifikator,
    // Not in the documented format; used when present, otherwise the name of the first facility.
    string? Nazev,
    string? DatumPoskytovaniOd,
    string? DatumPoskytovaniDo,
    RpssRef? DruhSocialniSluzby,
    List<RpssForm>? Formy,
    List<RpssFacility>? Zarizeni,
    List<RpssContactAddress>? KontaktniAdresy,
    RpssProvider? Poskytovatel,
    List<RpssWeb>? Weby,
    List<RpssEmail>? Emaily,
    List<RpssPhone>? Telefony,
    List<RpssTargetGroup>? CiloveSkupiny,
    // Item shape unverified: read tolerantly (see RpssMapping.AgeCode).
    List<JsonElement>? VekoveSkupiny);

public sealed record RpssForm(RpssRef? Forma, List<RpssCapacity>? Kapacity);

public sealed record RpssCapacity(int? Pocet, RpssRef? Typ);

public sealed record RpssFacility(
    string? Nazev, RpssAddress? Adresa, string? PoskytujeOd, string? PoskytujeDo, bool? UtajenaAdresa);

public sealed record RpssContactAddress(RpssAddress? Adresa);

public sealed record RpssAddress(
    long? KodAdresnihoMista,
    int? CisloDomovni,
    JsonElement CisloOrientacni,
    string? Psc,
    RpssRef? Kraj,
    RpssRef? Obec,
    RpssRef? CastObce,
    RpssStreet? Ulice);

public sealed record RpssStreet(string? Nazev);

public sealed record RpssProvider(
    JsonElement Ico,
    string? Nazev,
    // Field name unverified in the format notes; read when present.
    RpssRef? PravniForma,
    List<RpssWeb>? Weby,
    List<RpssEmail>? Emaily,
    List<RpssPhone>? Telefony);

public sealed record RpssWeb(string? Web);

public sealed record RpssEmail(string? Email);

public sealed record RpssPhone(string? Telefon);

public sealed record RpssTargetGroup(RpssRef? CilovaSkupina);

/// <summary>Options for reading rpss.json: camelCase names, numbers or strings where the publisher varies.</summary>
public static class RpssJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>A JSON value that is a number or a string, as text (IČO, portalId, číslo orientační).</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()?.Trim() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
