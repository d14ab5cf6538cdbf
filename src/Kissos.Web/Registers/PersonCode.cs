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
public sealed class PersonCodes(byte[] key, int keyVersion)
{
    public const int MinKeyBytes = 32;

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

    public static (string? Normalized, string? Error) Normalize(PersonIdentity person)
    {
        if (!string.IsNullOrWhiteSpace(person.BirthNumber))
        {
            var digits = new string(person.BirthNumber.Where(c => !char.IsWhiteSpace(c) && c != '/').ToArray());
            return IsValidBirthNumber(digits) ? ("rc:" + digits, null) : (null, $"rodné číslo '{person.BirthNumber}' není platné");
        }
        var given = NormalizeName(person.GivenName);
        var surname = NormalizeName(person.Surname);
        if (given.Length == 0 || surname.Length == 0 || person.BirthDate is null)
            return (null, "chybí rodné číslo, nebo jméno, příjmení a datum narození");
        return ($"ndb:{given}|{surname}|{person.BirthDate:yyyy-MM-dd}", null);
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

    /// <summary>
    /// Rodné číslo: 9 digits (born before 1954) or 10 digits divisible by 11 (or with the remainder-10 exception:
    /// the check digit 0); month may carry +50 (women) or +20/+70 (since 2004).
    /// </summary>
    public static bool IsValidBirthNumber(string digits)
    {
        if (digits.Length is not (9 or 10) || !digits.All(char.IsAsciiDigit)) return false;
        var month = int.Parse(digits.AsSpan(2, 2)) % 50;
        if (month > 20) month -= 20;
        var day = int.Parse(digits.AsSpan(4, 2));
        if (month is < 1 or > 12 || day is < 1 or > 31) return false;
        if (digits.Length == 9) return true;
        var number = long.Parse(digits);
        if (number % 11 == 0) return true;
        return long.Parse(digits[..9]) % 11 == 10 && digits[9] == '0';
    }
}
