using Kissos.Common;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Infrastructure;

/// <summary>
/// A database of its own for a test or test class, cloned from a template that holds the migrated schema and
/// the real reference data (built once per test run), so every test starts from the same known state.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string Template = "kissos_test_template";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    public string Name { get; }
    public string ConnectionString => TestEnvironment.ConnectionString(Name);

    private TestDatabase(string name) => Name = name;

    public static async Task<TestDatabase> CreateAsync()
    {
        await EnsureTemplateAsync();
        var database = new TestDatabase("kissos_test_" + Guid.NewGuid().ToString("N")[..12]);
        await TestEnvironment.ExecuteAsync($"CREATE DATABASE {database.Name} TEMPLATE {Template}");
        return database;
    }

    /// <summary>An empty database with the schema only, for import tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var database = new TestDatabase("kissos_test_" + Guid.NewGuid().ToString("N")[..12]);
        await TestEnvironment.ExecuteAsync($"CREATE DATABASE {database.Name}");
        await using var db = database.Open();
        await db.Database.MigrateAsync();
        return database;
    }

    public Kissos.Data.KissosDb Open() => TestEnvironment.CreateDb(Name);

    public async ValueTask DisposeAsync() =>
        await TestEnvironment.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private static async Task EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await TestEnvironment.ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await TestEnvironment.ExecuteAsync($"CREATE DATABASE {Template}");
            await using (var db = TestEnvironment.CreateDb(Template))
            {
                await db.Database.MigrateAsync();
                await DataImport.RunAsync(db, TestEnvironment.Options());
            }
            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
