using System.Security.Claims;
using System.Text.Json;
using Kissos.Data;
using Microsoft.EntityFrameworkCore;

namespace Kissos.Forms;

/// <summary>
/// What ties a form to other forms: the transfer from a signed form of another family (Výkaz skutečnost from
/// Rozpočet a vyúčtování), the values its cross-set checks read there, and the sets filled once per IČO.
/// </summary>
public static class FormLinks
{
    /// <summary>States of a source form that count as signed.</summary>
    private static readonly string[] Signed = [FormStates.Submitted, FormStates.Approved];

    /// <summary>The values a form's checks read outside it; none are loaded for a template without checks or per-IČO sets.</summary>
    public static async Task<FormExternals> ExternalsAsync(KissosDb db, Form form, FormTemplate template, string ico, CancellationToken ct)
    {
        var perIco = template.Sets.Where(s => s.PerIco).Select(s => s.Code).ToList();
        var references = template.Checks.SelectMany(c => CrossChecks.Tokens(c.Left).Tokens.Concat(CrossChecks.Tokens(c.Right).Tokens)).Distinct().ToList();
        if (perIco.Count == 0 && references.Count == 0) return FormExternals.None;
        var values = new Dictionary<string, decimal>();
        if (template.Transfer is { } transfer && references.Any(r => r.StartsWith(CrossChecks.SourcePrefix, StringComparison.Ordinal))
            && await SourceAsync(db, form, transfer.Family, ct) is { } source)
            foreach (var reference in references.Where(r => r.StartsWith(CrossChecks.SourcePrefix, StringComparison.Ordinal)))
                values[reference] = source.Grid.ValueAt(reference[CrossChecks.SourcePrefix.Length..]);
        var filledAt = perIco.ToDictionary(s => s, _ => new List<string>());
        var icoReferences = references.Where(r => r.StartsWith(CrossChecks.IcoPrefix, StringComparison.Ordinal)).ToList();
        foreach (var other in await OthersOfIcoAsync(db, form, ico, ct))
        {
            foreach (var reference in icoReferences)
                values[reference] = values.GetValueOrDefault(reference) + other.Grid.ValueAt(reference[CrossChecks.IcoPrefix.Length..]);
            foreach (var set in perIco.Where(s => other.Content.Numbers.Any(kv => kv.Key.StartsWith(s + "/", StringComparison.Ordinal) && kv.Value > 0)))
                filledAt[set].Add(other.ServiceName);
        }
        return new FormExternals(values, filledAt);
    }

    private sealed record Linked(Form Form, string ServiceName, FormContent Content, FormGrid Grid, FormTemplate Template, FormContext Context);

    private static async Task<Linked?> SourceAsync(KissosDb db, Form form, string family, CancellationToken ct)
    {
        var found = await LinkedAsync(db, db.Forms.Where(f => f.Family == family && f.ServiceId == form.ServiceId && f.Year == form.Year
            && f.Term == form.Term && Signed.Contains(f.State)), ct);
        return found.FirstOrDefault();
    }

    private static Task<List<Linked>> OthersOfIcoAsync(KissosDb db, Form form, string ico, CancellationToken ct) =>
        LinkedAsync(db, from f in db.Forms
                        join s in db.Services on f.ServiceId equals s.Id
                        where f.Family == form.Family && f.Year == form.Year && f.Term == form.Term && s.ProviderIco == ico && f.Id != form.Id
                        select f, ct);

    private static async Task<List<Linked>> LinkedAsync(KissosDb db, IQueryable<Form> forms, CancellationToken ct)
    {
        var rows = await (from f in forms.AsNoTracking()
                          join s in db.Services on f.ServiceId equals s.Id
                          join t in db.TemplateVersions on f.TemplateId equals t.Id
                          join n0 in db.NetworkEntries on new { f.Kraj, f.Year, f.ServiceId } equals new { n0.Kraj, n0.Year, n0.ServiceId } into network
                          from n in network.DefaultIfEmpty()
                          orderby s.Name
                          select new { Form = f, s.Name, s.DruhCode, s.Forms, t.Definition, Units = (decimal?)n.Units, Beds = n == null ? null : n.Beds })
                         .ToListAsync(ct);
        var templates = new Dictionary<string, FormTemplate>();
        return rows.Select(r =>
        {
            var template = templates.TryGetValue(r.Definition, out var known) ? known
                : templates[r.Definition] = JsonSerializer.Deserialize<FormTemplate>(r.Definition, FormTemplate.Json)!;
            var content = FormContent.FromJson(r.Form.Content);
            var context = new FormContext(r.DruhCode, r.Forms, r.Form.Term, r.Units, r.Beds);
            return new Linked(r.Form, r.Name, content, new FormGrid(template, content, context), template, context);
        }).ToList();
    }

