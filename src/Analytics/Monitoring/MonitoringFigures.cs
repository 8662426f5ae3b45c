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
        var statuses = MonitoringStatus.Assess(snapshot);
        return
        [
            Summary(snapshot, statuses, period),
            Achievement(snapshot, period, "monitoring_achievement_by_life_domain", "生活領域別の支援目標の達成度", Figures.Breakdowns.LifeDomain,
                (need, into) => into.Add(Figures.UnmetFigures.DomainLabel(need.Need.Domain))),
            Achievement(snapshot, period, "monitoring_achievement_by_service", "サービス種類別の支援目標の達成度", Service,
                (need, into) =>
                {
                    if (need.Services.Count == 0) into.Add(Figures.Breakdowns.NoService);
                    foreach (var s in need.Services) into.Add(ServiceCatalog.Get(s.Service).JapaneseName);
                }),
        ];
    }

    /// <summary>Overdue monitoring and persistent unmet needs per area. <paramref name="statuses"/> are those of
    /// <see cref="MonitoringStatus.Assess(PlanSnapshot)"/>, in the order of the snapshot's plans.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<MonitoringStatus> statuses, FiscalQuarter period)
    {
        var t = new TableBuilder("monitoring_summary", "モニタリングの実施状況と継続する未充足", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Plans, MeasureUnit.Persons), (PlansOverdue, MeasureUnit.Persons),
            (PersonsPersistent, MeasureUnit.Persons), (NeedsPersistent, MeasureUnit.Needs));
        var plans = t.Column(Total, Cell.Total, Plans, MeasureUnit.Persons);
        var overdue = t.Column(Total, Cell.Total, PlansOverdue, MeasureUnit.Persons);
        var personsPersistent = t.Column(Total, Cell.Total, PersonsPersistent, MeasureUnit.Persons);
        var needsPersistent = t.Column(Total, Cell.Total, NeedsPersistent, MeasureUnit.Needs);
        for (var plan = 0; plan < statuses.Count; plan++)
        {
            var (s, m) = (statuses[plan], snapshot.MunicipalityOf(plan));
            if (m < 0) continue;
            t.AddMacro(m, plans);
            if (s.IsOverdue) t.AddMacro(m, overdue);
            if (s.PersistentlyUnmetPriorities.Count > 0)
            {
                t.AddMacro(m, personsPersistent);
                t.AddMacro(m, needsPersistent, s.PersistentlyUnmetPriorities.Count);
            }
        }
        t.AddRate(OverdueRate, MeasureUnit.Percent, PlansOverdue, Plans);
        return t.Build();
    }

    /// <summary>The measure of needs whose latest achievement is a value: needs_ + its code.</summary>
    private static readonly Dictionary<Achievement, string> AchievementMeasures =
        Codes.Achievement.Values.ToDictionary(a => a, a => "needs_" + Codes.Achievement.Code(a));

    /// <summary>The latest achievement of each need of the current plans, counted per category;
    /// <paramref name="categoriesOf"/> adds the categories of a need to a list.</summary>
    private static ResultTable Achievement(PlanSnapshot snapshot, FiscalQuarter period, string id, string title, string breakdown,
        Action<NeedState, List<string>> categoriesOf)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        var index = snapshot.Index;
        var columns = new Dictionary<(string, Achievement), int>();
        var categories = new List<string>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var reviews = index.MonitoringOf(index.PlanKeyAt(snapshot.PositionOf(plan)));
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var need = snapshot.Needs[n];
                if (LatestReview(reviews, need.Need.Priority, snapshot.Date) is not { } latest) continue;
                categories.Clear();
                categoriesOf(need, categories);
                for (var i = 0; i < categories.Count; i++)
                {
                    var category = categories[i];
                    if (categories.IndexOf(category, 0, i) >= 0) continue; // once per need
                    if (!columns.TryGetValue((category, latest.Achievement), out var column))
                        columns[(category, latest.Achievement)] = column = t.Column(breakdown, category, AchievementMeasures[latest.Achievement], MeasureUnit.Needs);
                    t.AddMacro(municipality, column);
                }
            }
        }
        return t.Build();
    }

    /// <summary>The last review of a need on or before the date (reviews are ordered by date).</summary>
    private static MonitoringRecord? LatestReview(ReadOnlySpan<MonitoringRecord> reviews, int priority, DateOnly date)
    {
        MonitoringRecord? latest = null;
        foreach (var m in reviews)
        {
            if (m.MonitoringDate > date) break;
            if (m.Priority == priority) latest = m;
        }
        return latest;
    }
}
