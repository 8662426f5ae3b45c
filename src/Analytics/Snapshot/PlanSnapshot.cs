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
    /// <summary>Per current plan: its person, its position in <see cref="DatasetIndex.Plans"/>, and where its needs start in <see cref="Needs"/>.</summary>
    private readonly int[] _personOf, _planAt, _needStart;

    private PlanSnapshot(DatasetIndex index, DateOnly date, Plan[] plans, NeedState[] needs, int[] personOf, int[] planAt, int[] needStart)
    {
        Index = index;
        Date = date;
        Plans = plans;
        Needs = needs;
        (_personOf, _planAt, _needStart) = (personOf, planAt, needStart);
    }

    public DatasetIndex Index { get; }
    public DateOnly Date { get; }
    /// <summary>The current plan of every person who has one at the date, ordered by person.</summary>
    public IReadOnlyList<Plan> Plans { get; }
    /// <summary>The needs of the current plans, plan by plan (so person by person), by priority.</summary>
    public IReadOnlyList<NeedState> Needs { get; }

    /// <summary>The person (see <see cref="DatasetIndex.PersonKey"/>) of <c>Plans[plan]</c>.</summary>
    public int PersonOf(int plan) => _personOf[plan];
    /// <summary>The position of <c>Plans[plan]</c> in <see cref="DatasetIndex.Plans"/>.</summary>
    public int PositionOf(int plan) => _planAt[plan];
    /// <summary>The area index of the municipality of <c>Plans[plan]</c>, or −1 when it is not in the hierarchy.</summary>
    public int MunicipalityOf(int plan) => Index.MunicipalityAt(_planAt[plan]);
    /// <summary>The positions in <see cref="Needs"/> of the needs of <c>Plans[plan]</c>.</summary>
    public (int Start, int End) NeedsOf(int plan) => (_needStart[plan], _needStart[plan + 1]);

    public static PlanSnapshot At(DatasetIndex index, DateOnly date)
    {
        var (plans, personOf, planAt, needStart) = (new List<Plan>(), new List<int>(), new List<int>(), new List<int> { 0 });
        var needs = new List<NeedState>();
        for (var person = 0; person < index.PersonCount; person++)
        {
            var (first, end) = index.PlansOf(person);
            if (CurrentVersion(index.Plans[first..end], date) is not (>= 0 and var version)) continue;
            var position = first + version;
            var plan = index.Plans[position];
            plans.Add(plan);
            personOf.Add(person);
            planAt.Add(position);
            var (needFrom, needTo) = index.NeedsOf(index.PlanKeyAt(position));
            for (var n = needFrom; n < needTo; n++)
                needs.Add(new NeedState(plan, index.Needs[n], StatesAt(index.ServicesOf(n), date)));
            needStart.Add(needs.Count);
        }
        return new PlanSnapshot(index, date, [.. plans], [.. needs], [.. personOf], [.. planAt], [.. needStart]);
    }

    /// <summary>The latest version dated on or before <paramref name="date"/>, unless it ended before the date.</summary>
    public static Plan? CurrentPlan(ReadOnlySpan<Plan> versionsByDate, DateOnly date) =>
        CurrentVersion(versionsByDate, date) is >= 0 and var i ? versionsByDate[i] : null;

    /// <summary>The position of <see cref="CurrentPlan"/> among the versions, or −1 when there is none.</summary>
    private static int CurrentVersion(ReadOnlySpan<Plan> versionsByDate, DateOnly date)
    {
        var current = -1;
        for (var i = 0; i < versionsByDate.Length && versionsByDate[i].PlanDate <= date; i++) current = i;
        return current >= 0 && versionsByDate[current] is { EndDate: { } end } && end < date ? -1 : current;
    }

    /// <summary>Per planned service, the status row with the latest <c>since</c> on or before the date.</summary>
    public static IReadOnlyList<ServiceState> StatesAt(ReadOnlySpan<PlannedService> rowsByServiceThenSince, DateOnly date)
    {
        var count = 0;
        for (var i = 0; i < rowsByServiceThenSince.Length; i++)
            if (IsStateAt(rowsByServiceThenSince, i, date)) count++;
        if (count == 0) return [];
        var states = new ServiceState[count];
        count = 0;
        for (var i = 0; i < rowsByServiceThenSince.Length; i++)
            if (IsStateAt(rowsByServiceThenSince, i, date)) states[count++] = ToState(rowsByServiceThenSince[i]);
        return states;
    }

    /// <summary>Whether row i is its service's latest row on or before the date (rows of a service are ordered by since).</summary>
    internal static bool IsStateAt(ReadOnlySpan<PlannedService> rows, int i, DateOnly date) =>
        rows[i].Since <= date && (i + 1 == rows.Length || rows[i + 1].Service != rows[i].Service || rows[i + 1].Since > date);

    private static ServiceState ToState(PlannedService s) => new(s.Service, s.Status, s.Since, s.Amount, s.ProviderOfficeId);
}
