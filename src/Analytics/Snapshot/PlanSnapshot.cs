using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Snapshot;

/// <summary>A planned service as it stood at the snapshot date: its latest status row on or before it.
/// A value (snapshots hold millions, in one array).</summary>
public readonly record struct ServiceState(ServiceType Service, ServiceStatus Status, DateOnly Since, decimal? Amount, string? ProviderOfficeId)
{
    /// <summary>Days the current status has lasted at <paramref name="date"/>.</summary>
    public int DaysInStatus(DateOnly date) => date.DayNumber - Since.DayNumber;
}

/// <summary>One need of a current plan with its services' states at the snapshot date.</summary>
public sealed record NeedState(Plan Plan, PlanNeed Need, IReadOnlyList<ServiceState> Services);

/// <summary>Everything "as of" one date (domain.md §3): each person's latest plan version on or
/// before it (unless ended), and each planned service's latest status on or before it.
/// Held as flat arrays (a national snapshot has a million needs): plans, their needs as ranges, and the
/// needs' current status rows as ranges; <see cref="Needs"/> gives them as records for micro-level views.</summary>
public sealed class PlanSnapshot
{
    /// <summary>Per current plan: its person, its position in <see cref="DatasetIndex.Plans"/>, its municipality
    /// and where its needs start; per need: its position in <see cref="DatasetIndex.Needs"/> and where its states start.</summary>
    private readonly int[] _personOf, _planAt, _municipalityOf, _needStart, _needAt, _stateStart;
    private readonly Plan[] _plans;
    /// <summary>The states of all needs, need by need, and the office number of each state's provider.</summary>
    private readonly ServiceState[] _states;
    private readonly int[] _stateOffice;
    private NeedState[]? _needStates;

    private PlanSnapshot(DatasetIndex index, DateOnly date, Plan[] plans, int[] personOf, int[] planAt, int[] needStart,
        int[] needAt, ServiceState[] states, int[] stateOffice, int[] stateStart)
    {
        Index = index;
        Date = date;
        _plans = plans;
        (_personOf, _planAt, _needStart, _needAt, _states, _stateOffice, _stateStart) = (personOf, planAt, needStart, needAt, states, stateOffice, stateStart);
        _municipalityOf = new int[planAt.Length];
        for (var i = 0; i < planAt.Length; i++) _municipalityOf[i] = index.MunicipalityAt(planAt[i]);
    }

    public DatasetIndex Index { get; }
    public DateOnly Date { get; }
    /// <summary>The current plan of every person who has one at the date, ordered by person.</summary>
    public IReadOnlyList<Plan> Plans => _plans;
    /// <summary>How many needs the current plans have: needs are numbered plan by plan (so person by person), by priority.</summary>
    public int NeedCount => _needAt.Length;

    /// <summary>The person (see <see cref="DatasetIndex.PersonKey"/>) of <c>Plans[plan]</c>.</summary>
    public int PersonOf(int plan) => _personOf[plan];
    /// <summary>The position of <c>Plans[plan]</c> in <see cref="DatasetIndex.Plans"/>.</summary>
    public int PositionOf(int plan) => _planAt[plan];
    /// <summary>The area index of the municipality of <c>Plans[plan]</c>, or −1 when it is not in the hierarchy.</summary>
    public int MunicipalityOf(int plan) => _municipalityOf[plan];
    /// <summary>The numbers of the needs of <c>Plans[plan]</c>.</summary>
    public (int Start, int End) NeedsOf(int plan) => (_needStart[plan], _needStart[plan + 1]);
    /// <summary>The position in <see cref="DatasetIndex.Needs"/> of the need with a number.</summary>
    public int NeedPositionOf(int need) => _needAt[need];
    /// <summary>The need with a number.</summary>
    public PlanNeed Need(int need) => Index.Needs[_needAt[need]];
    /// <summary>The priority of the need with a number (without reading the need).</summary>
    public int NeedPriority(int need) => Index.NeedPriority(_needAt[need]);
    /// <summary>The life domain the office gave the need with a number, if any (without reading the need).</summary>
    public LifeDomain? NeedDomain(int need) => Index.NeedDomain(_needAt[need]);
    /// <summary>The current status row of each service planned for a need, by service.</summary>
    public ReadOnlySpan<ServiceState> StatesOf(int need) => _states.AsSpan(_stateStart[need], _stateStart[need + 1] - _stateStart[need]);
    /// <summary>Per state of <see cref="StatesOf"/>, the number of its provider's office (see <see cref="DatasetIndex.Office"/>),
    /// or −1 when it names none that offices.csv has.</summary>
    public ReadOnlySpan<int> OfficesOf(int need) => _stateOffice.AsSpan(_stateStart[need], _stateStart[need + 1] - _stateStart[need]);

