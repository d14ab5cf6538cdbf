using Kissos.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> e)
    {
        e.ToTable("data_version", "common", t => t.HasCheckConstraint("ck_data_version_singleton", $"id = {DataVersion.SingletonId}"));
        e.HasKey(v => v.Id);
        e.Property(v => v.Id).ValueGeneratedNever();
        e.HasData(new DataVersion { Id = DataVersion.SingletonId, Version = 1, ChangedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });
    }
}
