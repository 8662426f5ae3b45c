using System.Runtime.InteropServices;
using PlanLink.Analytics.Areas;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Snapshot;

/// <summary>What analytics look up about an office id: from its first row in offices.csv.</summary>
/// <param name="Municipality">The area index of <paramref name="MunicipalityCode"/>, or −1 when it is not in the hierarchy.</param>
public readonly record struct OfficeInfo(string Name, string MunicipalityCode, int Municipality);

/// <summary>The dataset's rows ordered and grouped the ways every snapshot reads them; built once per dataset.
/// Each kind of row sits in one array sorted by its group (a person, a plan id, a need, an individual support
/// plan id) and within the group in reading order, so a group is a range of positions; groups are found by
/// dense integer keys instead of strings.</summary>
public sealed class DatasetIndex
{
    /// <summary>Offices by number (in order of first row), and the number of each office id.</summary>
    private readonly OfficeInfo[] _offices;
    private readonly string[] _officeIds;
    private readonly Dictionary<string, int> _officeNumber;
    private readonly string[] _persons;
    private readonly Dictionary<string, int> _personOf;
    private readonly Plan[] _plans;
    private readonly int[] _planStart;
    /// <summary>Per plan version, its date and end date (<see cref="NoEnd"/> when open) as day numbers and its monitoring interval: what every snapshot
    /// reads of every version, kept beside the rows (reading the rows themselves chases pointers all over the heap).</summary>
    private readonly int[] _planDay, _planEndDay, _planMonitoringMonths;
    /// <summary>Per plan version, its 障害支援区分 and 障害種別 (what the unmet-need tables break down by).</summary>
    private readonly byte[] _planSupportCategory;
    private readonly DisabilityType[] _planDisabilityTypes;
    private readonly int[] _planKeyAt;
    private readonly int[] _municipalityAt;
    private readonly IndexedRows<PlanNeed> _needs;
    private readonly int[] _needStart;
    /// <summary>Per need, its priority and domain: read for every need of every snapshot, so kept beside the rows.</summary>
    private readonly int[] _needPriority;
    private readonly LifeDomain?[] _needDomain;
    private readonly int[] _serviceStart, _serviceEnd;
    /// <summary>Per service row, the number of its provider's office, or −1.</summary>
    private readonly int[] _serviceOffice;
    /// <summary>Per service row, the provider's id when offices.csv lacks it (null when every provider is known).</summary>
    private readonly string?[]? _unknownProvider;
    /// <summary>Per service row, its since (day number), service and status: what snapshots read of every row.</summary>
    private readonly int[] _serviceSince;
    private readonly ServiceType[] _serviceType;
    private readonly ServiceStatus[] _serviceStatus;
    /// <summary>Per service row, the number of its amount in <see cref="_amounts"/> (0: none). Amounts repeat, so a number
    /// each holds them in a quarter of the room of a decimal (scale kept: 2.0 and 2.00 are different amounts).</summary>
    private readonly int[] _serviceAmount;
    private readonly decimal?[] _amounts;
    private readonly int[] _monitoringStart;
    /// <summary>Per monitoring row, its date (day number), priority and achievement: all that snapshots read of the rows,
    /// so the rows themselves are not kept.</summary>
    private readonly int[] _monitoringDay, _monitoringPriority;
    private readonly Achievement[] _monitoringAchievement;
    private readonly SupportPlan[] _supportPlans;
    private readonly int[] _supportPlanStart;
    private readonly int[] _supportPlanKeyAt;
    /// <summary>Per individual support plan, its date (day number) and the number of its provider and service.</summary>
    private readonly int[] _supportPlanDay, _supportPlanLine;
    /// <summary>Per individual support plan, its service.</summary>
    private readonly ServiceType[] _supportPlanService;
    private readonly IndexedRows<SupportGoal> _goals;
    private readonly int[] _goalStart;
    /// <summary>Per goal, the priority it links to, or <see cref="NotLinked"/>.</summary>
    private readonly int[] _goalLinked;

