using Kissos.Registers;

namespace Kissos.Tests.Registers;

/// <summary>Rodné číslo by its official rules, and against the date of birth of the same row.</summary>
public class BirthNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }

    private static readonly PersonCodes Codes = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), keyVersion: 1, new FixedClock());

    private static (string? Code, string? Error) Derive(string birthNumber, DateOnly? birthDate = null) =>
        Codes.Derive(new PersonIdentity(birthNumber, null, null, birthDate));

    [Theory]
    [InlineData("010110/1231", 2001, 1, 10)]    // the person of issue 9
    [InlineData("855215/1234", 1985, 2, 15)]    // a woman: month + 50
    [InlineData("052315/1244", 2005, 3, 15)]    // a man since 2004: month + 20
    [InlineData("107315/1244", 2010, 3, 15)]    // a woman since 2004: month + 70
    [InlineData("451231/124", 1945, 12, 31)]    // 9 digits before 1954, no check digit
    [InlineData("520229/123", 1952, 2, 29)]     // 29 February of a leap year
    [InlineData("850101/1300", 1985, 1, 1)]     // remainder 10 with check digit 0: allowed until 1985
    public void A_valid_birth_number_gives_its_date_of_birth(string written, int year, int month, int day)
    {
        var (number, error) = BirthNumber.Parse(written, Today);

        Assert.Null(error);
        Assert.Equal(new DateOnly(year, month, day), number!.BirthDate);
        Assert.NotNull(Derive(written, new DateOnly(year, month, day)).Code);
    }

    [Theory]
    [InlineData("010110/1232", "kontrolní číslice")]     // wrong check digit
    [InlineData("900101/1240", "kontrolní číslice")]     // remainder-10 exception only until 1985
    [InlineData("552315/123", "devítimístné")]          // 9 digits only before 1954
    [InlineData("902315/1236", "až od roku 2004")]       // +20 months before 2004
    [InlineData("901315/1230", "měsíc 13")]
    [InlineData("550230/1234", "neexistuje")]           // 30 February
    [InlineData("300101/1234", "v budoucnosti")]        // 2030
    [InlineData("01011O/1231", "jen číslice")]
    [InlineData("12345", "5 číslic")]
    public void An_invalid_birth_number_says_what_is_wrong(string written, string reason)
    {
        var (number, error) = BirthNumber.Parse(written, Today);

        Assert.Null(number);
        Assert.Contains(reason, error);
        Assert.Contains(reason, Derive(written).Error);
    }

    [Fact]
    public void A_birth_number_must_match_the_date_of_birth_of_its_row()
    {
        var (code, error) = Derive("855215/1234", new DateOnly(1985, 2, 16));

        Assert.Null(code);
        Assert.Contains("patří k datu narození 15. 2. 1985, ne 16. 2. 1985", error);
    }

    [Fact]
    public void A_leading_zero_dropped_by_Excel_is_named_in_the_error()
    {
        // 101101231 would be a valid 9-digit number (1. 11. 1910), but the row says 10. 1. 2001: that is 010110/1231.
        var (code, error) = Derive("101101231", new DateOnly(2001, 1, 10));

        Assert.Null(code);
        Assert.Contains("patří k datu narození 1. 11. 1910", error);
        Assert.Contains("s vynechanou úvodní nulou je to 010110/1231", error);
    }

    [Fact]
    public void Without_a_date_of_birth_a_number_that_may_have_lost_its_zero_is_refused_as_ambiguous()
    {
        var (code, error) = Derive("101101231");

        Assert.Null(code);
        Assert.Contains("nejednoznačné", error);
        Assert.Contains("010110/1231", error);
    }

    [Fact]
    public void Several_dropped_zeros_are_found_too()
    {
        // 000110/1243 (born 10. 1. 2000) as Excel writes it: 1101243.
        var (code, error) = Derive("1101243", new DateOnly(2000, 1, 10));

        Assert.Null(code);
        Assert.Contains("000110/1243", error);
    }

    [Fact]
    public void A_nine_digit_number_written_with_its_slash_is_accepted_without_a_date()
    {
        Assert.NotNull(Derive("451231/124").Code);
        Assert.Contains("v budoucnosti", Derive("4512311243").Error); // 10 digits with year 45 are 2045
    }

    [Fact]
    public void The_same_person_written_with_or_without_the_slash_has_one_code()
    {
        Assert.Equal(Derive("0101101231").Code, Derive("010110/1231", new DateOnly(2001, 1, 10)).Code);
    }
}
