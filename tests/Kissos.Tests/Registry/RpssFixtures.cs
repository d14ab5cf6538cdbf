using Kissos.Common;
using Kissos.Registry;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Registry;

/// <summary>
/// The fixture files in the publishers' formats (Fixtures/): rpss.json v1 and v2 (a month later) and the RÚIAN
/// address points of each month (Windows-1250 CSV, one per obec), and how the tests run a refresh over them.
/// </summary>
public static class RpssFixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Registry", "Fixtures");
    public static string V1 => Path.Combine(Folder, "rpss-v1.json");
    public static string V2 => Path.Combine(Folder, "rpss-v2.json");
    public static string AddressesV1 => Path.Combine(Folder, "adresy-v1");
    public static string AddressesV2 => Path.Combine(Folder, "adresy-v2");
    public static string VfrSample => Path.Combine(TestEnvironment.DataPath, "gis-data", "vfr", "OB_UKSH.xml.gz");

    /// <summary>The day of the refreshes: the fixtures' end dates are before or after it.</summary>
    public static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>The seeded database without the regional extract's catalogue: the official file is the whole registry.</summary>
    public static async Task<TestDatabase> EmptyCatalogueAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await ClearCatalogueAsync(database.Name);
        return database;
    }

    public static Task ClearCatalogueAsync(string database) => TestEnvironment.ExecuteAsync(
        "DELETE FROM catalogue.service; DELETE FROM catalogue.place; DELETE FROM catalogue.provider;", database);

    public static async Task<Refresh> RefreshAsync(
        TestDatabase database, string rpss, string addresses, string? vfr = null, KissosOptions? options = null)
    {
        await using var db = database.Open();
        return await RegistryRefresh.RunAsync(db, options ?? TestEnvironment.Options(), new RegistryRefresh.Sources(rpss, addresses, vfr),
            Today, TimeProvider.System);
    }

    /// <summary>A refresh that must have been stored; its errors are the failure message otherwise.</summary>
    public static async Task<Refresh> RefreshOkAsync(TestDatabase database, string rpss, string addresses, string? vfr = null, KissosOptions? options = null)
    {
        var refresh = await RefreshAsync(database, rpss, addresses, vfr, options);
        Assert.True(refresh.Succeeded, string.Join(Environment.NewLine, refresh.Errors));
        return refresh;
    }

    /// <summary>
    /// The catalogue as stored, row versions (xmin) included: equal fingerprints mean not even an identical
    /// rewrite happened.
    /// </summary>
    public static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.Database.SqlQueryRaw<string>(
            """
            SELECT concat_ws('|',
                (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.ico)) FROM catalogue.provider t),
                (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM catalogue.service t),
                (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.id)) FROM catalogue.place t),
                (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t.service_id, t.place_id)) FROM catalogue.service_place t),
                (SELECT md5(string_agg(t::text || t.xmin::text, ',' ORDER BY t::text)) FROM catalogue.service_capacity t)) AS "Value"
            """).SingleAsync();
    }

    /// <summary>Every row of the catalogue, the refresh reports and the audit log, as text.</summary>
    public static async Task<string> DumpAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.Database.SqlQueryRaw<string>(
            """
            SELECT concat_ws(E'\n',
                (SELECT string_agg(t::text, E'\n') FROM catalogue.provider t),
                (SELECT string_agg(t::text, E'\n') FROM catalogue.service t),
                (SELECT string_agg(t::text, E'\n') FROM catalogue.place t),
                (SELECT string_agg(t::text, E'\n') FROM catalogue.service_place t),
                (SELECT string_agg(t::text, E'\n') FROM catalogue.service_capacity t),
                (SELECT string_agg(t::text, E'\n') FROM registry.refresh t),
                (SELECT string_agg(t::text, E'\n') FROM registry.refresh_change t),
                (SELECT string_agg(t::text, E'\n') FROM audit.audit_entry t)) AS "Value"
            """)
            .SingleAsync();
    }
}
