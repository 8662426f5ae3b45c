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
                (need, _) => [Figures.UnmetFigures.DomainLabel(need.Domain)]),
            Achievement(snapshot, period, "monitoring_achievement_by_service", "サービス種類別の支援目標の達成度", Service,
                (_, services) => services.Select(s => ServiceCatalog.Get(s.Service).JapaneseName).DefaultIfEmpty(Figures.Breakdowns.NoService)),
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

    /// <summary>The measure of needs whose latest achievement is <paramref name="a"/>: needs_ + its code.</summary>
    private static readonly Dictionary<Achievement, string> AchievementMeasures =
        Codes.Achievement.Values.ToDictionary(a => a, a => "needs_" + Codes.Achievement.Code(a));

    /// <summary>The latest achievement of each need of the current plans, counted per category.</summary>
    private static ResultTable Achievement(PlanSnapshot snapshot, FiscalQuarter period, string id, string title, string breakdown,
        Func<PlanNeed, IReadOnlyList<ServiceState>, IEnumerable<string>> categoriesOf)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        var index = snapshot.Index;
        var categories = new HashSet<string>();
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
                var measure = AchievementMeasures[latest.Achievement];
                categories.Clear();
                categories.UnionWith(categoriesOf(need.Need, need.Services));
                foreach (var category in categories)
                    t.AddMacro(municipality, t.Column(breakdown, category, measure, MeasureUnit.Needs));
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
