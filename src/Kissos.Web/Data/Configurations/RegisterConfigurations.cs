using Kissos.Catalogue;
using Kissos.Registers;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class ApplicantConfiguration : IEntityTypeConfiguration<Applicant>
{
    public void Configure(EntityTypeBuilder<Applicant> e)
    {
        e.ToTable("applicant", "registers", t =>
        {
            t.HasCheckConstraint("ck_applicant_urgency", "urgency BETWEEN 1 AND 3");
            t.HasCheckConstraint("ck_applicant_status", "status IN ('waiting', 'admitted', 'withdrawn', 'rejected')");
        });
        e.HasKey(a => a.Id);
        e.Property(a => a.PersonCode).HasMaxLength(64).IsFixedLength();
        e.HasIndex(a => new { a.ServiceId, a.PersonCode, a.AppliedOn }).IsUnique();
        e.HasIndex(a => new { a.PersonCode, a.Status });
        e.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Obec>().WithMany().HasForeignKey(a => a.ObecCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceUserConfiguration : IEntityTypeConfiguration<ServiceUser>
{
    public void Configure(EntityTypeBuilder<ServiceUser> e)
    {
        e.ToTable("service_user", "registers", t => t.HasCheckConstraint("ck_service_user_dates", "ended_on IS NULL OR ended_on >= started_on"));
        e.HasKey(u => u.Id);
        e.Property(u => u.PersonCode).HasMaxLength(64).IsFixedLength();
        e.HasIndex(u => new { u.ServiceId, u.PersonCode, u.StartedOn }).IsUnique();
        e.HasIndex(u => u.PersonCode);
        e.HasOne<Service>().WithMany().HasForeignKey(u => u.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Service>().WithMany().HasForeignKey(u => u.NextServiceId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Obec>().WithMany().HasForeignKey(u => u.ObecCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UserSnapshotConfiguration : IEntityTypeConfiguration<UserSnapshot>
{
    public void Configure(EntityTypeBuilder<UserSnapshot> e)
    {
        e.ToTable("user_snapshot", "registers");
        e.HasKey(s => new { s.ServiceId, s.QuarterEnd, s.ObecCode });
        e.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AdverseSituationConfiguration : IEntityTypeConfiguration<AdverseSituation>
{
    public void Configure(EntityTypeBuilder<AdverseSituation> e)
    {
        e.ToTable("adverse_situation", "catalogue");
        e.HasKey(a => a.Code);
    }
}
