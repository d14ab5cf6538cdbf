using Kissos.Catalogue;
using Kissos.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> e)
    {
        e.ToTable("template_version", "forms");
        e.HasKey(t => t.Id);
        e.Property(t => t.Definition).HasColumnType("jsonb");
        e.HasIndex(t => new { t.Family, t.Year, t.Kraj, t.Version }).IsUnique();
    }
}

public sealed class FormTermConfiguration : IEntityTypeConfiguration<FormTerm>
{
    public void Configure(EntityTypeBuilder<FormTerm> e)
    {
        e.ToTable("term", "forms", t => t.HasCheckConstraint("ck_term_term", "term BETWEEN 1 AND 4"));
        e.HasKey(t => new { t.Kraj, t.Year, t.Term });
    }
}

public sealed class NetworkEntryConfiguration : IEntityTypeConfiguration<NetworkEntry>
{
    public void Configure(EntityTypeBuilder<NetworkEntry> e)
    {
        e.ToTable("network_entry", "forms", t => t.HasCheckConstraint("ck_network_units", "units >= 0 AND (beds IS NULL OR beds >= 0)"));
        e.HasKey(n => new { n.Kraj, n.Year, n.ServiceId });
        e.Property(n => n.Units).HasPrecision(10, 2);
        e.HasOne<Service>().WithMany().HasForeignKey(n => n.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FormConfiguration : IEntityTypeConfiguration<Form>
{
    public void Configure(EntityTypeBuilder<Form> e)
    {
        e.ToTable("form", "forms", t => t.HasCheckConstraint("ck_form_term", "term BETWEEN 1 AND 4"));
        e.HasKey(f => f.Id);
        e.Property(f => f.Version).IsRowVersion();
        e.Property(f => f.Content).HasColumnType("jsonb");
        e.Property(f => f.Totals).HasColumnType("jsonb");
        e.HasOne<TemplateVersion>().WithMany().HasForeignKey(f => f.TemplateId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(f => f.ServiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.Family, f.ServiceId, f.Year, f.Term }).IsUnique();
        e.HasIndex(f => new { f.Kraj, f.Year, f.Term });
    }
}

public sealed class FormTransitionConfiguration : IEntityTypeConfiguration<FormTransition>
{
    public void Configure(EntityTypeBuilder<FormTransition> e)
    {
        e.ToTable("transition", "forms");
        e.HasKey(t => t.Id);
        e.HasOne<Form>().WithMany().HasForeignKey(t => t.FormId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.FormId, t.At });
    }
}

public sealed class FormSignatureConfiguration : IEntityTypeConfiguration<FormSignature>
{
    public void Configure(EntityTypeBuilder<FormSignature> e)
    {
        e.ToTable("signature", "forms", t => t.HasCheckConstraint("ck_signature_sha256", "sha256 ~ '^[0-9a-f]{64}$'"));
        e.HasKey(s => s.Id);
        e.HasOne<Form>().WithMany().HasForeignKey(s => s.FormId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.FormId, s.Number }).IsUnique();
    }
}
