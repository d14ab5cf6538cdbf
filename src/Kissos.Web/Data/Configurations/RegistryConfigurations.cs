using Kissos.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class RefreshConfiguration : IEntityTypeConfiguration<Refresh>
{
    public void Configure(EntityTypeBuilder<Refresh> e)
    {
        e.ToTable("refresh", "registry");
        e.HasKey(r => r.Id);
        e.Ignore(r => r.AddressCodesNotFoundShare);
        e.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.RefreshId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.StartedAt);
    }
}

public sealed class RefreshChangeConfiguration : IEntityTypeConfiguration<RefreshChange>
{
    public void Configure(EntityTypeBuilder<RefreshChange> e)
    {
        e.ToTable("refresh_change", "registry", t =>
            t.HasCheckConstraint("ck_refresh_change_kind", $"kind IN ({string.Join(", ", ChangeKinds.All.Select(k => $"'{k}'"))})"));
        e.HasKey(c => c.Id);
        e.HasIndex(c => new { c.RefreshId, c.Kind });
    }
}
