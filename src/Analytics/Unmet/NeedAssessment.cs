using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Unmet;

/// <summary>The micro-level verdict on one need at a date: which of its services are unmet and why.</summary>
public sealed record NeedAssessment(NeedState State, IReadOnlyList<UnmetReason> Reasons, IReadOnlyList<(ServiceState Service, UnmetReason Reason)> UnmetServices)
{
    public bool IsUnmet => Reasons.Count > 0;
    public Plan Plan => State.Plan;
    public PlanNeed Need => State.Need;

    public static IReadOnlyList<NeedAssessment> Assess(PlanSnapshot snapshot) =>
        snapshot.Needs.Select(n => Assess(n, snapshot.Date)).ToList();

    public static NeedAssessment Assess(NeedState need, DateOnly date)
    {
        var unmetServices = new List<(ServiceState, UnmetReason)>();
        foreach (var s in need.Services)
        {
            if (UnmetRules.ServiceUnmet(s, date) is { } r) unmetServices.Add((s, r));
        }
        return new NeedAssessment(need, UnmetRules.NeedUnmet(need, date), unmetServices);
    }
}
