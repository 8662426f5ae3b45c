using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Snapshot;

/// <summary>A planned service as it stood at the snapshot date: its latest status row on or before it.</summary>
public sealed record ServiceState(ServiceType Service, ServiceStatus Status, DateOnly Since, decimal? Amount, string? ProviderOfficeId)
{
    /// <summary>Days the current status has lasted at <paramref name="date"/>.</summary>
    public int DaysInStatus(DateOnly date) => date.DayNumber - Since.DayNumber;
}

/// <summary>One need of a current plan with its services' states at the snapshot date.</summary>
public sealed record NeedState(Plan Plan, PlanNeed Need, IReadOnlyList<ServiceState> Services);

/// <summary>Everything "as of" one date (domain.md §3): each person's latest plan version on or
/// before it (unless ended), and each planned service's latest status on or before it.</summary>
public sealed class PlanSnapshot
{
    private PlanSnapshot(DatasetIndex index, DateOnly date, IReadOnlyList<Plan> plans, IReadOnlyList<NeedState> needs)
    {
        Index = index;
        Date = date;
        Plans = plans;
        Needs = needs;
    }

    public DatasetIndex Index { get; }
    public DateOnly Date { get; }
    /// <summary>The current plan of every person who has one at the date, ordered by person.</summary>
    public IReadOnlyList<Plan> Plans { get; }
    public IReadOnlyList<NeedState> Needs { get; }

    public static PlanSnapshot At(DatasetIndex index, DateOnly date)
    {
        var plans = new List<Plan>();
        var needs = new List<NeedState>();
        foreach (var (_, versions) in index.PlansByPerson.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (CurrentPlan(versions, date) is not { } plan) continue;
            plans.Add(plan);
            foreach (var need in index.NeedsByPlan.GetValueOrDefault(plan.PlanId) ?? [])
            {
                var rows = index.ServicesByNeed.GetValueOrDefault((plan.PlanId, need.Priority)) ?? [];
                needs.Add(new NeedState(plan, need, StatesAt(rows, date)));
            }
        }
        return new PlanSnapshot(index, date, plans, needs);
    }

    /// <summary>The latest version dated on or before <paramref name="date"/>, unless it ended before the date.</summary>
    public static Plan? CurrentPlan(IReadOnlyList<Plan> versionsByDate, DateOnly date)
    {
        Plan? current = null;
        foreach (var p in versionsByDate)
        {
            if (p.PlanDate > date) break;
            current = p;
        }
        return current is { EndDate: { } end } && end < date ? null : current;
    }

    /// <summary>Per planned service, the status row with the latest <c>since</c> on or before the date.</summary>
    public static IReadOnlyList<ServiceState> StatesAt(IReadOnlyList<PlannedService> rowsByServiceThenSince, DateOnly date)
    {
        var states = new List<ServiceState>();
        PlannedService? latest = null;
        foreach (var row in rowsByServiceThenSince)
        {
            if (latest is not null && latest.Service != row.Service)
            {
                states.Add(ToState(latest));
                latest = null;
            }
            if (row.Since <= date) latest = row;
        }
        if (latest is not null) states.Add(ToState(latest));
        return states;
    }

    private static ServiceState ToState(PlannedService s) => new(s.Service, s.Status, s.Since, s.Amount, s.ProviderOfficeId);
}
