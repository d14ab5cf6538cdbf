using System.Text.Json;

namespace Kissos.Audit;

/// <summary>Marks entities whose every change is written to the audit log.</summary>
public interface IAudited;

/// <summary>One change of one entity: who, when, what, old and new values (JSON objects of the changed properties).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required string Entity { get; init; }
    public required string EntityId { get; init; }
    /// <summary>created, updated, deleted, or imported for a whole reference-data reload.</summary>
    public required string Action { get; init; }
    public JsonDocument? OldValues { get; init; }
    public JsonDocument? NewValues { get; init; }
}
