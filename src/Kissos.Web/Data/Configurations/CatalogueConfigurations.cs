using Kissos.Catalogue;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class DruhConfiguration : IEntityTypeConfiguration<Druh>
{
    public void Configure(EntityTypeBuilder<Druh> e)
    {
        e.ToTable("druh", "catalogue");
        e.HasKey(d => d.Code);
    }
}

public sealed class FormaConfiguration : IEntityTypeConfiguration<Forma>
{
    public void Configure(EntityTypeBuilder<Forma> e)
    {
        e.ToTable("forma", "catalogue");
        e.HasKey(f => f.Code);
    }
}

public sealed class TargetGroupConfiguration : IEntityTypeConfiguration<TargetGroup>
{
    public void Configure(EntityTypeBuilder<TargetGroup> e)
    {
        e.ToTable("target_group", "catalogue");
        e.HasKey(t => t.Code);
    }
}

public sealed class AgeCategoryConfiguration : IEntityTypeConfiguration<AgeCategory>
{
    public void Configure(EntityTypeBuilder<AgeCategory> e)
    {
        e.ToTable("age_category", "catalogue");
        e.HasKey(a => a.Code);
    }
}

public sealed class CapacityTypeConfiguration : IEntityTypeConfiguration<CapacityType>
{
    public void Configure(EntityTypeBuilder<CapacityType> e)
    {
        e.ToTable("capacity_type", "catalogue");
        e.HasKey(c => c.Code);
    }
}

public sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> e)
    {
        e.ToTable("provider", "catalogue");
        e.HasKey(p => p.Ico);
        e.Property(p => p.Ico).HasMaxLength(8);
    }
}

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> e)
    {
        e.ToTable("service", "catalogue");
        e.HasKey(s => s.Id);
        e.HasOne<Provider>().WithMany().HasForeignKey(s => s.ProviderIco).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Druh>().WithMany().HasForeignKey(s => s.DruhCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Obec>().WithMany().HasForeignKey(s => s.ContactObecCode).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.CatchmentGeom).HasColumnType("geometry(MultiPolygon,5514)");
        e.Property(s => s.Version).IsRowVersion();
        e.OwnsMany(s => s.Capacities, c =>
        {
            c.ToTable("service_capacity", "catalogue");
            c.WithOwner().HasForeignKey("ServiceId");
            c.HasKey("ServiceId", nameof(ServiceCapacity.Form), nameof(ServiceCapacity.CapacityType));
            c.HasOne<CapacityType>().WithMany().HasForeignKey(x => x.CapacityType).OnDelete(DeleteBehavior.Restrict);
        });
        e.HasMany(s => s.Places).WithOne().HasForeignKey(sp => sp.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.DruhCode);
        e.HasIndex(s => s.ProviderIco);
        e.HasIndex(s => s.CatchmentGeom).HasMethod("gist");
    }
}

public sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> e)
    {
        e.ToTable("place", "catalogue");
        e.HasKey(p => p.Id);
        e.Property(p => p.Location).HasColumnType("geometry(Point,5514)");
        e.HasOne<Obec>().WithMany().HasForeignKey(p => p.ObecCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.Location).HasMethod("gist");
        e.HasIndex(p => p.ObecCode);
    }
}

public sealed class ServicePlaceConfiguration : IEntityTypeConfiguration<ServicePlace>
{
    public void Configure(EntityTypeBuilder<ServicePlace> e)
    {
        e.ToTable("service_place", "catalogue");
        e.HasKey(sp => new { sp.ServiceId, sp.PlaceId });
        e.HasOne(sp => sp.Place).WithMany().HasForeignKey(sp => sp.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(sp => sp.PlaceId);
    }
}
