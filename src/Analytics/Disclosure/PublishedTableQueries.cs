using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Lookups renderers use on a published table.</summary>
public static class PublishedTableQueries
{
    /// <summary>The cell of an area, category and measure, in the given period or, when none is given, the table's first.</summary>
    public static PublishedCell? Find(this PublishedTable table, AreaLevel level, string areaCode, string category, string measure, FiscalQuarter? period = null) =>
        table.Cells.Count == 0 ? null : table.Find(level, areaCode, category, measure, period ?? table.Cells[0].Period);

    /// <summary>The areas of a level that the table has cells for, in code order: (code, name).</summary>
    public static IReadOnlyList<(string Code, string Name)> Areas(this PublishedTable table, AreaLevel level) =>
        table.Cells.Where(c => c.Level == level).Select(c => (c.AreaCode, c.AreaName)).Distinct()
            .OrderBy(a => a.AreaCode, StringComparer.Ordinal).ToList();
}
