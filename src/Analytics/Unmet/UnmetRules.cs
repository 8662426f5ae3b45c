using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Unmet;

/// <summary>The definition of unmet need (domain.md §3), in one place.</summary>
public static class UnmetRules
{
    /// <summary>調整中 longer than this many days counts as unmet.</summary>
    public const int ArrangingDaysLimit = 90;

    /// <summary>Why a planned service is unmet at <paramref name="date"/>, or null when it is not.</summary>
    public static UnmetReason? ServiceUnmet(ServiceState s, DateOnly date) => s.Status switch
    {
        ServiceStatus.Waiting => UnmetReason.Waiting,
        ServiceStatus.NoResource => UnmetReason.NoResource,
        ServiceStatus.Arranging when s.DaysInStatus(date) > ArrangingDaysLimit => UnmetReason.LongArranging,
        _ => null,
    };

    /// <summary>A need is unmet when any of its services is unmet, or it has no service and no informal
    /// support at all. Returns every reason that applies (empty when met).</summary>
    public static IReadOnlyList<UnmetReason> NeedUnmet(NeedState need, DateOnly date)
    {
        if (need.Services.Count == 0) return [UnmetReason.NoSupport];
        var reasons = new List<UnmetReason>(1);
        foreach (var s in need.Services)
        {
            if (ServiceUnmet(s, date) is { } r && !reasons.Contains(r)) reasons.Add(r);
        }
        return reasons;
    }
}