    public DatasetIndex(PlanDataset data) : this(data, null) { }

    /// <param name="dateRange">The data's <see cref="DateRange"/>, when the caller has it already (else it is found beside the persons).</param>
    internal DatasetIndex(PlanDataset data, (DateOnly First, DateOnly Last)? dateRange)
    {
        var range = dateRange is { } known ? Task.FromResult(known) : Task.Run(() => DateRange(data));
        OfficeLines = data.Offices;
        Areas = new AreaHierarchy(data.Municipalities, data.SupportCenters);

        _officeNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        var (offices, officeIds) = (new List<OfficeInfo>(), new List<string>());
        foreach (var o in data.Offices)
            if (_officeNumber.TryAdd(o.OfficeId, offices.Count))
            {
                offices.Add(new OfficeInfo(o.OfficeName, o.MunicipalityCode, Areas.IndexOf(AreaLevel.Municipality, o.MunicipalityCode)));
                officeIds.Add(o.OfficeId);
            }
        (_offices, _officeIds) = ([.. offices], [.. officeIds]);

        // Persons in ordinal order of their key: the order of every snapshot.
        _personOf = new Dictionary<string, int>(StringComparer.Ordinal);
        // A person's rows mostly come together, sharing one key string: it is hashed once.
        string? lastPerson = null;
        foreach (var p in data.Plans)
            if (!ReferenceEquals(p.PersonKey, lastPerson)) _personOf.TryAdd(lastPerson = p.PersonKey, 0);
        foreach (var s in data.SupportPlans)
            if (!ReferenceEquals(s.PersonKey, lastPerson)) _personOf.TryAdd(lastPerson = s.PersonKey, 0);
        _persons = [.. _personOf.Keys];
        SortOrdinal(_persons);
        for (var i = 0; i < _persons.Length; i++) _personOf[_persons[i]] = i;

        // The families of rows are independent: grouped, and their fields read, on every core. The support plans' chain
        // (support plans, then their goals, keyed by them) needs only the persons: it starts first, beside the plans.
        (int[] Start, int[] Positions) needs = ([], []), services = ([], []), goals = ([], []);
        var (supportPlans, supportPlanStart) = (Array.Empty<SupportPlan>(), Array.Empty<int>());
        var (supportPlanKeyAt, supportPlanDay, supportPlanLine) = (Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>());
        var supportPlanService = Array.Empty<ServiceType>();
        // The fields kept beside the rows (fields cannot be set from the lambdas).
        var (needPriority, needDomain) = (Array.Empty<int>(), Array.Empty<LifeDomain?>());
        var (servicePriority, serviceOffice, serviceSince) = (Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>());
        var (serviceType, serviceStatus) = (Array.Empty<ServiceType>(), Array.Empty<ServiceStatus>());
        var (serviceAmount, amounts) = (Array.Empty<int>(), new List<decimal?> { null });
        string?[]? unknownProvider = null;
        var (monitoringStart, monitoringDay, monitoringPriority) = (Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>());
        var monitoringAchievement = Array.Empty<Achievement>();
        var goalLinked = Array.Empty<int>();
        var supportChain = Task.Run(() =>
        {
            var supportPlanRows = data.SupportPlans;
            (supportPlanStart, var supportPlanPositions) = Group(supportPlanRows, static (in SupportPlan s) => s.PersonKey, _personOf,
                (a, b) => supportPlanRows[a].PlanDate.CompareTo(supportPlanRows[b].PlanDate));
            supportPlans = InGroupOrder(data.SupportPlans, supportPlanPositions);
            var supportPlanKeyOf = new Dictionary<string, int>(supportPlans.Length, StringComparer.Ordinal);
            (supportPlanKeyAt, supportPlanDay, supportPlanLine, supportPlanService) =
                (new int[supportPlans.Length], new int[supportPlans.Length], new int[supportPlans.Length], new ServiceType[supportPlans.Length]);
            var lineOf = new Dictionary<(string, ServiceType), int>();
            for (var i = 0; i < supportPlans.Length; i++)
            {
                var plan = supportPlans[i];
                supportPlanKeyAt[i] = NumberOf(supportPlanKeyOf, plan.SupportPlanId);
                (supportPlanDay[i], supportPlanService[i]) = (plan.PlanDate.DayNumber, plan.Service);
                supportPlanLine[i] = NumberOf(lineOf, (plan.ProviderOfficeId, plan.Service));
            }
            var (linked, goalNo) = (new int[data.SupportGoals.Count], new int[data.SupportGoals.Count]);
            goals = Group(data.SupportGoals, static (in SupportGoal g) => g.SupportPlanId, supportPlanKeyOf, (a, b) => goalNo[a].CompareTo(goalNo[b]),
                (in SupportGoal g, int i) => (linked[i], goalNo[i]) = (g.LinkedPriority ?? NotLinked, g.GoalNo));
            goalLinked = InGroupOrder(linked, goals.Positions);
        });
        var planRows = data.Plans;
        (_planStart, var planPositions) = Group(planRows, static (in Plan p) => p.PersonKey, _personOf, (a, b) =>
        {
            var (x, y) = (planRows[a], planRows[b]);
            return x.PlanDate != y.PlanDate ? x.PlanDate.CompareTo(y.PlanDate) : string.CompareOrdinal(x.PlanId, y.PlanId);
        });
        _plans = InGroupOrder(data.Plans, planPositions);
        (_planDay, _planEndDay, _planMonitoringMonths) = (new int[_plans.Length], new int[_plans.Length], new int[_plans.Length]);
        (_planSupportCategory, _planDisabilityTypes) = (new byte[_plans.Length], new DisabilityType[_plans.Length]);
        // Plan ids get keys in plan order; versions sharing an id share its needs, services and monitoring.
        var planKeyOf = new Dictionary<string, int>(_plans.Length, StringComparer.Ordinal);
        _planKeyAt = new int[_plans.Length];
        _municipalityAt = new int[_plans.Length];
        var (lastCode, lastMunicipality) = ((string?)null, -1);
        for (var i = 0; i < _plans.Length; i++)
        {
            var plan = _plans[i];
            _planKeyAt[i] = NumberOf(planKeyOf, plan.PlanId);
            (_planDay[i], _planEndDay[i], _planMonitoringMonths[i]) = (plan.PlanDate.DayNumber, plan.EndDate?.DayNumber ?? NoEnd, plan.MonitoringMonths);
            (_planSupportCategory[i], _planDisabilityTypes[i]) = (plan.SupportCategory, plan.DisabilityTypes);
            // A person's versions mostly share one municipality code string.
            if (!ReferenceEquals(plan.MunicipalityCode, lastCode))
                (lastCode, lastMunicipality) = (plan.MunicipalityCode, Areas.IndexOf(AreaLevel.Municipality, plan.MunicipalityCode));
            _municipalityAt[i] = lastMunicipality;
        }

        // The needs, monitoring and services of the plans, keyed by them, are independent: grouped, and their fields read, side by side.
        Parallel.Invoke(
            () =>
            {
                var (priority, domain) = (new int[data.Needs.Count], new LifeDomain?[data.Needs.Count]);
                needs = Group(data.Needs, static (in PlanNeed n) => n.PlanId, planKeyOf, (a, b) => priority[a].CompareTo(priority[b]),
                    (in PlanNeed n, int i) => (priority[i], domain[i]) = (n.Priority, n.Domain));
                (needPriority, needDomain) = (InGroupOrder(priority, needs.Positions), InGroupOrder(domain, needs.Positions));
            },
            () =>
            {
                var count = data.Monitoring.Count;
                var (day, priority, achievement) = (new int[count], new int[count], new Achievement[count]);
                (monitoringStart, var positions) = Group(data.Monitoring, static (in MonitoringRecord m) => m.PlanId, planKeyOf,
                    (a, b) => day[a] != day[b] ? day[a].CompareTo(day[b]) : priority[a].CompareTo(priority[b]),
                    (in MonitoringRecord m, int i) => (day[i], priority[i], achievement[i]) = (m.MonitoringDate.DayNumber, m.Priority, m.Achievement));
                (monitoringDay, monitoringPriority, monitoringAchievement) =
                    (InGroupOrder(day, positions), InGroupOrder(priority, positions), InGroupOrder(achievement, positions));
            },
            () =>
            {
                var count = data.Services.Count;
                var (priority, since, service, status) = (new int[count], new int[count], new ServiceType[count], new ServiceStatus[count]);
                var (amount, office) = (new int[count], new int[count]);
                string?[]? unknown = null;
                var amountOf = new Dictionary<(int, int, int, int), int>();
                int AmountNumber(decimal? value)
                {
                    if (value is not { } known) return 0;
                    Span<int> bits = stackalloc int[4];
                    decimal.GetBits(known, bits);
                    ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(amountOf, (bits[0], bits[1], bits[2], bits[3]), out var found);
                    if (found) return number;
                    amounts.Add(known);
                    return number = amounts.Count - 1;
                }
                // The office number of each row's provider (rows of a plan mostly repeat the previous row's id).
                var (lastId, lastNumber) = ((string?)null, -1);
                int OfficeNumber(string? id)
                {
                    if (id is null) return -1;
                    if (!ReferenceEquals(id, lastId)) (lastId, lastNumber) = (id, _officeNumber.GetValueOrDefault(id, -1));
                    return lastNumber;
                }
                // Services compared through Comparer<ServiceType>: an enum's CompareTo takes an object, boxing on every row pair.
                services = Group(data.Services, static (in PlannedService s) => s.PlanId, planKeyOf,
                    (a, b) => priority[a] != priority[b] ? priority[a].CompareTo(priority[b])
                        : service[a] != service[b] ? Comparer<ServiceType>.Default.Compare(service[a], service[b]) : since[a].CompareTo(since[b]),
                    (in PlannedService s, int i) =>
                    {
                        (priority[i], since[i], service[i], status[i]) = (s.Priority, s.Since.DayNumber, s.Service, s.Status);
                        (amount[i], office[i]) = (AmountNumber(s.Amount), OfficeNumber(s.ProviderOfficeId));
                        if (office[i] < 0 && s.ProviderOfficeId is { } id) (unknown ??= new string?[count])[i] = id;
                    });
                var positions = services.Positions;
                (servicePriority, serviceSince, serviceType, serviceStatus) =
                    (InGroupOrder(priority, positions), InGroupOrder(since, positions), InGroupOrder(service, positions), InGroupOrder(status, positions));
                (serviceAmount, serviceOffice) = (InGroupOrder(amount, positions), InGroupOrder(office, positions));
                unknownProvider = unknown is null ? null : InGroupOrder(unknown, positions);
            });
        supportChain.GetAwaiter().GetResult();
        (_needs, _needStart, _needPriority, _needDomain) = (new(data.Needs, needs.Positions), needs.Start, needPriority, needDomain);
        _unknownProvider = unknownProvider;
        (_serviceStart, _serviceEnd) = ServicesPerNeed(needPriority, needs.Start, servicePriority, services.Start);
        (_serviceOffice, _serviceSince, _serviceType, _serviceStatus) = (serviceOffice, serviceSince, serviceType, serviceStatus);
        (_serviceAmount, _amounts) = (serviceAmount, [.. amounts]);
        (_monitoringStart, _monitoringDay, _monitoringPriority, _monitoringAchievement) = (monitoringStart, monitoringDay, monitoringPriority, monitoringAchievement);
        (_supportPlans, _supportPlanStart) = (supportPlans, supportPlanStart);
        (_supportPlanKeyAt, _supportPlanDay, _supportPlanLine, _supportPlanService) = (supportPlanKeyAt, supportPlanDay, supportPlanLine, supportPlanService);
        (_goals, _goalStart, _goalLinked) = (new(data.SupportGoals, goals.Positions), goals.Start, goalLinked);

        (FirstDate, LastDate) = range.GetAwaiter().GetResult();
    }