    /// <summary>The needs as records, by number: made once, on first use (micro-level views read a few of them;
    /// figures read the arrays).</summary>
    public IReadOnlyList<NeedState> Needs => LazyInitializer.EnsureInitialized(ref _needStates, () =>
    {
        var result = new NeedState[_needAt.Length];
        for (var plan = 0; plan < _plans.Length; plan++)
            for (var n = _needStart[plan]; n < _needStart[plan + 1]; n++)
                result[n] = StateOf(plan, n);
        return result;
    });

    /// <summary>The needs of one current plan as records, by priority, made afresh (for a view of a few plans).</summary>
    public IReadOnlyList<NeedState> NeedStatesOf(int plan)
    {
        var result = new NeedState[_needStart[plan + 1] - _needStart[plan]];
        for (var i = 0; i < result.Length; i++) result[i] = StateOf(plan, _needStart[plan] + i);
        return result;
    }

    private NeedState StateOf(int plan, int need) =>
        new(_plans[plan], Need(need), new ArraySegment<ServiceState>(_states, _stateStart[need], _stateStart[need + 1] - _stateStart[need]));

    public static PlanSnapshot At(DatasetIndex index, DateOnly date)
    {
        // First each person's current plan and how many needs and states it has, from the index's flat arrays, so that
        // every array is made once at its size; then the needs and their states.
        var day = date.DayNumber;
        var (personOf, planAt) = (new List<int>(), new List<int>());
        var (needCount, stateCount) = (0, 0);
        for (var person = 0; person < index.PersonCount; person++)
        {
            var (first, end) = index.PlansOf(person);
            if (CurrentVersion(index.PlanDays[first..end], index.PlanEndDays[first..end], day) is not (>= 0 and var version)) continue;
            var plan = first + version;
            personOf.Add(person);
            planAt.Add(plan);
            var (needFrom, needTo) = index.NeedsOf(index.PlanKeyAt(plan));
            needCount += needTo - needFrom;
            for (var n = needFrom; n < needTo; n++)
            {
                var rows = index.StatusRowsOf(n);
                for (var i = 0; i < rows.Length; i++)
                    if (rows.IsStateAt(i, day)) stateCount++;
            }
        }
        var (plans, needStart, needAt, stateStart) = (new Plan[planAt.Count], new int[planAt.Count + 1], new int[needCount], new int[needCount + 1]);
        var (states, stateOffice) = (new ServiceState[stateCount], new int[stateCount]);
        var plansInto = plans.AsSpan(); // no per-plan array covariance check, which would read every plan's type
        var (need, state) = (0, 0);
        for (var plan = 0; plan < plans.Length; plan++)
        {
            plansInto[plan] = index.Plans[planAt[plan]];
            var (needFrom, needTo) = index.NeedsOf(index.PlanKeyAt(planAt[plan]));
            for (var n = needFrom; n < needTo; n++, need++)
            {
                needAt[need] = n;
                var rows = index.StatusRowsOf(n);
                var offices = index.ServiceOfficesOf(n);
                for (var i = 0; i < rows.Length; i++)
                    if (rows.IsStateAt(i, day))
                    {
                        states[state] = index.StateOf(n, i);
                        stateOffice[state++] = offices[i];
                    }
                stateStart[need + 1] = state;
            }
            needStart[plan + 1] = need;
        }
        return new PlanSnapshot(index, date, plans, [.. personOf], [.. planAt], needStart, needAt, states, stateOffice, stateStart);
    }

    /// <summary>The latest version dated on or before <paramref name="date"/>, unless it ended before the date.</summary>
    public static Plan? CurrentPlan(ReadOnlySpan<Plan> versionsByDate, DateOnly date)
    {
        var (days, ends) = (new int[versionsByDate.Length], new int[versionsByDate.Length]);
        for (var i = 0; i < days.Length; i++) (days[i], ends[i]) = (versionsByDate[i].PlanDate.DayNumber, versionsByDate[i].EndDate?.DayNumber ?? DatasetIndex.NoEnd);
        return CurrentVersion(days, ends, date.DayNumber) is >= 0 and var v ? versionsByDate[v] : null;
    }

    /// <summary>The position of the current version among versions given by their dates and end dates (day numbers), or −1 when there is none.</summary>
    private static int CurrentVersion(ReadOnlySpan<int> days, ReadOnlySpan<int> ends, int day)
    {
        var current = -1;
        for (var i = 0; i < days.Length && days[i] <= day; i++) current = i;
        return current >= 0 && ends[current] < day ? -1 : current;
    }

    /// <summary>Per planned service, the status row with the latest <c>since</c> on or before the date.</summary>
    public static IReadOnlyList<ServiceState> StatesAt(ReadOnlySpan<PlannedService> rowsByServiceThenSince, DateOnly date)
    {
        var flat = StatusRows.Of(rowsByServiceThenSince);
        var day = date.DayNumber;
        var states = new List<ServiceState>();
        for (var i = 0; i < flat.Length; i++)
            if (flat.IsStateAt(i, day)) states.Add(ToState(rowsByServiceThenSince[i]));
        return states;
    }

    private static ServiceState ToState(PlannedService s) => new(s.Service, s.Status, s.Since, s.Amount, s.ProviderOfficeId);
}
