using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Lookups renderers use on a published table.</summary>
public static class PublishedTableQueries
{
    public static PublishedCell? Find(this PublishedTable table, AreaLevel level, string areaCode, string category, string measure, FiscalQuarter? period = null) =>
        table.Cells.FirstOrDefault(c => c.Level == level && c.AreaCode == areaCode && c.Category == category && c.Measure == measure
                                        && (period is null || c.Period == period));

    /// <summary>The areas of a level that the table has cells for, in code order: (code, name).</summary>
    public static IReadOnlyList<(string Code, string Name)> Areas(this PublishedTable table, AreaLevel level) =>
        table.Cells.Where(c => c.Level == level).Select(c => (c.AreaCode, c.AreaName)).Distinct()
            .OrderBy(a => a.AreaCode, StringComparer.Ordinal).ToList();
}