    /// <summary>The earliest plan date and the latest date any row speaks of (see <see cref="FirstDate"/>,
    /// <see cref="LastDate"/>), without building an index.</summary>
    public static (DateOnly First, DateOnly Last) DateRange(PlanDataset data)
    {
        // Every row counts, also those of plan ids the index leaves out; rows are read in file order (their order in memory).
        var (first, last) = (DateOnly.MaxValue, DateOnly.MinValue);
        foreach (var p in data.Plans) (first, last) = (p.PlanDate < first ? p.PlanDate : first, p.PlanDate > last ? p.PlanDate : last);
        foreach (var chunk in RowChunks.Of(data.Services))
            foreach (ref readonly var r in chunk.Span) if (r.Since > last) last = r.Since;
        foreach (var chunk in RowChunks.Of(data.Monitoring))
            foreach (ref readonly var m in chunk.Span) if (m.MonitoringDate > last) last = m.MonitoringDate;
        return (data.Plans.Count == 0 ? default : first, last);
    }

    /// <summary>Every row of offices.csv: the supply side, one line per office and service.</summary>
    /// <remarks>The index keeps no reference to the dataset it was built from: it holds the rows analytics read, in its
    /// own order, and what they read of the monitoring rows (<see cref="ReviewsOf"/>), so that nationally the read's
    /// lists and 5 M monitoring records (~0.4 GB) need not outlive it.</remarks>
    public IReadOnlyList<Office> OfficeLines { get; }
    public AreaHierarchy Areas { get; }
    /// <summary>The earliest plan date in the data.</summary>
    public DateOnly FirstDate { get; }
    /// <summary>The latest date any row speaks of.</summary>
    public DateOnly LastDate { get; }

