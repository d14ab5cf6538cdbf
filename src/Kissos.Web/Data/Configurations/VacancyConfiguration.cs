using Kissos.Catalogue;
using Kissos.Vacancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class VacancyConfiguration : IEntityTypeConfiguration<Vacancy>
{
    public void Configure(EntityTypeBuilder<Vacancy> e)
    {
        e.ToTable("vacancy", "vacancies", t =>
        {
            t.HasCheckConstraint("ck_vacancy_places", "places > 0");
            t.HasCheckConstraint("ck_vacancy_dates", "valid_until >= available_from");
        });
        e.HasKey(v => v.Id);
        e.Property(v => v.Version).IsRowVersion();
        e.Property(v => v.Description).HasMaxLength(VacancyRules.MaxText);
        e.Property(v => v.BarrierNote).HasMaxLength(VacancyRules.MaxText);
        e.Property(v => v.ContactName).HasMaxLength(200);
        e.HasOne<Service>().WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Place>().WithMany().HasForeignKey(v => v.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.ServiceId, v.ValidUntil });
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Kissos.Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Kissos.Audit.AuditEntry> e)
    {
        e.ToTable("audit_entry", "audit");
        e.HasKey(a => a.Id);
        e.HasIndex(a => new { a.Entity, a.EntityId });
        e.HasIndex(a => a.At);
    }
}
