using Kissos.Home;
using Kissos.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kissos.Data.Configurations;

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.ToTable("notice", "home");
        e.HasKey(n => n.Id);
        // The guarantee that a notice or reminder reaches an account once, however many instances create it.
        e.HasIndex(n => new { n.DedupeKey, n.UserId }).IsUnique();
        e.HasIndex(n => new { n.UserId, n.CreatedAt });
        e.HasIndex(n => n.NextMailAttemptAt).HasFilter("mail_pending");
        e.Property(n => n.DedupeKey).HasMaxLength(300);
        e.Property(n => n.Subject).HasMaxLength(300);
        e.Property(n => n.Ico).HasMaxLength(8);
        e.HasOne<Accounts.User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> e)
    {
        e.ToTable("announcement", "home", t =>
        {
            t.HasCheckConstraint("ck_announcement_audience", "audience IN ('vsichni', 'kraj', 'druh')");
            t.HasCheckConstraint("ck_announcement_druh", "(audience = 'druh') = (druh_code IS NOT NULL)");
            t.HasCheckConstraint("ck_announcement_dates", "valid_to IS NULL OR valid_to >= valid_from");
        });
        e.HasKey(a => a.Id);
        e.Property(a => a.Title).HasMaxLength(HomeRules.MaxTitle);
        e.Property(a => a.Text).HasMaxLength(HomeRules.MaxText);
        e.HasOne<Territory.Kraj>().WithMany().HasForeignKey(a => a.KrajNuts3).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Catalogue.Druh>().WithMany().HasForeignKey(a => a.DruhCode).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.KrajNuts3, a.ValidFrom });
    }
}

public sealed class HomeDocumentConfiguration : IEntityTypeConfiguration<HomeDocument>
{
    public void Configure(EntityTypeBuilder<HomeDocument> e)
    {
        e.ToTable("document", "home", t => t.HasCheckConstraint("ck_document_kind", "kind IN ('metodika', 'navod', 'jine')"));
        e.HasKey(d => d.Id);
        e.Property(d => d.Title).HasMaxLength(HomeRules.MaxTitle);
        e.Property(d => d.Module).HasMaxLength(HomeRules.MaxShort);
        e.HasOne<Territory.Kraj>().WithMany().HasForeignKey(d => d.KrajNuts3).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.KrajNuts3, d.Year });
    }
}

public sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> e)
    {
        e.ToTable("document_version", "home");
        e.HasKey(v => v.Id);
        e.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        e.Property(v => v.FileName).HasMaxLength(HomeRules.MaxShort * 2);
    }
}

public sealed class HomeContactConfiguration : IEntityTypeConfiguration<HomeContact>
{
    public void Configure(EntityTypeBuilder<HomeContact> e)
    {
        e.ToTable("contact", "home");
        e.HasKey(c => c.Id);
        e.Property(c => c.Name).HasMaxLength(HomeRules.MaxShort);
        e.Property(c => c.Agenda).HasMaxLength(HomeRules.MaxTitle);
        e.HasOne<Territory.Kraj>().WithMany().HasForeignKey(c => c.KrajNuts3).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => c.KrajNuts3);
    }
}

public sealed class FaqItemConfiguration : IEntityTypeConfiguration<FaqItem>
{
    public void Configure(EntityTypeBuilder<FaqItem> e)
    {
        e.ToTable("faq", "home");
        e.HasKey(f => f.Id);
        e.Property(f => f.Question).HasMaxLength(HomeRules.MaxTitle);
        e.Property(f => f.Answer).HasMaxLength(HomeRules.MaxText);
        e.HasOne<Territory.Kraj>().WithMany().HasForeignKey(f => f.KrajNuts3).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => f.KrajNuts3);
    }
}
