using Kissos.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class KrajConfiguration : IEntityTypeConfiguration<Kraj>
{
    public void Configure(EntityTypeBuilder<Kraj> e)
    {
        e.ToTable("kraj", "territory");
        e.HasKey(k => k.Nuts3);
        e.Property(k => k.Nuts3).HasMaxLength(5);
        e.Property(k => k.Geom).HasColumnType("geometry(MultiPolygon,5514)");
        e.Property(k => k.Generalized).HasColumnType("geometry(MultiPolygon,5514)");
        e.HasIndex(k => k.RuianCode).IsUnique();
        e.HasIndex(k => k.Geom).HasMethod("gist");
    }
}

public sealed class OrpConfiguration : IEntityTypeConfiguration<Orp>
{
    public void Configure(EntityTypeBuilder<Orp> e)
    {
        e.ToTable("orp", "territory");
        e.HasKey(o => o.CsuCode);
        e.Property(o => o.CsuCode).HasMaxLength(4);
        e.Property(o => o.Geom).HasColumnType("geometry(MultiPolygon,5514)");
        e.Property(o => o.Generalized).HasColumnType("geometry(MultiPolygon,5514)");
        e.HasOne<Kraj>().WithMany().HasForeignKey(o => o.KrajNuts3).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => o.RuianCode).IsUnique();
        e.HasIndex(o => o.Geom).HasMethod("gist");
    }
}

public sealed class ObecConfiguration : IEntityTypeConfiguration<Obec>
{
    public void Configure(EntityTypeBuilder<Obec> e)
    {
        e.ToTable("obec", "territory");
        e.HasKey(o => o.Code);
        e.Property(o => o.Code).HasMaxLength(6);
        e.Property(o => o.Geom).HasColumnType("geometry(MultiPolygon,5514)");
        e.Property(o => o.Generalized).HasColumnType("geometry(MultiPolygon,5514)");
        e.HasOne<Orp>().WithMany().HasForeignKey(o => o.OrpCsuCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => o.Geom).HasMethod("gist");
    }
}
