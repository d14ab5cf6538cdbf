using Kissos.Forms;

namespace Kissos.Tests.Forms;

/// <summary>The workflow's table of moves: every (state, action, actor) either moves to one state or says why not.</summary>
public class FormWorkflowTests
{
    public static TheoryData<string, FormAction, FormActor, string?> Table => new()
    {
        { FormStates.Draft, FormAction.Save, FormActor.Provider, FormStates.Draft },
        { FormStates.Draft, FormAction.Save, FormActor.Statutory, FormStates.Draft },
        { FormStates.Draft, FormAction.Save, FormActor.Staff, null },
        { FormStates.Draft, FormAction.Submit, FormActor.Provider, null },
        { FormStates.Draft, FormAction.Submit, FormActor.Statutory, FormStates.Submitted },
        { FormStates.Draft, FormAction.Approve, FormActor.Staff, null },
        { FormStates.Submitted, FormAction.Save, FormActor.Statutory, null },
        { FormStates.Submitted, FormAction.Submit, FormActor.Statutory, null },
        { FormStates.Submitted, FormAction.Approve, FormActor.Staff, FormStates.Approved },
        { FormStates.Submitted, FormAction.Approve, FormActor.Statutory, null },
        { FormStates.Submitted, FormAction.Return, FormActor.Staff, FormStates.Returned },
        { FormStates.Submitted, FormAction.Reopen, FormActor.Staff, FormStates.Draft },
        { FormStates.Returned, FormAction.Save, FormActor.Provider, FormStates.Draft },
        { FormStates.Returned, FormAction.Submit, FormActor.Statutory, FormStates.Submitted },
        { FormStates.Returned, FormAction.Approve, FormActor.Staff, null },
        { FormStates.Approved, FormAction.Save, FormActor.Provider, null },
        { FormStates.Approved, FormAction.Return, FormActor.Staff, FormStates.Returned },
        { FormStates.Approved, FormAction.Reopen, FormActor.Staff, FormStates.Draft },
        { FormStates.Approved, FormAction.Reopen, FormActor.Provider, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_move_is_allowed_or_refused_with_a_reason(string state, FormAction action, FormActor actor, string? expected)
    {
        var (next, error) = FormWorkflow.Next(state, action, actor);

        Assert.Equal(expected, next);
        Assert.Equal(expected is null, error is not null);
    }

    [Fact]
    public void Only_the_statutory_representative_hands_in_and_is_told_so()
    {
        var (_, error) = FormWorkflow.Next(FormStates.Draft, FormAction.Submit, FormActor.Provider);

        Assert.Equal("Podepsat a předat ke schválení krajem může jen statutární zástupce poskytovatele.", error);
    }

    [Fact]
    public void A_second_hand_in_is_refused_by_state()
    {
        var (_, error) = FormWorkflow.Next(FormStates.Submitted, FormAction.Submit, FormActor.Statutory);

        Assert.Equal("Formulář ve stavu „ke schválení krajem“ nelze předat ke schválení.", error);
    }

    [Fact]
    public void After_the_deadline_only_a_reopened_form_changes()
    {
        var due = new DateOnly(2026, 6, 30);

        Assert.Null(FormWorkflow.DeadlineError(due, due, reopened: false));
        Assert.Contains("30. 6. 2026", FormWorkflow.DeadlineError(due.AddDays(1), due, reopened: false));
        Assert.Null(FormWorkflow.DeadlineError(due.AddDays(1), due, reopened: true));
    }
}
