using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;

namespace PlanLink.Analytics.Disclosure;

/// <summary>Lookups renderers use on a published table.</summary>
public static class PublishedTableQueries
{
    /// <summary>The cell of an area, category and measure, in the given period or, when none is given, the table's first.</summary>
    public static PublishedCell? Find(this PublishedTable table, AreaLevel level, string areaCode, string category, string measure, FiscalQuarter? period = null) =>
        table.Count == 0 ? null : table.Find(level, areaCode, category, measure, period ?? table.Figure(0).Period);
}
