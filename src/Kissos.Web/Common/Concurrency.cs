using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Common;

public static class Concurrency
{
    /// <summary>Saves, or answers 409 when someone else saved the same record since the client read it.</summary>
    public static async Task<IResult?> SaveAsync(KissosDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: "Záznam mezitím změnil někdo jiný",
                detail: "Vaše úpravy nebyly uloženy, ale zůstávají ve formuláři. Načtěte aktuální stav, porovnejte a uložte znovu.");
        }
    }
}
