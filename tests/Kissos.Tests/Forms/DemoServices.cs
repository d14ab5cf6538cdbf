using Kissos.Forms;
using Kissos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Tests.Forms;

/// <summary>The services the forms tests fill: those of the demo provider's IČO that lie in Zlínský kraj.</summary>
internal static class DemoServices
{
    /// <summary>Diakonie Valašské Meziříčí (CZ072), bound to the demo provider and the statutory account.</summary>
    public const string Ico = "73632783";

    /// <summary>The IČO's services with a place in CZ072, ordered by id (the tests pick them by index).</summary>
    public static async Task<string[]> InZlinskyKrajAsync(KissosApp app)
    {
        await using var db = app.Database.Open();
        var ids = await db.Services.Where(s => s.ProviderIco == Ico).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync();
        var inKraj = await FormSql.InKrajAsync(db, "CZ072", ids, default);
        return ids.Where(inKraj.Contains).ToArray();
    }
}
