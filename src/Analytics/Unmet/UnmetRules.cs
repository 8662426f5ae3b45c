using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Unmet;

/// <summary>The definition of unmet need (domain.md §3), in one place.</summary>
public static class UnmetRules
{
    /// <summary>調整中 longer than this many days counts as unmet.</summary>
    public const int ArrangingDaysLimit = 90;

    /// <summary>Why a planned service is unmet at <paramref name="date"/>, or null when it is not.</summary>
    public static UnmetReason? ServiceUnmet(ServiceState s, DateOnly date) => ServiceUnmet(s.Status, s.Since.DayNumber, date);

    /// <summary><see cref="ServiceUnmet(ServiceState, DateOnly)"/> of a status since a day number.</summary>
    private static UnmetReason? ServiceUnmet(ServiceStatus status, int sinceDay, DateOnly date) => status switch
    {
        ServiceStatus.Waiting => UnmetReason.Waiting,
        ServiceStatus.NoResource => UnmetReason.NoResource,
        ServiceStatus.Arranging when date.DayNumber - sinceDay > ArrangingDaysLimit => UnmetReason.LongArranging,
        _ => null,
    };

    /// <summary>Per reason, the list of just that reason: most unmet needs have one, and share it.</summary>
    private static readonly UnmetReason[][] OnlyReason = [.. Enum.GetValues<UnmetReason>().Select(r => new[] { r })];

    /// <summary>A need is unmet when any of its services is unmet, or it has no service and no informal
    /// support at all. Returns every reason that applies (empty when met).</summary>
    public static IReadOnlyList<UnmetReason> NeedUnmet(NeedState need, DateOnly date)
    {
        if (need.Services.Count == 0) return OnlyReason[(int)UnmetReason.NoSupport];
        UnmetReason? first = null;
        List<UnmetReason>? more = null;
        foreach (var s in need.Services)
        {
            if (ServiceUnmet(s, date) is not { } r || r == first || more?.Contains(r) == true) continue;
            if (first is null) first = r;
            else (more ??= [first.Value]).Add(r);
        }
        if (more is not null) return more;
        return first is { } only ? OnlyReason[(int)only] : [];
    }

    /// <summary>The reasons a need with these service states is unmet at the date, as <see cref="NeedUnmet"/>
    /// gives them but as a set (empty when met): what figures count.</summary>
    public static UnmetReasonSet NeedUnmet(ReadOnlySpan<ServiceState> states, DateOnly date)
    {
        if (states.IsEmpty) return UnmetReasonSet.Of(UnmetReason.NoSupport);
        var reasons = default(UnmetReasonSet);
        foreach (var s in states)
            if (ServiceUnmet(s, date) is { } r) reasons = reasons.With(r);
        return reasons;
    }

    /// <summary>Whether a need with these status rows is unmet at the date: as <see cref="NeedUnmet(NeedState, DateOnly)"/>
    /// on <see cref="PlanSnapshot.StatesAt"/>, without building the states.</summary>
    public static bool IsUnmet(StatusRows rows, DateOnly date)
    {
        var anyState = false;
        for (var i = 0; i < rows.Length; i++)
        {
            if (!rows.IsStateAt(i, date.DayNumber)) continue;
            if (ServiceUnmet(rows.Status[i], rows.Since[i], date) is not null) return true;
            anyState = true;
        }
        return !anyState;
    }
}
