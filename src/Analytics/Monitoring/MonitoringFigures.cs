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

    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<MonitoringStatus> statuses, FiscalQuarter period)
    {
        var t = new TableBuilder("monitoring_summary", "モニタリングの実施状況と継続する未充足", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Plans, MeasureUnit.Persons), (PlansOverdue, MeasureUnit.Persons),
            (PersonsPersistent, MeasureUnit.Persons), (NeedsPersistent, MeasureUnit.Needs));
        foreach (var s in statuses)
        {
            var m = s.Plan.MunicipalityCode;
            t.AddMacro(m, Total, Cell.Total, Plans, MeasureUnit.Persons);
            if (s.IsOverdue) t.AddMacro(m, Total, Cell.Total, PlansOverdue, MeasureUnit.Persons);
            if (s.PersistentlyUnmetPriorities.Count > 0)
            {
                t.AddMacro(m, Total, Cell.Total, PersonsPersistent, MeasureUnit.Persons);
                t.AddMacro(m, Total, Cell.Total, NeedsPersistent, MeasureUnit.Needs, s.PersistentlyUnmetPriorities.Count);
            }
        }
        t.AddRate(OverdueRate, MeasureUnit.Percent, PlansOverdue, Plans);
        return t.Build();
    }

    /// <summary>The latest achievement of each need of the current plans, counted per category.</summary>
    private static ResultTable Achievement(PlanSnapshot snapshot, FiscalQuarter period, string id, string title, string breakdown,
        Func<PlanNeed, IReadOnlyList<ServiceState>, IEnumerable<string>> categoriesOf)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        foreach (var need in snapshot.Needs)
        {
            var latest = (snapshot.Index.MonitoringByPlan.GetValueOrDefault(need.Plan.PlanId) ?? [])
                .LastOrDefault(m => m.Priority == need.Need.Priority && m.MonitoringDate <= snapshot.Date);
            if (latest is null) continue;
            var measure = "needs_" + Codes.Achievement.Code(latest.Achievement);
            foreach (var category in categoriesOf(need.Need, need.Services).Distinct())
                t.AddMacro(need.Plan.MunicipalityCode, breakdown, category, measure, MeasureUnit.Needs);
        }
        return t.Build();
    }
}
