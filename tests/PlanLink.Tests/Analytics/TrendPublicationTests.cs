using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Tables;

namespace PlanLink.Tests.Analytics;

/// <summary>The report publishes each trend table one quarter at a time; disclosure control never groups
/// cells of different periods, so that must hide exactly the cells that publishing all quarters at once hides.</summary>
public class TrendPublicationTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(3)]
    public void TrendTables_PublishedPerQuarter_HideExactlyWhatPublishingAllQuartersAtOnceHides(int k)
    {
        var analysis = SampleRegion.Analysis;
        var areas = analysis.Snapshot.Index.Areas;
        var rules = DisclosureRules.WithK(k);
        var quarters = analysis.History.Select(analysis.Trend).ToList();
        var hiddenSeen = 0;
        for (var t = 0; t < quarters[0].Tables.Count; t++)
        {
            var parts = quarters.Select(q => q.Tables[t]).ToList();
            var whole = new ResultTable(parts[0].Id, parts[0].Title, parts.SelectMany(p => p.Cells).ToList());
            var atOnce = DisclosureControl.Publish(whole, rules, areas, categoriesAdd: false);
            var perQuarter = PublishedTable.Join(whole.Id, whole.Title, parts.Select(p => DisclosureControl.Publish(p, rules, areas, categoriesAdd: false)));
            Assert.Equal(atOnce.Cells, perQuarter.Cells);
            hiddenSeen += atOnce.Cells.Count(c => c.Suppressed);
        }
        Assert.True(quarters.Count >= 8, $"{quarters.Count} quarters");
        Assert.True(hiddenSeen > 1000, $"only {hiddenSeen} hidden cells: the comparison proves little");
    }
}