    /// <summary>The office with an id, when offices.csv has it.</summary>
    public bool TryGetOffice(string officeId, out OfficeInfo office)
    {
        var found = _officeNumber.TryGetValue(officeId, out var number);
        office = found ? _offices[number] : default;
        return found;
    }

    /// <summary>How many distinct office ids offices.csv has: offices are numbered 0 … <see cref="OfficeCount"/> − 1.</summary>
    public int OfficeCount => _offices.Length;

    /// <summary>The office with a number (offices are numbered in the order of their first row in offices.csv).</summary>
    public OfficeInfo Office(int number) => _offices[number];

    /// <summary>The name of an office, or its id when offices.csv does not have it.</summary>
    public string OfficeName(string officeId) => TryGetOffice(officeId, out var office) ? office.Name : officeId;

    /// <summary>Per row of <see cref="StatusRowsOf"/>, the number of the provider's office, or −1 when offices.csv does not have it.</summary>
    public ReadOnlySpan<int> ServiceOfficesOf(int need) => _serviceOffice.AsSpan(_serviceStart[need].._serviceEnd[need]);

    /// <summary>Every person with a plan or an individual support plan; persons are numbered in the ordinal order of their key.</summary>
    public int PersonCount => _persons.Length;
    public string PersonKey(int person) => _persons[person];
    /// <summary>The number of a person, or −1 when the data has no row of theirs.</summary>
    public int PersonOf(string personKey) => _personOf.GetValueOrDefault(personKey, -1);

