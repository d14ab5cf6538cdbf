using System.Net.Mail;
using Kissos.Catalogue;
using Kissos.Common;

namespace Kissos.Vacancies;

/// <summary>What a provider sends to publish or change a vacancy.</summary>
public sealed record VacancyInput(
    string ServiceId, string PlaceId, int Places, DateOnly AvailableFrom, DateOnly ValidUntil, string? TargetGroup,
    string Description, bool BarrierFree, int? Floor, bool? Lift, string? BarrierNote,
    string ContactName, string? ContactPhone, string? ContactEmail, uint? Version);

/// <summary>Validation of a vacancy; every message is Czech and names the field.</summary>
public static class VacancyRules
{
    public const int MaxText = 2000;
    public const int MaxPlaces = 500;

    /// <summary>The ids present and short, checked before anything looks them up.</summary>
    public static FieldErrors CheckShape(VacancyInput v)
    {
        var errors = new FieldErrors();
        errors.Text("serviceId", "Služba", v.ServiceId, CatalogueLimits.Id, required: true);
        errors.Text("placeId", "Místo poskytování", v.PlaceId, CatalogueLimits.Id, required: true);
        errors.Text("targetGroup", "Cílová skupina", v.TargetGroup, CatalogueLimits.Id);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(VacancyInput v, DateOnly today, KnownCodes known)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        if (v.Places is < 1 or > MaxPlaces) Error("places", $"Počet volných míst musí být 1 až {MaxPlaces}.");
        if (v.ValidUntil < today) Error("validUntil", "Platnost nabídky už skončila; zadejte datum od dneška dál.");
        else if (v.ValidUntil > today.AddYears(1)) Error("validUntil", "Nabídku lze zveřejnit nejvýš na rok dopředu.");
        if (v.AvailableFrom > v.ValidUntil) Error("availableFrom", "Místo musí být volné nejpozději v den konce platnosti nabídky.");
        if (v.TargetGroup is not null && !known.TargetGroups.Contains(v.TargetGroup)) Error("targetGroup", $"Neznámá cílová skupina '{v.TargetGroup}'.");
        if (string.IsNullOrWhiteSpace(v.Description)) Error("description", "Popis místa je povinný.");
        else if (v.Description.Length > MaxText) Error("description", $"Popis místa je delší než {MaxText} znaků.");
        if (v.BarrierNote?.Length > MaxText) Error("barrierNote", $"Popis bariér je delší než {MaxText} znaků.");
        if (v.Floor is < -5 or > 60) Error("floor", "Podlaží musí být mezi -5 a 60.");
        if (string.IsNullOrWhiteSpace(v.ContactName)) Error("contactName", "Kontaktní osoba je povinná.");
        else if (v.ContactName.Length > 200) Error("contactName", "Jméno kontaktní osoby je delší než 200 znaků.");
        if (v.ContactPhone?.Length > 50) Error("contactPhone", "Telefon je delší než 50 znaků.");
        if (v.ContactEmail is { Length: > 0 } email && (email.Length > 200 || !MailAddress.TryCreate(email, out _)))
            Error("contactEmail", $"'{email}' není platná e-mailová adresa.");
        if (string.IsNullOrWhiteSpace(v.ContactPhone) && string.IsNullOrWhiteSpace(v.ContactEmail))
            Error("contactPhone", "Uveďte telefon nebo e-mail, aby se zájemce mohl spojit s poskytovatelem.");
        return errors;
    }

    public static void Apply(VacancyInput input, Vacancy vacancy)
    {
        vacancy.ServiceId = input.ServiceId;
        vacancy.PlaceId = input.PlaceId;
        vacancy.Places = input.Places;
        vacancy.AvailableFrom = input.AvailableFrom;
        vacancy.ValidUntil = input.ValidUntil;
        vacancy.TargetGroup = input.TargetGroup;
        vacancy.Description = input.Description.Trim();
        vacancy.BarrierFree = input.BarrierFree;
        vacancy.Floor = input.Floor;
        vacancy.Lift = input.Lift;
        vacancy.BarrierNote = input.BarrierNote?.Trim();
        vacancy.ContactName = input.ContactName.Trim();
        vacancy.ContactPhone = input.ContactPhone?.Trim();
        vacancy.ContactEmail = input.ContactEmail?.Trim();
    }
}
