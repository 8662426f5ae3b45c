using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Tables;

/// <summary>The unit of a measure, as figures.csv names it.</summary>
public enum MeasureUnit : byte { Persons, Needs, Plans, Percent, PerTenThousand, HoursPerMonth, PersonDaysPerMonth, Capacity, Goals, Ratio }

public static class MeasureUnits
{
    public static string Code(this MeasureUnit unit) => unit switch
    {
        MeasureUnit.Persons => "persons",
        MeasureUnit.Needs => "needs",
        MeasureUnit.Plans => "plans",
        MeasureUnit.Percent => "percent",
        MeasureUnit.PerTenThousand => "per_10000_population",
        MeasureUnit.HoursPerMonth => "hours_per_month",
        MeasureUnit.PersonDaysPerMonth => "person_days_per_month",
        MeasureUnit.Capacity => "capacity",
        MeasureUnit.Goals => "goals",
        _ => "ratio",
    };

    /// <summary>Whether the measure counts persons or their plans, needs or goals: the counts disclosure control protects.</summary>
    public static bool IsProtectedCount(this MeasureUnit unit) => unit is MeasureUnit.Persons or MeasureUnit.Plans or MeasureUnit.Needs or MeasureUnit.Goals;

    /// <summary>Whether the measure is a planned or used volume, which reveals individual amounts when few persons stand behind it.</summary>
    public static bool IsVolume(this MeasureUnit unit) => unit is MeasureUnit.HoursPerMonth or MeasureUnit.PersonDaysPerMonth;
}

/// <summary>One figure: an area at a level and period, a breakdown category and a measure.
/// <see cref="Category"/> is <see cref="Cell.Total"/> for a breakdown's total.</summary>
public sealed record Cell(
    AreaLevel Level, string AreaCode, string AreaName, FiscalQuarter Period,
    string Breakdown, string Category, string Measure, MeasureUnit Unit, decimal Value)
{
    public const string Total = "計";

    /// <summary>For a rate: the measures of the same row it is computed from, so it is hidden when they are.</summary>
    public (string Numerator, string Denominator)? RateOf
    {
        get => _rateOf?.Measures;
        init => _rateOf = value is { } measures ? new RateMeasures(measures) : null;
    }

    /// <summary><see cref="RateOf"/> as one instance that a table's rate cells share: a reference in each of
    /// millions of cells instead of two strings and a flag.</summary>
    internal RateMeasures? Rate { get => _rateOf; init => _rateOf = value; }

    private readonly RateMeasures? _rateOf;

    /// <summary>The cells of one row of a table: same area, period and category.</summary>
    public (AreaLevel, string, FiscalQuarter, string, string) RowKey => (Level, AreaCode, Period, Breakdown, Category);
}

/// <summary>What a rate is computed from (<see cref="Cell.RateOf"/>); a record, so cells holding equal ones are equal.</summary>
internal sealed record RateMeasures((string Numerator, string Denominator) Measures);

/// <summary>A table of figures as analytics computed it: not yet fit to publish.</summary>
public sealed record ResultTable(string Id, string Title, IReadOnlyList<Cell> Cells);
