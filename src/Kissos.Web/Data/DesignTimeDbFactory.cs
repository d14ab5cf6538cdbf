using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

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
            .UseNpgsql(WithoutReset(connectionString), npg => npg.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Pooled connections are not reset (DISCARD ALL) when they go back to the pool: the app keeps no session state
    /// in them (no SET, temporary tables, LISTEN or advisory locks), and a reset also throws away what PostGIS caches
    /// per connection, above all the coordinate transformations, which then cost about a millisecond per request to
    /// build again.
    /// </summary>
    private static string? WithoutReset(string? connectionString) =>
        connectionString is null ? null : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
