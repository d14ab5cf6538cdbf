namespace Kissos.Forms;

/// <summary>States of a form, stored as their text codes.</summary>
public static class FormStates
{
    public const string Draft = "rozpracovano";
    public const string Submitted = "ke_schvaleni";
    public const string Approved = "schvaleno";
    public const string Returned = "vraceno";

    public static readonly string[] All = [Draft, Submitted, Approved, Returned];

    public static string Label(string state) => state switch
    {
        Draft => "rozpracováno",
        Submitted => "ke schválení krajem",
        Approved => "schváleno",
        Returned => "vráceno k přepracování",
        _ => state,
    };
}

public enum FormAction { Save, Submit, Approve, Return, Reopen }

/// <summary>Who acts on a form: the provider's account, its statutory representative, or regional staff (and admin).</summary>
public enum FormActor { Provider, Statutory, Staff }

/// <summary>
/// The workflow as one table of allowed moves (state, action, actor) → next state, checked in one place.
/// A statutory representative may do all a provider may. The deadline is checked beside it: after the term's due
/// date a form changes only when staff reopened it.
/// </summary>
public static class FormWorkflow
{
    private static readonly Dictionary<(string State, FormAction Action, FormActor Actor), string> Moves = new()
    {
        [(FormStates.Draft, FormAction.Save, FormActor.Provider)] = FormStates.Draft,
        [(FormStates.Returned, FormAction.Save, FormActor.Provider)] = FormStates.Draft,
        [(FormStates.Draft, FormAction.Submit, FormActor.Statutory)] = FormStates.Submitted,
        [(FormStates.Returned, FormAction.Submit, FormActor.Statutory)] = FormStates.Submitted,
        [(FormStates.Submitted, FormAction.Approve, FormActor.Staff)] = FormStates.Approved,
        [(FormStates.Submitted, FormAction.Return, FormActor.Staff)] = FormStates.Returned,
        [(FormStates.Approved, FormAction.Return, FormActor.Staff)] = FormStates.Returned,
        [(FormStates.Draft, FormAction.Reopen, FormActor.Staff)] = FormStates.Draft,
        [(FormStates.Returned, FormAction.Reopen, FormActor.Staff)] = FormStates.Returned,
        [(FormStates.Submitted, FormAction.Reopen, FormActor.Staff)] = FormStates.Draft,
        [(FormStates.Approved, FormAction.Reopen, FormActor.Staff)] = FormStates.Draft,
    };

    /// <summary>The next state, or a Czech reason why the move is not allowed.</summary>
    public static (string? Next, string? Error) Next(string state, FormAction action, FormActor actor)
    {
        if (Moves.TryGetValue((state, action, actor), out var next)
            || (actor == FormActor.Statutory && Moves.TryGetValue((state, action, FormActor.Provider), out next)))
            return (next, null);
        var allowed = Moves.Keys.Where(k => k.State == state && k.Action == action).Select(k => k.Actor).ToList();
        return (null, allowed.Count > 0
            ? $"{ActionLabel(action)} může jen {string.Join(" nebo ", allowed.Select(ActorLabel))}."
            : $"Formulář ve stavu „{FormStates.Label(state)}“ nelze {ActionVerb(action)}.");
    }

    /// <summary>Whether the provider may still change or hand in the form on <paramref name="today"/>.</summary>
    public static string? DeadlineError(DateOnly today, DateOnly dueTo, bool reopened) =>
        today > dueTo && !reopened
            ? $"Termín odevzdání uplynul {dueTo:d. M. yyyy}; formulář lze měnit jen po znovuotevření krajem."
            : null;

    public static string ActionLabel(FormAction action) => action switch
    {
        FormAction.Save => "Uložit formulář",
        FormAction.Submit => "Podepsat a předat ke schválení krajem",
        FormAction.Approve => "Schválit formulář",
        FormAction.Return => "Vrátit formulář k přepracování",
        _ => "Znovu otevřít formulář",
    };

    private static string ActionVerb(FormAction action) => action switch
    {
        FormAction.Save => "upravovat",
        FormAction.Submit => "předat ke schválení",
        FormAction.Approve => "schválit",
        FormAction.Return => "vrátit k přepracování",
        _ => "znovu otevřít",
    };

    private static string ActorLabel(FormActor actor) => actor switch
    {
        FormActor.Provider => "poskytovatel",
        FormActor.Statutory => "statutární zástupce poskytovatele",
        _ => "pracovník kraje",
    };
}
