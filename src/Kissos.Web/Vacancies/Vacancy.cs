using Kissos.Audit;

namespace Kissos.Vacancies;

/// <summary>Neobsazené místo: vacant places of a residential (pobytová) service at one of its places.</summary>
public sealed class Vacancy : IAudited
{
    public Guid Id { get; init; }
    public required string ServiceId { get; set; }
    public required string PlaceId { get; set; }
    /// <summary>Number of vacant places (beds).</summary>
    public required int Places { get; set; }
    public required DateOnly AvailableFrom { get; set; }
    /// <summary>The vacancy disappears from the public after this day.</summary>
    public required DateOnly ValidUntil { get; set; }
    /// <summary>Cílová skupina the place is for; null = any of the service's.</summary>
    public string? TargetGroup { get; set; }
    public required string Description { get; set; }
    /// <summary>Bezbariérovost: the place is accessible without barriers.</summary>
    public bool BarrierFree { get; set; }
    public int? Floor { get; set; }
    public bool? Lift { get; set; }
    public string? BarrierNote { get; set; }
    public required string ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>PostgreSQL's xmin: the optimistic-concurrency token a client sends back with an edit.</summary>
    public uint Version { get; set; }
}
