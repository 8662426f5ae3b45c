using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using static PlanLink.Analytics.Figures.Breakdowns;

namespace PlanLink.Analytics.Monitoring;

/// <summary>モニタリング figures: achievement of support goals per life domain and service, overdue
/// monitoring, and needs unmet at two monitorings in a row.</summary>
public static class MonitoringFigures
{
    public const string Plans = "plans";
    public const string PlansOverdue = "plans_overdue";
    public const string OverdueRate = "overdue_rate";
    public const string PersonsPersistent = "persons_persistent_unmet";
    public const string NeedsPersistent = "needs_persistent_unmet";

    public static IReadOnlyList<ResultTable> Compute(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var monitoring = SnapshotMonitoring.Of(snapshot);
        return
        [
            Summary(snapshot, monitoring, period),
            Achievement(snapshot, monitoring, period, "monitoring_achievement_by_life_domain", "生活領域別の支援目標の達成度", Figures.Breakdowns.LifeDomain,
                DomainLabels, (snapshot, need, into) => into.Add(snapshot.NeedDomain(need) is { } d ? (int)d : DomainLabels.Length - 1)),
            Achievement(snapshot, monitoring, period, "monitoring_achievement_by_service", "サービス種類別の支援目標の達成度", Service,
                ServiceLabels, (snapshot, need, into) =>
                {
                    var states = snapshot.StatesOf(need);
                    if (states.IsEmpty) into.Add(ServiceLabels.Length - 1);
                    foreach (var s in states) into.Add((int)s.Service);
                }),
        ];
    }

    /// <summary>Overdue monitoring and persistent unmet needs per area; <paramref name="monitoring"/> is the snapshot's.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, SnapshotMonitoring monitoring, FiscalQuarter period)
    {
        var t = new TableBuilder("monitoring_summary", "モニタリングの実施状況と継続する未充足", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Plans, MeasureUnit.Persons), (PlansOverdue, MeasureUnit.Persons),
            (PersonsPersistent, MeasureUnit.Persons), (NeedsPersistent, MeasureUnit.Needs));
        var plans = t.Column(Total, Cell.Total, Plans, MeasureUnit.Persons);
        var overdue = t.Column(Total, Cell.Total, PlansOverdue, MeasureUnit.Persons);
        var personsPersistent = t.Column(Total, Cell.Total, PersonsPersistent, MeasureUnit.Persons);
        var needsPersistent = t.Column(Total, Cell.Total, NeedsPersistent, MeasureUnit.Needs);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var m = snapshot.MunicipalityOf(plan);
            if (m < 0) continue;
            t.AddMacro(m, plans);
            if (monitoring.IsOverdue(plan)) t.AddMacro(m, overdue);
            if (monitoring.PersistentlyUnmet(plan).Length is > 0 and var persistent)
            {
                t.AddMacro(m, personsPersistent);
                t.AddMacro(m, needsPersistent, persistent);
            }
        }
        t.AddRate(OverdueRate, MeasureUnit.Percent, PlansOverdue, Plans);
        return t.Build();
    }

    /// <summary>The measure of needs whose latest achievement is a value: needs_ + its code.</summary>
    private static readonly Dictionary<Achievement, string> AchievementMeasures =
        Codes.Achievement.Values.ToDictionary(a => a, a => "needs_" + Codes.Achievement.Code(a));

    /// <summary>Adds the categories of a need (by its number), as indexes into the table's labels, to a list.</summary>
    private delegate void CategoriesOf(PlanSnapshot snapshot, int need, List<int> into);

    /// <summary>The latest achievement of each need of the current plans, counted per category.</summary>
    private static ResultTable Achievement(PlanSnapshot snapshot, SnapshotMonitoring monitoring, FiscalQuarter period, string id, string title, string breakdown,
        string[] labels, CategoriesOf categoriesOf)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        var achievements = Enum.GetValues<Achievement>().Length;
        // Per label × achievement, its column once used; labels that read the same share their column.
        var columnOf = new int?[labels.Length * achievements];
        var categories = new List<int>();
        var counted = new List<int>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                if (monitoring.LatestAchievement(n) is not { } achievement) continue;
                categories.Clear();
                counted.Clear();
                categoriesOf(snapshot, n, categories);
                foreach (var category in categories)
                {
                    var column = columnOf[category * achievements + (int)achievement] ??=
                        t.Column(breakdown, labels[category], AchievementMeasures[achievement], MeasureUnit.Needs);
                    if (counted.Contains(column)) continue; // once per need
                    counted.Add(column);
                    t.AddMacro(municipality, column);
                }
            }
        }
        return t.Build();
    }
}
