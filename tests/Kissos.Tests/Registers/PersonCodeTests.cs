using Kissos.Registers;

namespace Kissos.Tests.Registers;

public class PersonCodeTests
{
    private static readonly PersonCodes Codes = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), keyVersion: 1);

    [Theory]
    [InlineData("855215/1234", "8552151234")]
    [InlineData("855215 1234", "8552151234")]
    [InlineData(" 8552151234 ", "8552151234")]
    public void A_birth_number_gives_one_code_however_it_is_written(string written, string plain)
    {
        Assert.Equal(Codes.Derive(new(plain, null, null, null)).Code, Codes.Derive(new(written, null, null, null)).Code);
    }

    [Fact]
    public void Name_and_birth_date_ignore_case_diacritics_and_spaces()
    {
        var a = Codes.Derive(new(null, "Růžena", "Nováková", new DateOnly(1941, 3, 12))).Code;
        var b = Codes.Derive(new(null, "  RUZENA ", "novakova", new DateOnly(1941, 3, 12))).Code;
        var other = Codes.Derive(new(null, "Růžena", "Nováková", new DateOnly(1941, 3, 13))).Code;

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void The_code_is_a_keyed_hash_that_reveals_nothing()
    {
        var person = new PersonIdentity("8552151234", null, null, null);
        var otherKey = new PersonCodes(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray(), keyVersion: 2);

        var code = Codes.Derive(person).Code!;

        Assert.Matches("^[0-9a-f]{64}$", code);
        Assert.DoesNotContain("8552151234", code);
        Assert.NotEqual(code, otherKey.Derive(person).Code);
    }

    [Theory]
    [InlineData("455101/0018")]   // 10 digits not divisible by 11
    [InlineData("451301/001")]    // month 13
    [InlineData("12345")]
    public void An_invalid_birth_number_is_refused(string birthNumber)
    {
        var (code, error) = Codes.Derive(new(birthNumber, "Jan", "Novák", new DateOnly(1950, 1, 1)));

        Assert.Null(code);
        Assert.Contains("rodné číslo", error);
    }

    [Fact]
    public void Without_a_birth_number_name_and_date_of_birth_are_required()
    {
        var (code, error) = Codes.Derive(new(null, "Jan", null, new DateOnly(1950, 1, 1)));

        Assert.Null(code);
        Assert.Contains("datum narození", error);
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => PersonCodes.FromBase64(Convert.ToBase64String(new byte[16]), 1));
    }
}
