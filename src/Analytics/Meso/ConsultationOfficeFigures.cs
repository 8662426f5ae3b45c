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
        var names = snapshot.Index.Data.Offices.GroupBy(o => o.OfficeId).ToDictionary(g => g.Key, g => g.First().OfficeName);
        var t = new TableBuilder("meso_consultation_office", "相談支援事業所別の状況", snapshot.Index.Areas, period)
        {
            OfficeNames = code => names.GetValueOrDefault(code, code),
        };
        var unmetPersons = NeedAssessment.Assess(snapshot).Where(a => a.IsUnmet).Select(a => a.Plan.PersonKey).ToHashSet();
        foreach (var s in MonitoringStatus.Assess(snapshot))
        {
            var office = s.Plan.OfficeId;
            t.Add(AreaLevel.Office, office, Total, Cell.Total, MonitoringFigures.Plans, 1, MeasureUnit.Persons);
            t.Add(AreaLevel.Office, office, Total, Cell.Total, Figures.Measures.PersonsUnmet, unmetPersons.Contains(s.Plan.PersonKey) ? 1 : 0, MeasureUnit.Persons);
            t.Add(AreaLevel.Office, office, Total, Cell.Total, MonitoringFigures.PlansOverdue, s.IsOverdue ? 1 : 0, MeasureUnit.Persons);
        }
        t.AddRate(MonitoringFigures.OverdueRate, MeasureUnit.Percent, MonitoringFigures.PlansOverdue, MonitoringFigures.Plans);
        return t.Build();
    }
}