    /// <summary>Every plan version, by person, then date, then plan id.</summary>
    public ReadOnlySpan<Plan> Plans => _plans;
    /// <summary>The positions in <see cref="Plans"/> of a person's plan versions.</summary>
    public (int Start, int End) PlansOf(int person) => (_planStart[person], _planStart[person + 1]);
    /// <summary>What <see cref="PlanEndDays"/> gives a version that has no end date.</summary>
    public const int NoEnd = int.MaxValue;
    /// <summary>Per plan of <see cref="Plans"/>, its date as a day number (<see cref="DateOnly.DayNumber"/>).</summary>
    public ReadOnlySpan<int> PlanDays => _planDay;
    /// <summary>Per plan of <see cref="Plans"/>, its end date as a day number, or <see cref="NoEnd"/>.</summary>
    public ReadOnlySpan<int> PlanEndDays => _planEndDay;
    /// <summary>Per plan of <see cref="Plans"/>, its monitoring interval in months.</summary>
    public ReadOnlySpan<int> PlanMonitoringMonths => _planMonitoringMonths;
    /// <summary>Per plan of <see cref="Plans"/>, its 障害支援区分.</summary>
    public ReadOnlySpan<byte> PlanSupportCategories => _planSupportCategory;
    /// <summary>Per plan of <see cref="Plans"/>, its 障害種別.</summary>
    public ReadOnlySpan<DisabilityType> PlanDisabilityTypes => _planDisabilityTypes;
    /// <summary>The key of the plan id of the plan at a position: what its needs and monitoring are found by.</summary>
    public int PlanKeyAt(int plan) => _planKeyAt[plan];
    /// <summary>The area index of the municipality of the plan at a position, or −1 when it is not in the hierarchy.</summary>
    public int MunicipalityAt(int plan) => _municipalityAt[plan];

