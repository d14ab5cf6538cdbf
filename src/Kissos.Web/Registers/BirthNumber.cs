using System.Globalization;

namespace Kissos.Registers;

/// <summary>
/// Rodné číslo by its official rules (zákon 133/2000 Sb., § 13): RRMMDD and a suffix — 3 digits for people born
/// before 1954, 4 digits since, the whole 10-digit number divisible by 11 (until 1985 also a remainder of 10 with
/// the check digit 0); the month is +50 for women and, since 2004, may be +20 (men) or +70 (women); the date must
/// exist and not lie in the future. Excel turns the column into a number and drops leading zeros, so a number
/// shorter than 10 digits is also tried with them back, to say so in the error.
/// </summary>
public static class BirthNumber
{
    /// <summary>A rodné číslo read: its digits and the date of birth it encodes.</summary>
    public sealed record Parsed(string Digits, DateOnly BirthDate)
    {
        public string Written => $"{Digits[..6]}/{Digits[6..]}";
    }

    /// <summary>The digits and date of birth of a written rodné číslo ("010110/1231", "0101101231"), or why it is not valid.</summary>
    public static (Parsed? Number, string? Error) Parse(string written, DateOnly today)
    {
        var digits = new string(written.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Count(c => c == '/') == 1 && digits.IndexOf('/') == 6) digits = digits.Replace("/", "");
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return (null, "smí obsahovat jen číslice a lomítko za šestou číslicí");
        if (digits.Length is not (9 or 10)) return (null, $"má {digits.Length} číslic místo 9 nebo 10");

        var yy = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var year = digits.Length == 9 || yy >= 54 ? 1900 + yy : 2000 + yy;
        if (digits.Length == 9 && yy >= 54) return (null, "devítimístné rodné číslo mají jen lidé narození před rokem 1954; od té doby má 10 číslic");

        var mm = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var month = mm switch { >= 1 and <= 12 => mm, >= 51 and <= 62 => mm - 50, >= 21 and <= 32 => mm - 20, >= 71 and <= 82 => mm - 70, _ => 0 };
        if (month == 0) return (null, $"měsíc {mm:00} není platný (1–12, u žen 51–62, od roku 2004 též 21–32 a 71–82)");
        if (mm is (>= 21 and <= 32) or (>= 71 and <= 82) && year < 2004)
            return (null, $"měsíc {mm:00} (+20) se přiděluje až od roku 2004, ne v roce {year}");
        var dd = int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (dd < 1 || dd > DateTime.DaysInMonth(year, month)) return (null, $"datum {dd}. {month}. {year} neexistuje");
        var birthDate = new DateOnly(year, month, dd);
        if (birthDate > today) return (null, $"datum narození {birthDate:d. M. yyyy} je v budoucnosti");

        if (digits.Length == 10 && long.Parse(digits, CultureInfo.InvariantCulture) % 11 != 0)
        {
            var remainder = long.Parse(digits.AsSpan(0, 9), CultureInfo.InvariantCulture) % 11;
            if (!(remainder == 10 && digits[9] == '0' && year < 1986))
                return (null, "kontrolní číslice nesouhlasí (číslo není dělitelné 11)");
        }
        return (new Parsed(digits, birthDate), null);
    }

    /// <summary>
    /// The valid 10-digit rodné číslo that <paramref name="written"/> becomes with its dropped leading zeros back,
    /// when it is shorter and that number matches <paramref name="birthDate"/> (if given); else null.
    /// </summary>
    public static Parsed? WithDroppedZeros(string written, DateOnly? birthDate, DateOnly today)
    {
        var digits = new string(written.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 7 or > 9 || digits.Length != written.Trim().Length) return null;
        var (padded, _) = Parse(digits.PadLeft(10, '0'), today);
        return padded is not null && (birthDate is null || padded.BirthDate == birthDate) ? padded : null;
    }
}
