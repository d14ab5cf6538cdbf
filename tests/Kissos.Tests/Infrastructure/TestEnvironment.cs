using Kissos.Common;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kissos.Tests.Infrastructure;

/// <summary>Where the test PostGIS and the shared real data are; both can be set by environment variables.</summary>
public static class TestEnvironment
{
    public static string ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("KISSOS_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres";

    public static string DataPath { get; } =
        Environment.GetEnvironmentVariable("KISSOS_DATA") ?? Path.Combine(RepositoryRoot(), "..", "shared");

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public static KissosOptions Options(string? dataPath = null) => new() { DataPath = dataPath ?? DataPath, ImportOnStart = false };

    public static KissosDb CreateDb(string database)
    {
        var options = new DbContextOptionsBuilder<KissosDb>();
        DesignTimeDbFactory.Configure(options, ConnectionString(database));
        return new KissosDb(options.Options);
    }

    public static async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kissos.sln"))) return dir.FullName;
        throw new InvalidOperationException("Kissos.sln not found above " + AppContext.BaseDirectory);
    }
}
