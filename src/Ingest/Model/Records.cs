using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PlanLink.Ingest.Model;

// The records of the data contract (domain.md §3), one per CSV row. Defined once here;
// every later stage reads these and never re-parses the files. The rows a plan or support plan has many of
// (needs, services, goals, monitoring: nationally ~17 M) are values, not objects: held in a RowList they take a
// few large arrays instead of an object each, which the collector would otherwise copy and trace one by one.
// Their small numbers (priorities, months, goal numbers: smallint in the store, 1-120 in a file) are held in
// 16 bits and their optional codes in a byte, which nationally keeps ~140 MB of rows from being allocated,
// faulted in and scanned; the properties give them as the contract types them.

/// <summary>One version of a サービス等利用計画 (plans.csv).</summary>
public sealed record Plan(
    string PlanId, string PersonKey, string OfficeId, string MunicipalityCode, DateOnly PlanDate,
    PlanKind Kind, string AgeBand, DisabilityType DisabilityTypes,
    /// <summary>障害支援区分: 0 = 非該当, 1–6.</summary>
    byte SupportCategory,
    int MonitoringMonths, DateOnly? EndDate, string? Wishes);

/// <summary>One 解決すべき課題 of a plan (plan_needs.csv).</summary>
public readonly record struct PlanNeed
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PlanNeed(string planId, int priority, string needText, LifeDomain? domain, string goalText, int? targetMonths, string? personRole)
    {
        (PlanId, NeedText, GoalText, PersonRole) = (planId, needText, goalText, personRole);
        (_priority, _targetMonths, _domain) = (Narrow.Of(priority), Narrow.Of(targetMonths), domain is { } d ? (byte)d : Narrow.NoCode);
    }

    private readonly short _priority, _targetMonths;
    private readonly byte _domain;

    public string PlanId { get; }
    public int Priority => _priority;
    public string NeedText { get; }
    public LifeDomain? Domain => _domain == Narrow.NoCode ? null : (LifeDomain)_domain;
    public string GoalText { get; }
    public int? TargetMonths => Narrow.Value(_targetMonths);
    public string? PersonRole { get; }
}

/// <summary>One status row of a service planned for a need (plan_services.csv); rows of the same
/// plan, priority and service form its status history.</summary>
public readonly record struct PlannedService
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PlannedService(string planId, int priority, ServiceType service, decimal? amount, string? unit,
        string? providerOfficeId, ServiceStatus status, DateOnly since)
    {
        (PlanId, Service, Unit, ProviderOfficeId, Status, Since) = (planId, service, unit, providerOfficeId, status, since);
        (_priority, _amount, _hasAmount) = (Narrow.Of(priority), amount ?? 0, amount is not null);
    }

    private readonly short _priority;
    private readonly decimal _amount;
    private readonly bool _hasAmount;

    public string PlanId { get; }
    public int Priority => _priority;
    public ServiceType Service { get; }
    public decimal? Amount => _hasAmount ? _amount : null;
    public string? Unit { get; }
    public string? ProviderOfficeId { get; }
    public ServiceStatus Status { get; }
    public DateOnly Since { get; }
}

/// <summary>One 個別支援計画 at a provider (support_plans.csv).</summary>
public sealed record SupportPlan(
    string SupportPlanId, string PersonKey, string ProviderOfficeId, ServiceType Service,
    DateOnly PlanDate, string LongGoal, string ShortGoal);

/// <summary>One 到達目標 of an individual support plan (support_goals.csv).</summary>
public readonly record struct SupportGoal
{
    /// <param name="linkedPriority">The priority of the service use plan need it serves; null = not linked.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SupportGoal(string supportPlanId, int goalNo, string goalText, int? linkedPriority, int? periodMonths, string? staffRole)
    {
        (SupportPlanId, GoalText, StaffRole) = (supportPlanId, goalText, staffRole);
        (_goalNo, _linkedPriority, _periodMonths) = (Narrow.Of(goalNo), Narrow.Of(linkedPriority), Narrow.Of(periodMonths));
    }

    private readonly short _goalNo, _linkedPriority, _periodMonths;

    public string SupportPlanId { get; }
    public int GoalNo => _goalNo;
    public string GoalText { get; }
    /// <summary>The priority of the service use plan need it serves; null = not linked.</summary>
    public int? LinkedPriority => Narrow.Value(_linkedPriority);
    public int? PeriodMonths => Narrow.Value(_periodMonths);
    public string? StaffRole { get; }
}

/// <summary>One 支援目標 reviewed at a モニタリング (monitoring.csv).</summary>
public readonly record struct MonitoringRecord(
    string PlanId, DateOnly MonitoringDate, int Priority, Achievement Achievement,
    bool ChangeServiceType, bool ChangeAmount, bool ChangeWeeklySchedule, string? NewIssue);

/// <summary>One service line of a provider office: the supply side (offices.csv).</summary>
public sealed record Office(
    string OfficeId, string OfficeName, string MunicipalityCode, ServiceType Service,
    /// <summary>定員, or hours/month for visiting services.</summary>
    decimal Capacity,
    DateOnly? Opened, DateOnly? Closed)
{
    public bool IsOpenOn(DateOnly date) => (Opened is null || Opened <= date) && (Closed is null || Closed > date);
}

/// <summary>A municipality with its 障害保健福祉圏域 and population (municipalities.csv).</summary>
public sealed record Municipality(string Code, string Name, string Prefecture, string Region, int Population);

/// <summary>A municipality covered by a 基幹相談支援センター (core consultation support centre): optional
/// reference data (support_centers.csv) that adds a meso level between offices and municipalities.</summary>
public sealed record SupportCenterArea(string CenterId, string CenterName, string MunicipalityCode);

/// <summary>How the rows hold their small numbers: 16 bits (the store's smallint), an optional one with a value no
/// number takes for "none", and an optional code in a byte. Small enough to be inlined into the rows' constructors,
/// which the parse calls once per row (nationally ~12 M times).</summary>
internal static class Narrow
{
    private const short None = short.MinValue;
    public const byte NoCode = byte.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Of(int value) => value is > None and <= short.MaxValue ? (short)value : Refuse(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short Of(int? value) => value is { } v ? Of(v) : None;

    public static int? Value(short stored) => stored == None ? null : stored;

    [DoesNotReturn]
    private static short Refuse(int value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, $"a row's small number lies within {None + 1}..{short.MaxValue}");
}