    /// <summary>Every need, by plan key, then priority.</summary>
    public IndexedRows<PlanNeed> Needs => _needs;
    /// <summary>The positions in <see cref="Needs"/> of the needs of a plan key.</summary>
    public (int Start, int End) NeedsOf(int planKey) => (_needStart[planKey], _needStart[planKey + 1]);
    /// <summary>The since, service and status of the status rows of the services planned for the need at a position, by
    /// service, then since (the rows themselves are not kept: snapshots read these, and <see cref="StateOf"/>).</summary>
    public StatusRows StatusRowsOf(int need)
    {
        var (start, length) = (_serviceStart[need], _serviceEnd[need] - _serviceStart[need]);
        return new(_serviceSince.AsSpan(start, length), _serviceType.AsSpan(start, length), _serviceStatus.AsSpan(start, length));
    }
    /// <summary>The state that status row i of <see cref="StatusRowsOf"/> gives.</summary>
    public ServiceState StateOf(int need, int i)
    {
        var row = _serviceStart[need] + i;
        var office = _serviceOffice[row];
        return new(_serviceType[row], _serviceStatus[row], DateOnly.FromDayNumber(_serviceSince[row]), _amounts[_serviceAmount[row]],
            office >= 0 ? _officeIds[office] : _unknownProvider?[row]);
    }
    /// <summary>The date, priority and achievement of the monitoring rows of a plan key, by date, then priority.</summary>
    public Reviews ReviewsOf(int planKey)
    {
        var (start, length) = (_monitoringStart[planKey], _monitoringStart[planKey + 1] - _monitoringStart[planKey]);
        return new(_monitoringDay.AsSpan(start, length), _monitoringPriority.AsSpan(start, length), _monitoringAchievement.AsSpan(start, length));
    }

