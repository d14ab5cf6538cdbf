using Kissos.Catalogue;

namespace Kissos.Tests.Catalogue;

public class PlaceAddressTests
{
    [Theory]
    [InlineData("Vrbenská", 803, null, "75701", null, "Vrbenská 803, 75701 Valašské Meziříčí")]
    [InlineData("Vrbenská", 803, "12a", "75701", null, "Vrbenská 803/12a, 75701 Valašské Meziříčí")]
    [InlineData(null, 44, null, "75701", "Krásno", "Krásno 44, 75701 Valašské Meziříčí")]
    [InlineData(null, null, null, null, null, "Valašské Meziříčí")]
    public void Formats_a_Czech_postal_address(string? street, int? house, string? orientation, string? psc, string? quarter, string expected)
    {
        var place = new Place
        {
            Id = "p", ObecCode = "545058", Street = street, HouseNumber = house, OrientationNumber = orientation,
            PostCode = psc, Quarter = quarter,
        };

        Assert.Equal(expected, PlaceAddress.Format(place, "Valašské Meziříčí"));
    }
}
