namespace Kissos.Common;

/// <summary>
/// IČO (identifikační číslo osoby): 8 digits, leading zeros kept, the last a check digit — the first seven
/// weighted 8…2, the check digit (11 − sum mod 11) mod 10.
/// </summary>
public static class Ico
{
    /// <summary>Why <paramref name="value"/> is not a valid IČO (in Czech), or null when it is one.</summary>
    public static string? Error(string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit)) return $"IČO '{value}' smí obsahovat jen číslice";
        if (value.Length < 8 && HasValidCheckDigit(value.PadLeft(8, '0')))
            return $"IČO '{value}' má jen {value.Length} číslic; s úvodními nulami {value.PadLeft(8, '0')} by bylo platné " +
                   "(Excel nuly na začátku čísla vynechává: sloupec uložte jako text)";
        if (value.Length != 8) return $"IČO '{value}' nemá 8 číslic";
        return HasValidCheckDigit(value) ? null : $"IČO '{value}' nemá platnou kontrolní číslici (poslední číslice by byla {CheckDigit(value)})";
    }

    private static bool HasValidCheckDigit(string eightDigits) => eightDigits[7] - '0' == CheckDigit(eightDigits);

    private static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 7; i++) sum += (digits[i] - '0') * (8 - i);
        return (11 - sum % 11) % 10;
    }
}
