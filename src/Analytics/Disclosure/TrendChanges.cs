using PlanLink.Analytics.Tables;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Quarter-on-quarter and year-on-year changes of a published trend table. Derived after
/// disclosure control from published values only, so a change is hidden whenever either end is.</summary>
public static class TrendChanges
{
    public const string QuarterOnQuarter = "_change_qoq";
    public const string YearOnYear = "_change_yoy";

    public static PublishedTable WithChanges(PublishedTable trend)
    {
        var byKey = trend.Cells.ToDictionary(c => (c.Level, c.AreaCode, c.Breakdown, c.Category, c.Measure, c.Period));
        var changes = new List<PublishedCell>();
        foreach (var c in trend.Cells)
        {
            foreach (var (suffix, before) in new[] { (QuarterOnQuarter, c.Period.Previous), (YearOnYear, c.Period.YearBefore) })
            {
                if (!byKey.TryGetValue((c.Level, c.AreaCode, c.Breakdown, c.Category, c.Measure, before), out var earlier)) continue;
                var unit = c.Unit is MeasureUnit.Percent ? MeasureUnit.Percent : c.Unit;
                changes.Add(c with { Measure = c.Measure + suffix, Unit = unit, Value = c.Value - earlier.Value });
            }
        }
        return new PublishedTable(trend.Id, trend.Title, trend.Cells.Concat(changes).ToList());
    }
}
