using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Unmet;
using static PlanLink.Analytics.Figures.Breakdowns;

namespace PlanLink.Analytics.Meso;

/// <summary>Meso level: per consultation office (相談支援事業所), the plans it writes, the persons with
/// unmet needs among them, and overdue monitoring.</summary>
public static class ConsultationOfficeFigures
{
    public static ResultTable Compute(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var t = new TableBuilder("meso_consultation_office", "相談支援事業所別の状況", snapshot.Index.Areas, period)
        {
            OfficeNames = snapshot.Index.OfficeName,
        };
        var plans = t.Column(Total, Cell.Total, MonitoringFigures.Plans, MeasureUnit.Persons);
        var personsUnmet = t.Column(Total, Cell.Total, Figures.Measures.PersonsUnmet, MeasureUnit.Persons);
        var overdue = t.Column(Total, Cell.Total, MonitoringFigures.PlansOverdue, MeasureUnit.Persons);
        var reasons = NeedAssessment.ReasonsOf(snapshot);
        var monitoring = SnapshotMonitoring.Of(snapshot);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var office = t.Area(AreaLevel.Office, snapshot.Plans[plan].OfficeId);
            var (start, end) = snapshot.NeedsOf(plan);
            var unmet = false;
            for (var n = start; n < end && !unmet; n++) unmet = reasons[n].Any;
            t.Add(office, plans);
            t.Add(office, personsUnmet, unmet ? 1 : 0);
            t.Add(office, overdue, monitoring.IsOverdue(plan) ? 1 : 0);
        }
        t.AddRate(MonitoringFigures.OverdueRate, MeasureUnit.Percent, MonitoringFigures.PlansOverdue, MonitoringFigures.Plans);
        return t.Build();
    }
}
