using Kissos.Accounts;
using Kissos.Audit;
using Kissos.Catalogue;
using Kissos.Registers;
using Kissos.Common;
using Kissos.Home;
using Kissos.Notices;
using Kissos.Forms;
using Kissos.Registry;
using Kissos.Territory;
using Kissos.Vacancies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Data;

public sealed class KissosDb(DbContextOptions<KissosDb> options) : IdentityDbContext<User>(options)
{
    public DbSet<Kraj> Kraje => Set<Kraj>();
    public DbSet<Orp> Orp => Set<Orp>();
    public DbSet<Obec> Obce => Set<Obec>();

    public DbSet<Druh> Druhy => Set<Druh>();
    public DbSet<Forma> Formy => Set<Forma>();
    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();
    public DbSet<AgeCategory> AgeCategories => Set<AgeCategory>();
    public DbSet<CapacityType> CapacityTypes => Set<CapacityType>();

    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<ServicePlace> ServicePlaces => Set<ServicePlace>();

    public DbSet<AdverseSituation> AdverseSituations => Set<AdverseSituation>();
    public DbSet<Applicant> Applicants => Set<Applicant>();
    public DbSet<ServiceUser> ServiceUsers => Set<ServiceUser>();
    public DbSet<UserSnapshot> UserSnapshots => Set<UserSnapshot>();

    public DbSet<Refresh> Refreshes => Set<Refresh>();
    public DbSet<RefreshChange> RefreshChanges => Set<RefreshChange>();

    public DbSet<Vacancy> Vacancies => Set<Vacancy>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<FormTerm> FormTerms => Set<FormTerm>();
    public DbSet<NetworkEntry> NetworkEntries => Set<NetworkEntry>();
    public DbSet<Form> Forms => Set<Form>();
    public DbSet<FormTransition> FormTransitions => Set<FormTransition>();
    public DbSet<FormSignature> FormSignatures => Set<FormSignature>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Off while the reference data is reloaded as a whole: that is one audit entry, not thousands.</summary>
    public bool AuditEnabled { get; set; } = true;
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<HomeDocument> HomeDocuments => Set<HomeDocument>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<HomeContact> HomeContacts => Set<HomeContact>();
    public DbSet<FaqItem> FaqItems => Set<FaqItem>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.HasPostgresExtension("postgis");
        b.ApplyConfigurationsFromAssembly(typeof(KissosDb).Assembly);
        foreach (var type in new[] { typeof(User), typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>),
                     typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>), typeof(IdentityRoleClaim<string>) })
            b.Entity(type).ToTable(b.Entity(type).Metadata.GetTableName()!, "accounts");
    }
}
