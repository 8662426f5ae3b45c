using System.Runtime.CompilerServices;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Unmet;

/// <summary>The micro-level verdict on one need at a date: which of its services are unmet and why.</summary>
public sealed record NeedAssessment(NeedState State, IReadOnlyList<UnmetReason> Reasons, IReadOnlyList<(ServiceState Service, UnmetReason Reason)> UnmetServices)
{
    public bool IsUnmet => Reasons.Count > 0;
    public Plan Plan => State.Plan;
    public PlanNeed Need => State.Need;

    /// <summary>Several tables and views read the verdicts of one snapshot: made once per snapshot.</summary>
    private static readonly ConditionalWeakTable<PlanSnapshot, NeedAssessment[]> BySnapshot = [];
    private static readonly ConditionalWeakTable<PlanSnapshot, UnmetReasonSet[]> ReasonsBySnapshot = [];

    /// <summary>Every need of the snapshot as a record, in the order of <see cref="PlanSnapshot.Needs"/>: for micro-level views.</summary>
    public static IReadOnlyList<NeedAssessment> Assess(PlanSnapshot snapshot) =>
        BySnapshot.GetValue(snapshot, s =>
        {
            var result = new NeedAssessment[s.NeedCount];
            for (var i = 0; i < result.Length; i++) result[i] = Assess(s.Needs[i], s.Date);
            return result;
        });

    /// <summary>Why each need of the snapshot is unmet (empty when met), by need number: what figures count.</summary>
    public static ReadOnlySpan<UnmetReasonSet> ReasonsOf(PlanSnapshot snapshot) =>
        ReasonsBySnapshot.GetValue(snapshot, s =>
        {
            var result = new UnmetReasonSet[s.NeedCount];
            for (var i = 0; i < result.Length; i++) result[i] = UnmetRules.NeedUnmet(s.StatesOf(i), s.Date);
            return result;
        });

    public static NeedAssessment Assess(NeedState need, DateOnly date)
    {
        List<(ServiceState, UnmetReason)>? unmetServices = null;
        foreach (var s in need.Services)
        {
            if (UnmetRules.ServiceUnmet(s, date) is { } r) (unmetServices ??= []).Add((s, r));
        }
        return new NeedAssessment(need, UnmetRules.NeedUnmet(need, date), unmetServices ?? []);
    }
}
