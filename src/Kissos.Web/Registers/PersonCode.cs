using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kissos.Registers;

/// <summary>Identifying data of a person as a provider sends it once; it is never stored, only turned into a code.</summary>
public sealed record PersonIdentity(string? BirthNumber, string? GivenName, string? Surname, DateOnly? BirthDate);

/// <summary>
/// The pseudonymous code of a person: HMAC-SHA-256 under a secret key (configuration, never the database) of the
/// normalized identifying data — the rodné číslo when there is one, else given name, surname and date of birth.
/// The same person gives the same code at every provider; without the key the code cannot be reversed or tested.
/// </summary>
public sealed class PersonCodes(byte[] key, int keyVersion, TimeProvider? timeProvider = null)
{
    public const int MinKeyBytes = 32;

    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;

    public int KeyVersion { get; } = keyVersion;

    public static PersonCodes FromBase64(string? base64Key, int keyVersion)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64Key ?? ""); }
        catch (FormatException) { throw new InvalidOperationException("Kissos:Registers:PseudonymKey není platný base64 řetězec."); }
        if (key.Length < MinKeyBytes)
            throw new InvalidOperationException($"Kissos:Registers:PseudonymKey musí mít alespoň {MinKeyBytes} bajtů (base64); registry nelze bez klíče vést.");
        return new PersonCodes(key, keyVersion);
    }

    /// <summary>The code, or the reason (in Czech) why the identifying data is not enough.</summary>
    public (string? Code, string? Error) Derive(PersonIdentity person)
    {
        var (normalized, error) = Normalize(person);
        if (normalized is null) return (null, error);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalized));
        return (Convert.ToHexStringLower(hash), null);
    }

    /// <summary>
    /// The identity as hashed: "rc:" and the digits of a valid rodné číslo — which must agree with the date of
    /// birth when both are given — else "ndb:" and the normalized names and date of birth; or the reason why not.
    /// </summary>
    public (string? Normalized, string? Error) Normalize(PersonIdentity person)
    {
        if (string.IsNullOrWhiteSpace(person.BirthNumber))
        {
            var given = NormalizeName(person.GivenName);
            var surname = NormalizeName(person.Surname);
            if (given.Length == 0 || surname.Length == 0 || person.BirthDate is null)
                return (null, "chybí rodné číslo, nebo jméno, příjmení a datum narození");
            return ($"ndb:{given}|{surname}|{person.BirthDate:yyyy-MM-dd}", null);
        }
        var written = person.BirthNumber.Trim();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var (number, error) = BirthNumber.Parse(written, today);
        var restored = BirthNumber.WithDroppedZeros(written, person.BirthDate, today);
        var hint = restored is null ? "" :
            $"; s vynechanou úvodní nulou je to {restored.Written} (narození {restored.BirthDate:d. M. yyyy}) – Excel nuly na začátku čísla " +
            "vynechává, sloupec rodne_cislo uložte jako text";
        if (number is null) return (null, $"rodné číslo '{written}': {error}{hint}");
        if (person.BirthDate is { } date && date != number.BirthDate)
            return (null, $"rodné číslo '{written}' patří k datu narození {number.BirthDate:d. M. yyyy}, ne {date:d. M. yyyy}{hint}");
        if (person.BirthDate is null && restored is not null)
            return (null, $"rodné číslo '{written}' je nejednoznačné: jako devítimístné patří k narození {number.BirthDate:d. M. yyyy}{hint}; " +
                          "uveďte datum_narozeni");
        return ("rc:" + number.Digits, null);
    }

    /// <summary>Lower case, no diacritics, single spaces: "  Růžena  NOVÁKOVÁ" and "ruzena novakova" are one person.</summary>
    public static string NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var letters = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return string.Join(' ', new string(letters.ToArray()).ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
