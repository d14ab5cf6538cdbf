using Kissos.Accounts;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Audit;

/// <summary>
/// Which audit entries an account may read: administrators all; regional staff those about services, capacities,
/// providers and reloads of data in their kraj, and about places, place links and vacancies located in it (as they
/// are now). Entries about anything else (accounts, other kraje) stay hidden.
/// </summary>
public static class AuditScope
{
    public static IQueryable<AuditEntry> Entries(KissosDb db, AccessScope scope)
    {
        if (scope.IsAdmin) return db.AuditEntries;
        var service = $"SELECT 1 FROM catalogue.service s WHERE {scope.SqlCondition}";
        var place = $"SELECT 1 FROM catalogue.place p WHERE {scope.PlaceSqlCondition}";
        var sql = $"""
            SELECT a.* FROM audit.audit_entry a WHERE CASE a.entity
                WHEN 'Service' THEN EXISTS ({service} AND s.id = a.entity_id)
                WHEN 'ServiceCapacity' THEN EXISTS ({service} AND s.id = split_part(a.entity_id, '|', 1))
                WHEN 'Provider' THEN EXISTS ({service} AND s.provider_ico = a.entity_id)
                WHEN 'Place' THEN EXISTS ({place} AND p.id = a.entity_id)
                WHEN 'ServicePlace' THEN EXISTS ({place} AND p.id = split_part(a.entity_id, '|', 2))
                WHEN 'Vacancy' THEN EXISTS ({place} AND p.id = (SELECT v.place_id FROM vacancies.vacancy v WHERE v.id::text = a.entity_id))
                WHEN 'ReferenceData' THEN true
                WHEN 'RegistryRefresh' THEN true
                ELSE false END
            """;
        return db.AuditEntries.FromSqlRaw(sql, scope.SqlParameters.Cast<object>().ToArray());
    }
}
