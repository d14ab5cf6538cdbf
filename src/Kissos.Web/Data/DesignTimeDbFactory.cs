using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kissos.Data;

/// <summary>Lets `dotnet ef` build the model without starting the web host.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<KissosDb>
{
    public KissosDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KissosDb>();
        Configure(options, "Host=127.0.0.1;Port=55432;Database=kissos;Username=postgres");
        return new KissosDb(options.Options);
    }

    /// <summary>The one place the provider is set up, shared by the app and design time.</summary>
    public static void Configure(DbContextOptionsBuilder options, string? connectionString) =>
        options
            .UseNpgsql(connectionString, npg => npg.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention();
}
