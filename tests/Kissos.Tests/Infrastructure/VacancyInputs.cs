using Kissos.Vacancies;

namespace Kissos.Tests.Infrastructure;

/// <summary>Vacancies for tests, over real services of the registry extract.</summary>
public static class VacancyInputs
{
    /// <summary>Centrum Dominika Kokory (pobytová, CZ071), kept by the demo provider.</summary>
    public const string OwnHome = "mpsv-4365";
    public const string OwnHomePlace = "misto-11091614";
    /// <summary>Domov Alfreda Skeneho Pavlovice u Přerova (CZ071), another provider's.</summary>
    public const string ForeignHome = "mpsv-1050";
    public const string ForeignHomePlace = "misto-11133449";

    public static VacancyInput Valid(string serviceId = OwnHome, string placeId = OwnHomePlace) => new(
        serviceId, placeId, Places: 2, AvailableFrom: Today, ValidUntil: Today.AddDays(30), TargetGroup: "24",
        Description: "Dvoulůžkový pokoj s vlastní koupelnou.", BarrierFree: true, Floor: 1, Lift: true, BarrierNote: null,
        ContactName: "Mgr. Jana Nováková", ContactPhone: "581 292 611", ContactEmail: "prijem@example.cz", Version: null);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);
}
