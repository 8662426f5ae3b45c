using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;
using static PlanLink.Analytics.Figures.Measures;
using static PlanLink.Analytics.Figures.Breakdowns;

namespace PlanLink.Analytics.Figures;

/// <summary>未充足ニーズ at macro level: persons and need items unmet, overall and by service, status and life domain.</summary>
public static class UnmetFigures
{
    public static IReadOnlyList<ResultTable> Compute(PlanSnapshot snapshot, FiscalQuarter period, DomainInference? domains = null)
    {
        domains ??= DomainInference.None;
        var assessments = NeedAssessment.Assess(snapshot);
        var unmet = UnmetByPlan(snapshot, assessments);
        return
        [
            Summary(snapshot, assessments, period),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_service", "サービス種類別の未充足ニーズ", Service,
                (a, into) =>
                {
                    if (a.UnmetServices.Count == 0) into.Add(NoService);
                    foreach (var u in a.UnmetServices) into.Add(ServiceCatalog.Get(u.Service.Service).JapaneseName);
                },
                ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).Select(s => s.JapaneseName).Append(NoService)),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_status", "状況別の未充足ニーズ", Status,
                (a, into) =>
                {
                    foreach (var r in a.Reasons) into.Add(r.Japanese());
                },
                Enum.GetValues<UnmetReason>().Select(r => r.Japanese())),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_life_domain", "生活領域別の未充足ニーズ（推定を含む）", Breakdowns.LifeDomain,
                (a, into) => into.Add(DomainLabel(domains.DomainOf(a.Need).Domain)),
                Codes.Domain.Values.Select(d => Codes.Domain.Japanese(d)).Append(Unclassified),
                a => domains.DomainOf(a.Need).Inferred),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_support_category", "障害支援区分別の未充足ニーズ", SupportCategory,
                (a, into) => into.Add(SupportCategoryLabel(a.Plan.SupportCategory)),
                Enumerable.Range(0, 7).Select(c => SupportCategoryLabel((byte)c))),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_disability_type", "障害種別の未充足ニーズ", Breakdowns.DisabilityType,
                (a, into) =>
                {
                    foreach (var (type, label) in DisabilityTypeLabels)
                        if (a.Plan.DisabilityTypes.HasFlag(type)) into.Add(label);
                },
                DisabilityTypeLabels.Select(d => d.Label)),
        ];
    }

    /// <summary>The 障害種別 (without None) with their labels, in code order.</summary>
    private static readonly (Ingest.Model.DisabilityType Type, string Label)[] DisabilityTypeLabels =
        [.. Codes.Disability.Values.Where(d => d != Ingest.Model.DisabilityType.None).Select(d => (d, Codes.Disability.Japanese(d)))];

    /// <summary>障害支援区分 as councils write it: 非該当, 区分1 … 区分6.</summary>
    public static string SupportCategoryLabel(byte category) => category == 0 ? "非該当" : $"区分{category}";

    public static string DomainLabel(Ingest.Model.LifeDomain? domain) => domain is { } d ? Codes.Domain.Japanese(d) : Unclassified;

    /// <summary>Per area: persons with a plan, persons and needs unmet, the rate per plans and per 10,000 population.
    /// <paramref name="assessments"/> are those of <see cref="NeedAssessment.Assess(PlanSnapshot)"/>, in the order of the snapshot's needs.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<NeedAssessment> assessments, FiscalQuarter period)
    {
        var t = new TableBuilder("unmet_needs_summary", "未充足ニーズの概況", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Plans, MeasureUnit.Persons), (PersonsUnmet, MeasureUnit.Persons), (Needs, MeasureUnit.Needs), (NeedsUnmet, MeasureUnit.Needs));
        var plans = t.Column(Total, Cell.Total, Plans, MeasureUnit.Persons);
        var personsUnmet = t.Column(Total, Cell.Total, PersonsUnmet, MeasureUnit.Persons);
        var needs = t.Column(Total, Cell.Total, Needs, MeasureUnit.Needs);
        var needsUnmet = t.Column(Total, Cell.Total, NeedsUnmet, MeasureUnit.Needs);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            t.AddMacro(municipality, plans);
            var (start, end) = snapshot.NeedsOf(plan);
            if (start == end) continue;
            var unmet = 0;
            for (var n = start; n < end; n++)
                if (assessments[n].IsUnmet) unmet++;
            t.AddMacro(municipality, needs, end - start);
            t.AddMacro(municipality, needsUnmet, unmet);
            if (unmet > 0) t.AddMacro(municipality, personsUnmet);
        }
        t.AddRate(UnmetRate, MeasureUnit.Percent, PersonsUnmet, Plans);
        t.AddPerPopulation(UnmetPer10000, PersonsUnmet);
        return t.Build();
    }

    /// <summary>The unmet needs of a snapshot's plans in a municipality of the hierarchy, plan by plan: what every
    /// category table reads (most needs are met).</summary>
    private static List<(int Plan, NeedAssessment Need)> UnmetByPlan(PlanSnapshot snapshot, IReadOnlyList<NeedAssessment> assessments)
    {
        var unmet = new List<(int, NeedAssessment)>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            if (snapshot.MunicipalityOf(plan) < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
                if (assessments[n].IsUnmet) unmet.Add((plan, assessments[n]));
        }
        return unmet;
    }

    /// <summary>Persons and needs unmet per category; a person or need is counted once per category it
    /// falls in, and once in 計 (so categories do not add up to 計). <paramref name="categoriesOf"/> adds the
    /// categories of an unmet need to a list.</summary>
    private static ResultTable ByCategory(PlanSnapshot snapshot, List<(int Plan, NeedAssessment Need)> unmet, FiscalQuarter period,
        string id, string title, string breakdown, Action<NeedAssessment, List<string>> categoriesOf, IEnumerable<string> allCategories,
        Func<NeedAssessment, bool>? inferred = null)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        t.EnsureMacro(breakdown, allCategories.Prepend(Cell.Total), (PersonsUnmet, MeasureUnit.Persons), (NeedsUnmet, MeasureUnit.Needs));
        var columns = new Dictionary<string, (int Needs, int Persons, int Inferred)>();
        (int Needs, int Persons, int Inferred) ColumnsOf(string category) => columns.TryGetValue(category, out var c) ? c
            : columns[category] = (t.Column(breakdown, category, NeedsUnmet, MeasureUnit.Needs), t.Column(breakdown, category, PersonsUnmet, MeasureUnit.Persons),
                t.Column(breakdown, category, NeedsUnmetInferred, MeasureUnit.Needs));
        var total = ColumnsOf(Cell.Total);
        var needCategories = new List<string>();
        var personCategories = new List<string>();
        for (var i = 0; i < unmet.Count;)
        {
            // One person: the unmet needs of one plan.
            var (plan, municipality) = (unmet[i].Plan, snapshot.MunicipalityOf(unmet[i].Plan));
            personCategories.Clear();
            for (; i < unmet.Count && unmet[i].Plan == plan; i++)
            {
                var need = unmet[i].Need;
                needCategories.Clear();
                categoriesOf(need, needCategories);
                var isInferred = inferred?.Invoke(need) == true;
                for (var k = 0; k < needCategories.Count; k++)
                {
                    var category = needCategories[k];
                    if (needCategories.IndexOf(category, 0, k) >= 0) continue; // once per need
                    if (!personCategories.Contains(category)) personCategories.Add(category);
                    var c = ColumnsOf(category);
                    t.AddMacro(municipality, c.Needs);
                    if (isInferred) t.AddMacro(municipality, c.Inferred);
                }
                t.AddMacro(municipality, total.Needs);
            }
            foreach (var category in personCategories) t.AddMacro(municipality, ColumnsOf(category).Persons);
            t.AddMacro(municipality, total.Persons);
        }
        return t.Build();
    }
}
