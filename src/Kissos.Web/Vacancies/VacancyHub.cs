using Microsoft.AspNetCore.SignalR;

namespace Kissos.Vacancies;

/// <summary>Pushes every published, changed or withdrawn vacancy to open map pages. Clients only listen.</summary>
public sealed class VacancyHub : Hub
{
    public const string Path = "/hubs/vacancies";
    public const string ChangedMethod = "vacancyChanged";
}

/// <summary>A change as clients receive it: the vacancy's id, what happened, and its public feature (null when gone).</summary>
public sealed record VacancyChange(Guid Id, string Action, System.Text.Json.JsonElement? Feature);