    /// <summary>Every individual support plan, by person, then date.</summary>
    public ReadOnlySpan<SupportPlan> SupportPlans => _supportPlans;
    /// <summary>The positions in <see cref="SupportPlans"/> of a person's individual support plans.</summary>
    public (int Start, int End) SupportPlansOf(int person) => (_supportPlanStart[person], _supportPlanStart[person + 1]);
    /// <summary>The date of the individual support plan at a position.</summary>
    public DateOnly SupportPlanDate(int supportPlan) => DateOnly.FromDayNumber(_supportPlanDay[supportPlan]);
    /// <summary>A number per provider office and service: plans at one provider for one service share it.</summary>
    public int SupportPlanLine(int supportPlan) => _supportPlanLine[supportPlan];
    /// <summary>The service of the individual support plan at a position (without reading the plan).</summary>
    public ServiceType SupportPlanService(int supportPlan) => _supportPlanService[supportPlan];
    /// <summary>What <see cref="LinkedPrioritiesOf"/> gives a goal that links to no need.</summary>
    public const int NotLinked = int.MinValue;
    /// <summary>Per goal of <see cref="GoalsOf"/>, the priority of the need it links to, or <see cref="NotLinked"/>.</summary>
    public ReadOnlySpan<int> LinkedPrioritiesOf(int supportPlan) =>
        _goalLinked.AsSpan(_goalStart[_supportPlanKeyAt[supportPlan]].._goalStart[_supportPlanKeyAt[supportPlan] + 1]);
    /// <summary>The priority of the need at a position of <see cref="Needs"/>.</summary>
    public int NeedPriority(int need) => _needPriority[need];
    /// <summary>The life domain the office gave the need at a position of <see cref="Needs"/>, if any.</summary>
    public LifeDomain? NeedDomain(int need) => _needDomain[need];
    /// <summary>The goals of the individual support plan at a position (of its id), by goal number.</summary>
    public IndexedRows<SupportGoal> GoalsOf(int supportPlan) =>
        _goals[_goalStart[_supportPlanKeyAt[supportPlan]].._goalStart[_supportPlanKeyAt[supportPlan] + 1]];

    /// <summary>Sorts distinct strings in ordinal order, as <c>Array.Sort(keys, StringComparer.Ordinal)</c>, mostly by numbers: the
    /// first eight characters of a key of single-byte characters, packed into a number (a key's end counting as a character
    /// below all others), order keys as the strings do, and only keys sharing all eight compare as strings. Person keys
    /// are hashes in ASCII: nationally 440 k of them sort in a fraction of the time string comparisons take.</summary>
    internal static void SortOrdinal(string[] keys)
    {
        var prefixes = new ulong[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var (key, prefix) = (keys[i], 0UL);
            for (var c = 0; c < sizeof(ulong); c++)
            {
                var ch = c < key.Length ? key[c] : '\0';
                if (ch > byte.MaxValue)
                {
                    Array.Sort(keys, StringComparer.Ordinal);
                    return;
                }
                prefix = prefix << 8 | ch;
            }
            prefixes[i] = prefix;
        }
        Array.Sort(prefixes, keys);
        for (int start = 0, end; start < keys.Length; start = end)
        {
            for (end = start + 1; end < keys.Length && prefixes[end] == prefixes[start]; end++) { }
            if (end - start > 1) Array.Sort(keys, start, end - start, StringComparer.Ordinal);
        }
    }

    /// <summary>The key of a row's group (the id of its person or parent), given the row where it is held.</summary>
    private delegate string KeyOf<T>(in T row);

    /// <summary>What <see cref="Group"/> copies out of a row as it passes, given the row where it is held and its position.</summary>
    private delegate void RowReader<T>(in T row, int position);

