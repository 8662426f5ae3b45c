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
        var reasons = NeedAssessment.ReasonsOf(snapshot);
        var unmet = UnmetByPlan(snapshot, reasons);
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).Select(s => s.JapaneseName).Append(NoService);
        var reasonLabels = Enum.GetValues<UnmetReason>().Select(r => r.Japanese()).ToArray();
        return
        [
            Summary(snapshot, reasons, period),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_service", "サービス種類別の未充足ニーズ", Service, services,
                ServiceLabels, (snapshot, u, into) =>
                {
                    var states = snapshot.StatesOf(u.Need);
                    if (states.IsEmpty) into.Add(ServiceLabels.Length - 1); // no service at all: the only way to be unmet without an unmet service
                    foreach (var s in states)
                        if (UnmetRules.ServiceUnmet(s, snapshot.Date) is not null) into.Add((int)s.Service);
                    return false;
                }),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_status", "状況別の未充足ニーズ", Status, reasonLabels,
                reasonLabels, (_, u, into) =>
                {
                    for (var r = 0; r < reasonLabels.Length; r++)
                        if (u.Reasons.Contains((UnmetReason)r)) into.Add(r);
                    return false;
                }),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_life_domain", "生活領域別の未充足ニーズ（推定を含む）", Breakdowns.LifeDomain, DomainLabels,
                DomainLabels, (snapshot, u, into) =>
                {
                    var (domain, inferred) = domains.DomainOf(snapshot, u.Need);
                    into.Add(domain is { } d ? (int)d : DomainLabels.Length - 1);
                    return inferred;
                }),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_support_category", "障害支援区分別の未充足ニーズ", SupportCategory,
                SupportCategoryLabels[..7], SupportCategoryLabels, (snapshot, u, into) =>
                {
                    into.Add(snapshot.Index.PlanSupportCategories[snapshot.PositionOf(u.Plan)]);
                    return false;
                }),
            ByCategory(snapshot, unmet, period, "unmet_needs_by_disability_type", "障害種別の未充足ニーズ", Breakdowns.DisabilityType,
                DisabilityTypeLabels.Select(d => d.Label), [.. DisabilityTypeLabels.Select(d => d.Label)], (snapshot, u, into) =>
                {
                    var types = snapshot.Index.PlanDisabilityTypes[snapshot.PositionOf(u.Plan)];
                    for (var i = 0; i < DisabilityTypeLabels.Length; i++)
                        if (types.HasFlag(DisabilityTypeLabels[i].Type)) into.Add(i);
                    return false;
                }),
        ];
    }

    /// <summary><see cref="SupportCategoryLabel"/> of every byte.</summary>
    private static readonly string[] SupportCategoryLabels = [.. Enumerable.Range(0, 256).Select(c => SupportCategoryLabel((byte)c))];

    /// <summary>The 障害種別 (without None) with their labels, in code order.</summary>
    private static readonly (Ingest.Model.DisabilityType Type, string Label)[] DisabilityTypeLabels =
        [.. Codes.Disability.Values.Where(d => d != Ingest.Model.DisabilityType.None).Select(d => (d, Codes.Disability.Japanese(d)))];

    /// <summary>障害支援区分 as councils write it: 非該当, 区分1 … 区分6.</summary>
    public static string SupportCategoryLabel(byte category) => category == 0 ? "非該当" : $"区分{category}";

    public static string DomainLabel(Ingest.Model.LifeDomain? domain) => domain is { } d ? Codes.Domain.Japanese(d) : Unclassified;

    /// <summary>Per area: persons with a plan, persons and needs unmet, the rate per plans and per 10,000 population.
    /// <paramref name="reasons"/> are those of <see cref="NeedAssessment.ReasonsOf"/>, by need number.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, ReadOnlySpan<UnmetReasonSet> reasons, FiscalQuarter period)
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
                if (reasons[n].Any) unmet++;
            t.AddMacro(municipality, needs, end - start);
            t.AddMacro(municipality, needsUnmet, unmet);
            if (unmet > 0) t.AddMacro(municipality, personsUnmet);
        }
        t.AddRate(UnmetRate, MeasureUnit.Percent, PersonsUnmet, Plans);
        t.AddPerPopulation(UnmetPer10000, PersonsUnmet);
        return t.Build();
    }

    /// <summary>An unmet need: the plan (in the snapshot), the need's number and why it is unmet.</summary>
    private readonly record struct UnmetNeed(int Plan, int Need, UnmetReasonSet Reasons);

    /// <summary>Adds the categories of an unmet need (indexes into the table's labels) to a list; returns whether
    /// they were inferred (推定).</summary>
    private delegate bool CategoriesOf(PlanSnapshot snapshot, UnmetNeed need, List<int> into);

    /// <summary>The unmet needs of a snapshot's plans in a municipality of the hierarchy, plan by plan: what every
    /// category table reads (most needs are met).</summary>
    private static List<UnmetNeed> UnmetByPlan(PlanSnapshot snapshot, ReadOnlySpan<UnmetReasonSet> reasons)
    {
        var unmet = new List<UnmetNeed>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            if (snapshot.MunicipalityOf(plan) < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
                if (reasons[n].Any) unmet.Add(new UnmetNeed(plan, n, reasons[n]));
        }
        return unmet;
    }

    /// <summary>Persons and needs unmet per category; a person or need is counted once per category it
    /// falls in, and once in 計 (so categories do not add up to 計). <paramref name="categoriesOf"/> adds the
    /// categories of an unmet need, as indexes into <paramref name="labels"/>.</summary>
    private static ResultTable ByCategory(PlanSnapshot snapshot, List<UnmetNeed> unmet, FiscalQuarter period,
        string id, string title, string breakdown, IEnumerable<string> allCategories, string[] labels, CategoriesOf categoriesOf)
    {
        var t = new TableBuilder(id, title, snapshot.Index.Areas, period);
        t.EnsureMacro(breakdown, allCategories.Prepend(Cell.Total), (PersonsUnmet, MeasureUnit.Persons), (NeedsUnmet, MeasureUnit.Needs));
        // Per label index, its columns once used; labels that read the same share their columns (a category is its label).
        var columnsOf = new (int Needs, int Persons, int Inferred)?[labels.Length];
        var byLabel = new Dictionary<string, (int Needs, int Persons, int Inferred)>();
        (int Needs, int Persons, int Inferred) ColumnsOf(string category) => byLabel.TryGetValue(category, out var c) ? c
            : byLabel[category] = (t.Column(breakdown, category, NeedsUnmet, MeasureUnit.Needs), t.Column(breakdown, category, PersonsUnmet, MeasureUnit.Persons),
                t.Column(breakdown, category, NeedsUnmetInferred, MeasureUnit.Needs));
        var total = ColumnsOf(Cell.Total);
        // Whether a category (by its needs column) was counted for the current need and person: stamped with their number + 1.
        var (needStamp, personStamp) = (new int[64], new int[64]);
        var personColumns = new List<int>();
        var categories = new List<int>();
        for (var i = 0; i < unmet.Count;)
        {
            // One person: the unmet needs of one plan.
            var (plan, municipality) = (unmet[i].Plan, snapshot.MunicipalityOf(unmet[i].Plan));
            personColumns.Clear();
            for (; i < unmet.Count && unmet[i].Plan == plan; i++)
            {
                categories.Clear();
                var isInferred = categoriesOf(snapshot, unmet[i], categories);
                foreach (var category in categories)
                {
                    var c = columnsOf[category] ??= ColumnsOf(labels[category]);
                    if (!Stamp(ref needStamp, c.Needs, unmet[i].Need + 1)) continue; // once per need
                    if (Stamp(ref personStamp, c.Needs, plan + 1)) personColumns.Add(c.Persons);
                    t.AddMacro(municipality, c.Needs);
                    if (isInferred) t.AddMacro(municipality, c.Inferred);
                }
                t.AddMacro(municipality, total.Needs);
            }
            foreach (var column in personColumns) t.AddMacro(municipality, column);
            t.AddMacro(municipality, total.Persons);
        }
        return t.Build();
    }

    /// <summary>Stamps a key (a column) with a number; false when it already had it. The stamps grow with the columns.</summary>
    private static bool Stamp(ref int[] stamps, int key, int number)
    {
        if (key >= stamps.Length) Array.Resize(ref stamps, Math.Max(key + 1, 2 * stamps.Length));
        if (stamps[key] == number) return false;
        stamps[key] = number;
        return true;
    }
}
