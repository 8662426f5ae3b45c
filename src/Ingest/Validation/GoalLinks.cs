using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Validation;

/// <summary>What the goal check looks up, once per support plan rather than per goal: the goals of a support plan
/// are adjacent and share one id string. Its support plan, the plan current for its person at its date, and that
/// plan's priorities. One per checking thread.</summary>
/// <param name="supportPlanIds">The support plans' ids, each with its index in <paramref name="supportPlans"/>.</param>
internal sealed class GoalLinks(KnownIds supportPlanIds, IReadOnlyList<SupportPlan> supportPlans, CurrentPlanIndex currentPlans)
{
    private string? _supportPlanId;
    private SupportPlan? _supportPlan;
    private bool _currentLookedUp;
    private Plan? _current;
    private int _person = -1;
    private int _currentAt;

    /// <summary>The index of the support plan of that id among the support plans, or -1.</summary>
    public int IndexOf(string supportPlanId) => supportPlanIds.IndexOf(supportPlanId);

    /// <summary>The support plan of that id, or null when support_plans.csv has none.</summary>
    public SupportPlan? SupportPlan(string supportPlanId)
    {
        if (!ReferenceEquals(supportPlanId, _supportPlanId))
        {
            _supportPlanId = supportPlanId;
            var index = supportPlanIds.IndexOf(supportPlanId);
            _supportPlan = index >= 0 ? supportPlans[index] : null;
            _currentLookedUp = false;
        }
        return _supportPlan;
    }

    /// <summary>The plan current for the person of the support plan last found, at its date (see <see cref="CurrentPlanIndex.CurrentPlanAt"/>).</summary>
    public Plan? CurrentPlan()
    {
        if (!_currentLookedUp)
        {
            _person = currentPlans.PersonNumber(_supportPlan!.PersonKey, _person);
            var at = _person >= 0 ? currentPlans.CurrentPlanAt(_person, _supportPlan.PlanDate) : -1;
            (_current, _currentAt) = (at >= 0 ? currentPlans.PlanAt(at) : null, at);
            _currentLookedUp = true;
        }
        return _current;
    }

    /// <summary>Whether the current plan (<see cref="CurrentPlan"/>) has a need with that priority.</summary>
    public bool CurrentPlanHasPriority(int priority) => _current is not null && currentPlans.HasPriority(_currentAt, priority);
}