    /// <summary>The order of the rows by group (a stable bucket sort), each group ordered by <paramref name="order"/> with
    /// ties in input order, as LINQ's GroupBy then OrderBy would: <c>Positions</c> holds the position in
    /// <paramref name="source"/> of each row in that order, and group g is Positions[Start[g] .. Start[g + 1]). A row's
    /// group is the number <paramref name="groups"/> gives its key; rows with a key it lacks are never read and left out.
    /// One pass over the rows, a chunk at a time, finds their groups and the groups whose rows do not come in order (rows
    /// mostly come grouped and ordered already, so the previous row's key is tried first, and few groups need sorting).</summary>
    /// <param name="order">Compares two rows by their positions in <paramref name="source"/>: it may read what
    /// <paramref name="read"/> copied out of both (the rows themselves are not fetched again).</param>
    /// <param name="read">Called with every row and its position, in file order (the rows' order in memory), while the
    /// pass has the row in cache: what the hot loops read is copied out beside the rows here, in one pass, not one per field.</param>
    private static (int[] Start, int[] Positions) Group<T>(IReadOnlyList<T> source, KeyOf<T> keyOf, Dictionary<string, int> groups,
        Comparison<int> order, RowReader<T>? read = null)
    {
        var groupOf = new int[source.Count];
        var start = TouchedArray.Of<int>(groups.Count + 1);
        var lastRow = new int[groups.Count];
        Array.Fill(lastRow, -1);
        var unsorted = new bool[groups.Count];
        string? lastKey = null;
        var (group, i) = (-1, 0);
        foreach (var chunk in RowChunks.Of(source))
        {
            foreach (ref readonly var row in chunk.Span)
            {
                read?.Invoke(in row, i);
                var key = keyOf(in row);
                if (!string.Equals(key, lastKey, StringComparison.Ordinal))
                {
                    lastKey = key;
                    group = groups.GetValueOrDefault(key, -1);
                }
                groupOf[i] = group;
                if (group >= 0)
                {
                    start[group + 1]++;
                    if (lastRow[group] >= 0 && order(lastRow[group], i) > 0) unsorted[group] = true;
                    lastRow[group] = i;
                }
                i++;
            }
        }
        for (var g = 0; g < groups.Count; g++) start[g + 1] += start[g];
        var positions = new int[start[groups.Count]];
        var next = start[..groups.Count];
        for (var r = 0; r < groupOf.Length; r++)
            if (groupOf[r] is var g and >= 0) positions[next[g]++] = r;

        // A Comparison, not an IComparer: Array.Sort would wrap the comparer in a new delegate for each of (nationally) ~0.4 M groups.
        Comparison<int> stable = (a, b) => order(a, b) is var c and not 0 ? c : a.CompareTo(b);
        for (var g = 0; g < groups.Count; g++)
            if (unsorted[g]) positions.AsSpan(start[g], start[g + 1] - start[g]).Sort(stable);
        return (start, positions);
    }

    /// <summary>The rows <see cref="Group"/> grouped, in group order (a copy of each row's reference: plans and support plans).</summary>
    private static T[] InGroupOrder<T>(IReadOnlyList<T> rows, int[] positions) where T : class
    {
        // Written through a span: no per-row array covariance check, which would read every row's type.
        var result = new T[positions.Length];
        var into = result.AsSpan();
        for (var i = 0; i < into.Length; i++) into[i] = rows[positions[i]];
        return result;
    }

    /// <summary>The number of <paramref name="key"/> in <paramref name="numbers"/>: keys are numbered 0, 1, … as they are first met.</summary>
    private static int NumberOf<TKey>(Dictionary<TKey, int> numbers, TKey key) where TKey : notnull
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(numbers, key, out var known);
        if (!known) number = numbers.Count - 1;
        return number;
    }

    /// <summary>A field of every row (in file order, as <see cref="Group"/>'s read copied it) in the order Group gave the rows.</summary>
    private static TField[] InGroupOrder<TField>(TField[] inFileOrder, int[] positions)
    {
        var result = new TField[positions.Length];
        for (var i = 0; i < result.Length; i++) result[i] = inFileOrder[positions[i]];
        return result;
    }

    /// <summary>Per need: the range of the service rows with its plan key and priority. Both are ordered by
    /// plan key then priority, so one merge finds them; needs sharing a priority share the rows.</summary>
    private static (int[] Start, int[] End) ServicesPerNeed(int[] needPriority, int[] needStart, int[] servicePriority, int[] serviceStart)
    {
        var (start, end) = (new int[needPriority.Length], new int[needPriority.Length]);
        for (var planKey = 0; planKey + 1 < needStart.Length; planKey++)
        {
            var (next, stop) = (serviceStart[planKey], serviceStart[planKey + 1]);
            for (var n = needStart[planKey]; n < needStart[planKey + 1]; n++)
            {
                var priority = needPriority[n];
                while (next < stop && servicePriority[next] < priority) next++;
                var last = next;
                while (last < stop && servicePriority[last] == priority) last++;
                (start[n], end[n]) = (next, last);
            }
        }
        return (start, end);
    }
}
