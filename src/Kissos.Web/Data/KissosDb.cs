using Kissos.Catalogue;
using Kissos.Common;
using Kissos.Territory;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Data;

public sealed class KissosDb(DbContextOptions<KissosDb> options) : DbContext(options)
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

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("postgis");
        b.ApplyConfigurationsFromAssembly(typeof(KissosDb).Assembly);
    }
}
