using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using static PlanLink.Analytics.Figures.Measures;
using static PlanLink.Analytics.Figures.Breakdowns;

namespace PlanLink.Analytics.Figures;

/// <summary>連動: the share of service use plan needs that an individual support plan goal links to.</summary>
public static class LinkageFigures
{
    public static IReadOnlyList<ResultTable> Compute(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var links = LinkageAssessment.Assess(snapshot);
        return [Summary(snapshot, links, period), ByProvider(snapshot, links, period)];
    }

    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_summary", "サービス等利用計画と個別支援計画の連動", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs));
        foreach (var l in links)
        {
            t.AddMacro(l.State.Plan.MunicipalityCode, Total, Cell.Total, Needs, MeasureUnit.Needs);
            if (l.IsLinked) t.AddMacro(l.State.Plan.MunicipalityCode, Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Per provider office: the needs it serves with a service in use, and how many of them its
    /// own individual support plans link to (meso level, office-keyed).</summary>
    public static ResultTable ByProvider(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var names = snapshot.Index.Data.Offices.GroupBy(o => o.OfficeId).ToDictionary(g => g.Key, g => g.First().OfficeName);
        var t = new TableBuilder("plan_linkage_by_provider", "提供事業所別の連動", snapshot.Index.Areas, period)
        {
            OfficeNames = code => names.GetValueOrDefault(code, code),
        };
        foreach (var l in links)
        {
            var providers = l.State.Services
                .Where(s => s.Status == ServiceStatus.InUse && s.ProviderOfficeId is not null)
                .Select(s => s.ProviderOfficeId!).Distinct();
            foreach (var provider in providers)
            {
                t.Add(AreaLevel.Office, provider, Total, Cell.Total, Needs, 1, MeasureUnit.Needs);
                var linked = l.LinkedGoals.Any(g => g.Plan.ProviderOfficeId == provider);
                t.Add(AreaLevel.Office, provider, Total, Cell.Total, NeedsLinked, linked ? 1 : 0, MeasureUnit.Needs);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }
}
