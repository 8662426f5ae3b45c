using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Reports.Internal;

/// <summary>One person on the case-review list (事例検討): their current plan, the needs unmet at two
/// monitorings in a row, every unmet need now, and the longest wait among their unmet services.</summary>
public sealed record CaseReviewEntry(int Rank, Plan Plan, IReadOnlyList<int> PersistentPriorities,
    IReadOnlyList<NeedAssessment> UnmetNeeds, int LongestWaitDays);
