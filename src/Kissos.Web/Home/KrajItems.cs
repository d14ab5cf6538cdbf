using Kissos.Accounts;
using Kissos.Catalogue;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Home;

/// <summary>
/// Create, change and delete of one kind of nástěnka item, the same for every kind: regional staff in their own kraj,
/// administrators in the kraj they name. An item of another kraj is answered 404, as if it did not exist.
/// </summary>
public sealed class KrajItems<TItem, TInput>(
    Func<KissosDb, DbSet<TItem>> set,
    Func<TInput, KnownCodes, Dictionary<string, string[]>> check,
    Func<TItem> create,
    Action<TInput, TItem> apply,
    string notFound)
    where TItem : class, IKrajItem
    where TInput : IKrajInput
{
    /// <summary>POST {path}, PUT {path}/{id}, DELETE {path}/{id} on the staff group.</summary>
    public void Map(RouteGroupBuilder staff, string path)
    {
        staff.MapPost(path, Create);
        staff.MapPut($"{path}/{{id:guid}}", Change);
        staff.MapDelete($"{path}/{{id:guid}}", Delete);
    }

    private async Task<IResult> Create(TInput input, HttpContext http, KissosDb db, KnownCodesCache codes)
    {
        var (kraj, problem) = await ValidateAsync(input, http, db, codes);
        if (problem is not null) return problem;
        var item = create();
        item.KrajNuts3 = kraj!;
        apply(input, item);
        set(db).Add(item);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"{http.Request.Path}/{item.Id}", item);
    }

    private async Task<IResult> Change(Guid id, TInput input, HttpContext http, KissosDb db, KnownCodesCache codes)
    {
        var item = await FindAsync(id, http, db);
        if (item is null) return NotFound();
        var (kraj, problem) = await ValidateAsync(input, http, db, codes);
        if (problem is not null) return problem;
        item.KrajNuts3 = kraj!;
        apply(input, item);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(item);
    }

    private async Task<IResult> Delete(Guid id, HttpContext http, KissosDb db)
    {
        var item = await FindAsync(id, http, db);
        if (item is null) return NotFound();
        set(db).Remove(item);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    private async Task<TItem?> FindAsync(Guid id, HttpContext http, KissosDb db)
    {
        var scope = AccessScope.Of(http.User);
        return await set(db).FirstOrDefaultAsync(i => i.Id == id && (scope.IsAdmin || i.KrajNuts3 == scope.Kraj), http.RequestAborted);
    }

    private IResult NotFound() => TypedResults.Problem(statusCode: 404, title: "Nenalezeno", detail: notFound);

    private async Task<(string? Kraj, IResult? Problem)> ValidateAsync(TInput? input, HttpContext http, KissosDb db, KnownCodesCache codes)
    {
        // The framework cannot see that a generic body is required, so a JSON null arrives here.
        if (input is null)
            return (null, TypedResults.Problem(statusCode: 400, title: "Chybí údaje",
                detail: "Tělo požadavku musí být objekt JSON s údaji položky."));
        var known = await codes.GetAsync(db, http.RequestAborted);
        var (kraj, problem) = StaffKraj.Resolve(AccessScope.Of(http.User), input.Kraj, known);
        if (problem is not null) return (null, problem);
        var errors = check(input, known);
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors, title: "Neplatné údaje")) : (kraj, null);
    }
}

public static class StaffKraj
{
    /// <summary>
    /// The kraj staff write into: a regional account's own (naming another is 403), an administrator's named one.
    /// </summary>
    public static (string? Kraj, IResult? Problem) Resolve(AccessScope scope, string? requested, KnownCodes known)
    {
        if (!scope.IsAdmin)
            return requested is null || requested == scope.Kraj
                ? (scope.Kraj, null)
                : (null, TypedResults.Problem(statusCode: 403, title: "Cizí kraj",
                    detail: $"Pracovník kraje spravuje jen nástěnku svého kraje ({scope.Kraj}), ne {requested}."));
        return requested is not null && known.Kraje.Contains(requested)
            ? (requested, null)
            : (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["kraj"] = [$"Správce musí uvést kraj (kód NUTS3), jehož nástěnky se položka týká, ne '{requested}'."] },
                title: "Neplatné údaje"));
    }
}