    /// <summary>
    /// After a form was signed: every template of its kraj and year that transfers from its family in its term gets the
    /// values, creating the form when there is none yet ("vygeneruje se automaticky"). A form already handed in or
    /// approved is signed and is left alone. Returns the forms written.
    /// </summary>
    public static async Task<List<Guid>> TransferFromAsync(KissosDb db, LoadedForm source, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var written = new List<Guid>();
        foreach (var version in await NewestVersionsAsync(db, source.Form.Kraj, source.Form.Year, ct))
        {
            var template = JsonSerializer.Deserialize<FormTemplate>(version.Definition, FormTemplate.Json)!;
            if (template.Transfer is not { } transfer || transfer.Family != source.Form.Family || !transfer.Terms.Contains(source.Form.Term)) continue;
            var form = await db.Forms.FirstOrDefaultAsync(f => f.Family == template.Family && f.ServiceId == source.Form.ServiceId
                && f.Year == source.Form.Year && f.Term == source.Form.Term, ct);
            var target = form is null
                ? await CreateAsync(db, version, source.Form.ServiceId, source.Form.Kraj, source.Form.Year, source.Form.Term, user, clock, ct)
                : await FormStore.LoadAsync(db, user, form.Id, ct);
            if (target is null || target.Form.State is not (FormStates.Draft or FormStates.Returned)) continue;
            await ApplyAsync(db, target, source, user, clock, ct);
            written.Add(target.Form.Id);
        }
        return written;
    }

    private static async Task ApplyAsync(KissosDb db, LoadedForm target, LoadedForm source, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var origin = $"{target.Template.Transfer!.Label}, {source.Form.Term}. termín {source.Form.Year}";
        var (content, copied, kept) = FormTransfer.Apply(target.Template, target.Context, target.Content,
            new FormTransfer.Source(source.Template, source.Content, source.Context, origin));
        var form = target.Form;
        form.UpdatedAt = clock.GetUtcNow();
        FormCheckCounts.Write(form, content, target.Check(content), form.UpdatedAt);
        form.UpdatedBy = FormStore.UserName(user);
        FormEndpoints.AddTransition(db, form, "preklopeni", form.State, FormStore.UserName(user), clock,
            $"Převzato z formuláře {origin}: {copied} buněk" + (kept > 0 ? $", {kept} ručně vyplněných ponecháno" : ""));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<TemplateVersion>> NewestVersionsAsync(KissosDb db, string kraj, int year, CancellationToken ct) =>
        (await db.TemplateVersions.AsNoTracking().Where(t => t.Kraj == kraj && t.Year == year).ToListAsync(ct))
        .GroupBy(t => t.Family).Select(g => g.MaxBy(t => t.Version)!).ToList();

    /// <summary>
    /// Creates a form of a template version: terms 2–4 start from the previous term's form of the family (only the cells
    /// its template and term still have), per-IČO sets already filled at another service of the IČO start at 0, and a
    /// template that transfers from a form already signed gets its values.
    /// </summary>
    public static async Task<LoadedForm> CreateAsync(KissosDb db, TemplateVersion version, string serviceId, string kraj, int year, int term,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var previous = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Family == version.Family && f.ServiceId == serviceId
            && f.Year == year && f.Term == term - 1, ct);
        var now = clock.GetUtcNow();
        var form = new Form
        {
            Id = Guid.CreateVersion7(), TemplateId = version.Id, Family = version.Family, ServiceId = serviceId, Kraj = kraj,
            Year = year, Term = term, State = FormStates.Draft,
            Content = previous is null ? new FormContent().ToJson() : Typed(FormContent.FromJson(previous.Content)).ToJson(),
            CreatedAt = now, UpdatedAt = now, UpdatedBy = FormStore.UserName(user),
        };
        db.Forms.Add(form);
        await db.SaveChangesAsync(ct);
        var loaded = (await FormStore.LoadAsync(db, user, form.Id, ct))!;
        var content = KeepWhatFits(loaded, loaded.Content);
        foreach (var set in loaded.Template.Sets.Where(s => s.PerIco && loaded.Externals.PerIcoFilledAt.GetValueOrDefault(s.Code) is { Count: > 0 }))
            foreach (var row in set.Rows.Where(r => r.Kind == RowKind.Input))
                foreach (var column in set.Columns.Where(c => c.Kind == ColumnKind.Input))
                    content.Numbers[FormAddress.Of(set.Code, row.Code, column.Code)] = 0;
        FormCheckCounts.Write(form, content, loaded.Check(content), now);
        await db.SaveChangesAsync(ct);
        if (loaded.Template.Transfer is { } transfer && transfer.Terms.Contains(term)
            && await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Family == transfer.Family && f.ServiceId == serviceId && f.Year == year
                && f.Term == term && Signed.Contains(f.State), ct) is { } signed
            && await FormStore.LoadAsync(db, user, signed.Id, ct) is { } source)
            await ApplyAsync(db, loaded, source, user, clock, ct);
        return loaded;
    }

    /// <summary>What was typed by hand: the cells copied from another form are left out (they are copied afresh).</summary>
    private static FormContent Typed(FormContent content) => content with
    {
        Numbers = content.Numbers.Where(kv => !content.Transferred.ContainsKey(kv.Key)).ToDictionary(),
        Transferred = [],
    };

    /// <summary>Only the cells the form's own template and term have (a prefilled form drops the rest).</summary>
    private static FormContent KeepWhatFits(LoadedForm loaded, FormContent content)
    {
        var values = content.Numbers.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value))
            .Concat(content.Texts.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value))).ToDictionary();
        var (_, errors) = FormCheck.Read(loaded.Template, loaded.Context, values, content.Obce);
        var bad = errors.Select(e => e.Cell).ToHashSet();
        return content with
        {
            Numbers = content.Numbers.Where(kv => !bad.Contains(kv.Key)).ToDictionary(),
            Texts = content.Texts.Where(kv => !bad.Contains(kv.Key)).ToDictionary(),
        };
    }
}
