using System.Globalization;
using System.Text;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Classification;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Gaps;
using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;
using PlanLink.Analytics.Targets;
using PlanLink.Ingest.Model;
using PlanLink.Reports.Charts;
using static PlanLink.Reports.Html.Html;

namespace PlanLink.Reports.Html;

/// <summary>report.html: the quarterly council report (四半期報告), self-contained and print-ready,
/// built only from published tables.</summary>
public sealed class ReportDocument(QuarterlyAnalysis analysis, IReadOnlyDictionary<string, PublishedTable> tables, ReportOptions options, bool isSynthetic)
{
    /// <summary>The chapters in order: id and title (the tests check this order).</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> Chapters =
    [
        ("summary", "1. 概況"),
        ("unmet", "2. 未充足ニーズ"),
        ("gaps", "3. 社会資源の過不足"),
        ("linkage", "4. 計画の連動"),
        ("monitoring", "5. モニタリング"),
        ("trends", "6. 推移"),
        ("targets", "7. 第8期障害福祉計画の見込量"),
        ("notes", "8. 集計方法と秘匿について"),
    ];

    /// <summary>The charts in the order they were started, each drawn on the thread pool: ScottPlot plots are
    /// independent, and drawing them (PNG and SVG) one after another was most of the report's time.</summary>
    private readonly List<Task<ChartFiles>> _charts = [];
    private string ChartDir => Path.Combine(options.OutDir, "charts");
    private FiscalQuarter Q => analysis.Quarter;
    private string Source => $"{options.Source}（{Q.ShortLabel}末時点）";
    private (string Code, string Name) Prefecture => T("unmet_needs_summary").Areas(AreaLevel.Prefecture).First();

    /// <summary>The charts in the order the report shows them (known once rendered).</summary>
    public IReadOnlyList<ChartFiles> Charts => _shown;
    private readonly List<ChartFiles> _shown = [];

    public string Render()
    {
        var contents = new Func<string>[] { Summary, Unmet, Gaps, Linkage, Monitoring, Trends, Targets, Notes };
        // 3. 社会資源の過不足 is written first: its heat map is the slowest chart (seconds at national scale), and the
        // other chapters are written while it is drawn.
        var texts = new string[Chapters.Count];
        foreach (var i in (int[])[2, 0, 1, 3, 4, 5, 6, 7]) texts[i] = contents[i]();
        var body = new StringBuilder();
        for (var i = 0; i < Chapters.Count; i++) body.Append(Chapter(Chapters[i].Id, Chapters[i].Title, texts[i]));

        var prefectures = string.Join("・", analysis.Snapshot.Index.Areas.At(AreaLevel.Prefecture).Select(p => p.Name));
        var title = $"{prefectures} 障害福祉サービス等利用計画 四半期報告";
        var running = $"{prefectures}　{Q.JapaneseFiscalYear} 第{Q.Quarter}四半期（{Q.Start.Year}年{Q.Start.Month}月〜{Q.End.Year}年{Q.End.Month}月）";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E($"{title} {Q.JapaneseLabel}")).Append("</title><style>")
            .Append(ReportStyles.Css).Append(ReportStyles.PageHeader(running, isSynthetic)).Append("</style></head><body>");
        html.Append("<header class=\"cover\">");
        if (isSynthetic) html.Append("<p><span class=\"synthetic\">合成データ</span> この報告は合成データ（架空のデータ）から作成した見本です。</p>");
        html.Append("<p class=\"kind\">自立支援協議会 資料　四半期報告</p>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append("<p class=\"meta\">").Append(E($"{Q.JapaneseLabel}　集計基準日 {Q.End:yyyy年M月d日}（令和{Q.End.Year - 2018}年{Q.End.Month}月{Q.End.Day}日）")).Append("</p>");
        html.Append("<nav class=\"toc\"><h2>目次</h2><ol>");
        foreach (var (id, t) in Chapters) html.Append($"<li><a href=\"#{id}\">{E(t)}</a></li>");
        html.Append("</ol></nav></header><main>").Append(body).Append("</main></body></html>");
        return WithCharts(html.ToString());
    }

    /// <summary>Replaces each chart's placeholder by its inlined figure, once the chart is drawn (a chart that
    /// failed throws its own exception, not an AggregateException).</summary>
    private string WithCharts(string html)
    {
        var parts = html.Split(ChartMark); // text, chart number, text, chart number, …, text
        var result = new StringBuilder(html.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 0)
            {
                result.Append(parts[i]);
                continue;
            }
            var chart = _charts[int.Parse(parts[i], CultureInfo.InvariantCulture)].GetAwaiter().GetResult();
            _shown.Add(chart);
            result.Append(Image(chart));
        }
        return result.ToString();
    }

    /// <summary>Brackets a chart's number in the HTML until the chart is drawn; never part of escaped text.</summary>
    private const char ChartMark = '\u0001';

    /// <summary>Starts drawing a chart and returns the placeholder of its figure. The chart's data must be
    /// computed before (by the caller), so only the drawing runs beside the rest of the report.</summary>
    private string Figure(Func<ChartFiles> draw)
    {
        _charts.Add(Task.Run(draw));
        return $"{ChartMark}{_charts.Count - 1}{ChartMark}";
    }

    private static string Chapter(string id, string title, string content) =>
        $"<section class=\"chapter\" id=\"{id}\"><h2>{E(title)}</h2>{content}</section>";

    private PublishedTable T(string id) => tables[id];

    // 1. 概況 ---------------------------------------------------------------------------------------

    private string Summary()
    {
        var sb = new StringBuilder();
        var trend = T("trend_unmet_needs_summary");
        var linkTrend = T("trend_plan_linkage_summary");
        var (code, name) = Prefecture;
        sb.Append($"<p>{E(name)}全体の{E(Q.JapaneseLabel)}末時点の状況。</p><div class=\"kpis\">");
        sb.Append(Kpi("計画のある人", trend, code, Measures.Plans, "人"));
        sb.Append(Kpi("未充足ニーズのある人", trend, code, Measures.PersonsUnmet, "人"));
        sb.Append(Kpi("未充足の割合", trend, code, Measures.UnmetRate, "%"));
        sb.Append(Kpi("連動率", linkTrend, code, Measures.LinkageRate, "%"));
        sb.Append("</div>");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (label, t, measure) in new[] { ("計画のある人（人）", trend, Measures.Plans), ("未充足ニーズのある人（人）", trend, Measures.PersonsUnmet),
                     ("未充足の割合（%）", trend, Measures.UnmetRate), ("連動率（%）", linkTrend, Measures.LinkageRate) })
        {
            string V(string m) => Number(t.Find(AreaLevel.Prefecture, code, Cell.Total, m, Q)?.Value);
            rows.Add([E(label), V(measure), V(measure + TrendChanges.QuarterOnQuarter), V(measure + TrendChanges.YearOnYear)]);
        }
        sb.Append(Table($"主な指標（{name}、{Q.ShortLabel}末）", ["指標", "今期", "前期比", "前年同期比"], rows,
            "前期比は前四半期末との差、前年同期比は前年同期末との差（割合はポイント差）。「-」は秘匿または比較できないことを示す。", source: "trend_unmet_needs_summary trend_plan_linkage_summary"));
        return sb.ToString();
    }

    private string Kpi(string label, PublishedTable trend, string area, string measure, string unit)
    {
        string Change(string suffix) => trend.Find(AreaLevel.Prefecture, area, Cell.Total, measure + suffix, Q)?.Value is { } v
            ? v.ToString("+#,0.#;-#,0.#;±0") : "-";
        var now = trend.Find(AreaLevel.Prefecture, area, Cell.Total, measure, Q)?.Value;
        return $"<div class=\"kpi\"><div>{E(label)}</div><div class=\"value\">{Number(now)}<small>{E(unit)}</small></div>" +
               $"<div class=\"change\">前期比 {Change(TrendChanges.QuarterOnQuarter)}／前年同期比 {Change(TrendChanges.YearOnYear)}</div></div>";
    }

    // 2. 未充足ニーズ ----------------------------------------------------------------------------------

    private string Unmet()
    {
        var sb = new StringBuilder();
        var (pref, prefName) = Prefecture;
        sb.Append("<p>未充足ニーズとは、計画に位置づけたサービスが「待機（空きなし）」「資源なし」「調整中のまま90日超」のいずれかであるか、サービスもインフォーマル支援もない「解決すべき課題」をいう。1人が複数の区分に当たることがあるため、区分の合計は「計」と一致しない。</p>");

        var byService = T("unmet_needs_by_service");
        var rows = ServiceCatalog.All.Select(s => (Name: s.JapaneseName, Color: ChartStyle.ServiceColor(s.Type)))
            .Append((Name: Breakdowns.NoService, Color: ChartStyle.SeriesColor(0)))
            .Select(s => new CategoryRow(s.Name, s.Color,
                byService.Find(AreaLevel.Prefecture, pref, s.Name, Measures.PersonsUnmet)?.Value,
                byService.Find(AreaLevel.Prefecture, pref, s.Name, Measures.NeedsUnmet)?.Value))
            .Where(r => r.Needs is null || r.Needs > 0)
            .OrderByDescending(r => r.Needs ?? 0).ToList();
        sb.Append("<h3>2.1 サービス種類別</h3>");
        var bars = rows.Where(r => r.Needs is not null).Select(r => new BarItem(r.Name, (double)r.Needs!.Value, r.Color)).ToList();
        sb.Append(Figure(() => BarChart.Render(ChartDir, "unmet_by_service", $"サービス種類別の未充足ニーズ（{prefName}）", "未充足の課題数（件）", Source, bars)));
        sb.Append(Table($"サービス種類別の未充足ニーズ（{prefName}）", ["サービス種類", "人数（人）", "課題数（件）"],
            rows.Select(r => (IReadOnlyList<string>)[E(r.Name), Number(r.Persons), Number(r.Needs)]), SuppressionNote, source: byService.Id));

        sb.Append("<h3>2.2 生活領域別</h3>");
        sb.Append(CategorySection("unmet_needs_by_life_domain", "unmet_by_life_domain", "生活領域別の未充足ニーズ", 3,
            "領域が空欄の課題は文章から領域を推定して数えた（推定の件数は figures.csv の needs_unmet_inferred）。"));
        sb.Append("<h3>2.3 地域別</h3>");
        var summary = T("unmet_needs_summary");
        sb.Append(Figure(AreaBars(summary, Cell.Total, Measures.UnmetRate, "unmet_rate_by_municipality", "市町村別 未充足ニーズのある人の割合",
            "計画のある人に占める割合（%）", 1, "%")));
        sb.Append(AreaTable(summary, "市町村・圏域別の未充足ニーズ", (Measures.UnmetRate, "未充足のある人の割合が高い", Worst.Highest),
            [(Measures.Plans, "計画のある人（人）"), (Measures.PersonsUnmet, "未充足のある人（人）"), (Measures.NeedsUnmet, "未充足の課題（件）"),
             (Measures.UnmetRate, "割合（%）"), (Measures.UnmetPer10000, "人口1万人当たり（人／1万人）")]));
        sb.Append("<h3>2.4 状況別</h3>");
        sb.Append(CategorySection("unmet_needs_by_status", "unmet_by_status", "状況別の未充足ニーズ", 5, null));

        return sb.ToString();
    }

    /// <summary>A breakdown of the prefecture: bars of unmet needs per category and the table of persons and needs.</summary>
    private string CategorySection(string tableId, string chartName, string title, int colour, string? note)
    {
        var (pref, prefName) = Prefecture;
        var t = T(tableId);
        var cats = t.Cells.Where(c => c.Level == AreaLevel.Prefecture && c.AreaCode == pref && c.Measure == Measures.NeedsUnmet && c.Category != Cell.Total)
            .Select(c => (c.Category, Needs: c.Value, Persons: t.Find(AreaLevel.Prefecture, pref, c.Category, Measures.PersonsUnmet)?.Value))
            .Where(c => c.Needs is null || c.Needs > 0).OrderByDescending(c => c.Needs ?? 0).ToList();
        var sb = new StringBuilder();
        var bars = cats.Where(c => c.Needs is not null).Select(c => new BarItem(c.Category, (double)c.Needs!.Value, ChartStyle.SeriesColor(colour))).ToList();
        sb.Append(Figure(() => BarChart.Render(ChartDir, chartName, $"{title}（{prefName}）", "未充足の課題数（件）", Source, bars)));
        var total = (Persons: t.Find(AreaLevel.Prefecture, pref, Cell.Total, Measures.PersonsUnmet)?.Value, Needs: t.Find(AreaLevel.Prefecture, pref, Cell.Total, Measures.NeedsUnmet)?.Value);
        sb.Append(Table($"{title}（{prefName}）", ["区分", "人数（人）", "課題数（件）"],
            cats.Select(c => (IReadOnlyList<string>)[E(c.Category), Number(c.Persons), Number(c.Needs)])
                .Append([E(Cell.Total), Number(total.Persons), Number(total.Needs)]),
            (note is null ? "" : note + " ") + SuppressionNote, source: t.Id));
        return sb.ToString();
    }

    // 3. 社会資源の過不足 ------------------------------------------------------------------------------

    private string Gaps()
    {
        var sb = new StringBuilder();
        var t = T("resource_gap_by_service");
        var (pref, prefName) = Prefecture;
        sb.Append("<p>需要は計画にそのサービスを位置づけた人（利用中・調整中・待機・資源なし。住所地で計上）、供給は基準日に開所している事業所の定員（訪問系は月あたり提供可能時間。所在地で計上）。需要÷供給が1を超えると定員より需要が多い。</p>");
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal)
            .Where(s => (t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, ResourceGapFigures.DemandPersons)?.Value ?? 1) > 0
                        || (t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, ResourceGapFigures.Capacity)?.Value ?? 0) > 0).ToList();

        sb.Append("<h3>3.1 サービス種類別の需要と供給</h3>");
        sb.Append(Table($"サービス種類別の需要と供給（{prefName}）", ["サービス種類", "単位", "需要（人）", "需要量", "供給（定員等）", "利用中（人）", "稼働率（%）", "需要÷供給"],
            services.Select(s =>
            {
                string V(string m) => Number(t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, m)?.Value);
                var hours = ResourceGapFigures.CapacityInHours(s.Type);
                return (IReadOnlyList<string>)[E(s.JapaneseName), hours ? "時間/月" : "人（定員）", V(ResourceGapFigures.DemandPersons),
                    s.Unit == VolumeUnit.PersonsPerMonth ? "" : V(ResourceGapFigures.DemandVolume), V(ResourceGapFigures.Capacity),
                    V(ResourceGapFigures.InUsePersons), V(ResourceGapFigures.Occupancy), V(ResourceGapFigures.DemandCapacityRatio)];
            }), "需要量は計画上の量（時間/月・人日/月）。訪問系の需要÷供給は時間で比べる。" + SuppressionNote, labelColumns: 2, source: t.Id));

        // Heat map: service × area (圏域, then municipalities), demand ÷ capacity; rows with nothing published are left out.
        var munis = t.Areas(AreaLevel.Municipality); 
        var columns = t.Areas(AreaLevel.Region).Select(a => (Level: AreaLevel.Region, a.Code, a.Name))
            .Concat(munis.Select(a => (Level: AreaLevel.Municipality, a.Code, a.Name))).ToList();
        string? Label(ServiceInfo s, (AreaLevel Level, string Code, string Name) a) =>
            t.Find(a.Level, a.Code, s.JapaneseName, ResourceGapFigures.DemandCapacityRatio) is null && NoSupply(t, a.Level, a.Code, s) ? "供給なし" : null;
        decimal? Ratio(ServiceInfo s, (AreaLevel Level, string Code, string Name) a) =>
            t.Find(a.Level, a.Code, s.JapaneseName, ResourceGapFigures.DemandCapacityRatio)?.Value;
        var heatServices = services.Where(s => (t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, ResourceGapFigures.DemandPersons)?.Value ?? 1) > 0)
            .Where(s => columns.Any(a => Ratio(s, a) is not null || Label(s, a) is not null)).ToList();
        var heatNote = "";
        if (munis.Count > LongAreaList)
        {
            // National scale: the 圏域 and the municipalities most short of supply (「供給なし」 counts as the most).
            double Shortest((AreaLevel Level, string Code, string Name) a) =>
                heatServices.Select(s => Label(s, a) is not null ? double.MaxValue : (double?)Ratio(s, a) ?? double.MinValue).DefaultIfEmpty(double.MinValue).Max();
            columns = columns.Where(a => a.Level == AreaLevel.Region)
                .Concat(columns.Where(a => a.Level == AreaLevel.Municipality).OrderByDescending(Shortest).ThenBy(a => a.Code, StringComparer.Ordinal).Take(TopAreas))
                .ToList();
            heatNote = ShortenedNote(AreaLevel.Municipality, munis.Count, "需要÷供給（いずれかのサービス）が大きい", t.Id);
        }
        var values = new double?[heatServices.Count, columns.Count];
        var labels = new string?[heatServices.Count, columns.Count];
        for (var r = 0; r < heatServices.Count; r++)
        for (var c = 0; c < columns.Count; c++)
        {
            values[r, c] = (double?)Ratio(heatServices[r], columns[c]);
            labels[r, c] = Label(heatServices[r], columns[c]);
        }
        sb.Append("<h3>3.2 圏域・市町村別の需要÷供給</h3>");
        var heatRows = heatServices.Select(s => s.JapaneseName).ToList();
        var heatColumns = columns.Select(m => m.Name).ToList();
        sb.Append(Figure(() => HeatMapChart.Render(ChartDir, "gap_ratio_heatmap", "サービス種類×地域 需要÷供給（倍）", "サービス種類", "圏域・市町村", Source,
            heatRows, heatColumns, values, 1.0, 3.0, "白: 1.00以下（供給内）　赤: 濃いほど不足（3.00以上・供給なしが最濃）　灰: 秘匿", labels)));
        sb.Append(Table("サービス種類×地域 需要÷供給（倍）", ["サービス種類", .. columns.Select(m => m.Name)],
            heatServices.Select((s, r) => (IReadOnlyList<string>)[E(s.JapaneseName),
                .. columns.Select((m, c) => labels[r, c] is { } l ? E(l) : Number(Ratio(s, m)))]),
            "「供給なし」は需要があるが地域内に事業所がないことを示す（他地域の事業所を利用している場合がある）。" + heatNote + SuppressionNote, source: t.Id));

        // Population-adjusted supply of the three services with the highest demand ÷ capacity in the prefecture.
        sb.Append("<h3>3.3 人口1万人当たりの供給（不足が大きい3サービス）</h3>");
        var worst = services.Select(s => (s, Ratio: t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, ResourceGapFigures.DemandCapacityRatio)?.Value))
            .Where(x => x.Ratio is not null).OrderByDescending(x => x.Ratio).ThenBy(x => x.s.Type).Take(3).Select(x => x.s).ToList();
        foreach (var s in worst)
        {
            var unit = ResourceGapFigures.CapacityInHours(s.Type) ? "時間/月" : "人分";
            var prefValue = t.Find(AreaLevel.Prefecture, pref, s.JapaneseName, ResourceGapFigures.SupplyPer10000)?.Value;
            var (listed, shortened) = Listed(t, s.JapaneseName, ResourceGapFigures.SupplyPer10000, Worst.Lowest);
            var items = listed.Select(m => (m.Name, V: t.Find(AreaLevel.Municipality, m.Code, s.JapaneseName, ResourceGapFigures.SupplyPer10000)?.Value))
                .Where(m => m.V is not null).Select(m => new BarItem(m.Name, (double)m.V!.Value, ChartStyle.ServiceColor(s.Type))).ToList();
            var note = shortened ? ShortenedNote(AreaLevel.Municipality, munis.Count, "人口1万人当たり供給が少ない", t.Id) : "";
            var (name, reference) = ($"supply_per_10000_{ServiceCatalog.Get(s.Type).Code}", prefValue is { } pv ? (double)pv : (double?)null);
            var title = $"{s.JapaneseName}の人口1万人当たり供給（市町村別）" + (shortened ? $"（下位{TopAreas}市町村）" : "");
            sb.Append(Figure(() => BarChart.Render(ChartDir, name, title,
                $"定員等（{unit}）／人口1万人", Source, items, reference, $"{prefName}平均 {Number(prefValue)}")));
            sb.Append(Table($"{s.JapaneseName}の人口1万人当たり供給", ["地域", "供給（定員等）", "人口1万人当たり", "圏域比", "都道府県比"],
                AreaRows(t, s.JapaneseName, listed, [ResourceGapFigures.Capacity, ResourceGapFigures.SupplyPer10000, ResourceGapFigures.RatioToRegion, ResourceGapFigures.RatioToPrefecture]),
                "圏域比・都道府県比は、人口1万人当たり供給を所属する圏域・都道府県の値で割ったもの（1未満は平均より少ない）。" + note, source: t.Id));
        }
        return sb.ToString();
    }

    /// <summary>Demand published and above 0, no capacity: a hidden demand stays 「-」, since a complementary
    /// suppressed cell may be 0 and 「供給なし」 would say it is not.</summary>
    private static bool NoSupply(PublishedTable t, AreaLevel level, string code, ServiceInfo s) =>
        t.Find(level, code, s.JapaneseName, ResourceGapFigures.Capacity)?.Value == 0
        && t.Find(level, code, s.JapaneseName, ResourceGapFigures.DemandPersons)?.Value > 0;

    // 4. 計画の連動 -----------------------------------------------------------------------------------

    private string Linkage()
    {
        var sb = new StringBuilder();
        var summary = T("plan_linkage_summary");
        sb.Append("<p>連動率は、サービス等利用計画の「解決すべき課題」のうち、個別支援計画の到達目標が対応づけられている課題の割合（設計図と施工図が結びついているか）。</p>");
        sb.Append(Figure(AreaBars(summary, Cell.Total, Measures.LinkageRate, "linkage_rate_by_municipality", "市町村別 連動率", "連動している課題の割合（%）", 2, "%", Worst.Lowest)));
        sb.Append(AreaTable(summary, "市町村・圏域別の連動", (Measures.LinkageRate, "連動率が低い", Worst.Lowest), [(Measures.Needs, "課題（件）"), (Measures.NeedsLinked, "連動あり（件）"), (Measures.LinkageRate, "連動率（%）")]));

        var byProvider = T("plan_linkage_by_provider");
        var offices = byProvider.Areas(AreaLevel.Office);
        var officeNote = "";
        if (offices.Count > LongAreaList)
        {
            // National scale: the offices with the most needs, where the rate says most.
            officeNote = ShortenedNote(AreaLevel.Office, offices.Count, "課題の件数が多い", byProvider.Id);
            offices = Ranked(byProvider, AreaLevel.Office, offices, Cell.Total, Measures.Needs, Worst.Highest, TopAreas);
        }
        sb.Append("<h3>提供事業所別</h3>");
        sb.Append(Table("提供事業所別の連動（利用中のサービスがある課題）", ["事業所", "課題（件）", "連動あり（件）", "連動率（%）"],
            offices.Select(o => (IReadOnlyList<string>)[E(o.Name),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.Needs)?.Value),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.NeedsLinked)?.Value),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.LinkageRate)?.Value)]),
            "事業所別の件数は3件未満を秘匿。" + officeNote, source: byProvider.Id));
        return sb.ToString();
    }

    // 5. モニタリング ---------------------------------------------------------------------------------

    private string Monitoring()
    {
        var sb = new StringBuilder();
        var summary = T("monitoring_summary");
        sb.Append("<p>モニタリングの遅れは、計画に定めたモニタリング頻度の期間を過ぎても実施記録がない計画。継続する未充足は、直近2回のモニタリングでいずれも未充足だった課題（個別課題から地域課題へ）。</p>");
        sb.Append(Figure(AreaBars(summary, Cell.Total, MonitoringFigures.OverdueRate, "monitoring_overdue_by_municipality", "市町村別 モニタリングが遅れている計画の割合",
            "計画に占める割合（%）", 4, "%")));
        sb.Append(AreaTable(summary, "市町村・圏域別のモニタリング", (MonitoringFigures.OverdueRate, "遅れの割合が高い", Worst.Highest),
            [(MonitoringFigures.Plans, "計画（人）"), (MonitoringFigures.PlansOverdue, "遅れ（人）"), (MonitoringFigures.OverdueRate, "遅れの割合（%）"),
             (MonitoringFigures.PersonsPersistent, "継続する未充足のある人（人）"), (MonitoringFigures.NeedsPersistent, "継続する未充足の課題（件）")]));

        var achievement = T("monitoring_achievement_by_life_domain");
        var (pref, prefName) = Prefecture;
        var levels = new[] { ("needs_achieved", "達成"), ("needs_partly_achieved", "一部達成"), ("needs_not_achieved", "未達成"), ("needs_discontinued", "中止") }
            .Where(l => achievement.Cells.Any(c => c.Measure == l.Item1)).ToList();
        var domains = achievement.Cells.Where(c => c.Level == AreaLevel.Prefecture && c.AreaCode == pref).Select(c => c.Category).Distinct().ToList();
        sb.Append("<h3>生活領域別の支援目標の達成度</h3>");
        sb.Append(Table($"生活領域別の支援目標の達成度（{prefName}、直近のモニタリング、件）", ["生活領域", .. levels.Select(l => l.Item2)],
            domains.Select(d => (IReadOnlyList<string>)[E(d), .. levels.Select(l => Number(achievement.Find(AreaLevel.Prefecture, pref, d, l.Item1)?.Value))]),
            SuppressionNote, source: achievement.Id));
        return sb.ToString();
    }

    // 6. 推移 -----------------------------------------------------------------------------------------

    private string Trends()
    {
        var sb = new StringBuilder();
        var labels = analysis.History.Select(q => q.ShortLabel).ToList();
        var source = $"{options.Source}（各四半期末時点）";
        foreach (var (tableId, measure, name, title, unit) in new[]
                 {
                     ("trend_unmet_needs_summary", Measures.PersonsUnmet, "trend_unmet_by_region", "圏域別 未充足ニーズのある人の推移", "人数（人）"),
                     ("trend_plan_linkage_summary", Measures.LinkageRate, "trend_linkage_by_region", "圏域別 連動率の推移", "連動率（%）"),
                 })
        {
            var trend = T(tableId);
            var regions = trend.Areas(AreaLevel.Region);
            var worst = measure == Measures.PersonsUnmet ? Worst.Highest : Worst.Lowest;
            var shortened = regions.Count > TrendLines;
            var listed = shortened ? Ranked(trend, AreaLevel.Region, regions, Cell.Total, measure, worst, TrendLines, Q) : regions;
            var areas = listed.Select(a => (a.Code, a.Name, Level: AreaLevel.Region))
                .Append((Prefecture.Code, Prefecture.Name, Level: AreaLevel.Prefecture)).ToList();
            var heading = shortened ? $"{title}（{(worst == Worst.Highest ? "上位" : "下位")}{TrendLines}圏域）" : title;
            var chartAreas = measure == Measures.PersonsUnmet ? areas.Where(a => a.Level == AreaLevel.Region).ToList() : areas;
            var series = chartAreas.Select((r, i) => new TrendSeries(r.Name,
                analysis.History.Select(q => (double?)trend.Find(r.Level, r.Code, Cell.Total, measure, q)?.Value).ToList(),
                r.Level == AreaLevel.Prefecture ? ChartStyle.Reference : ChartStyle.SeriesColor(i))).ToList();
            sb.Append($"<h3>{E(heading)}</h3>");
            sb.Append(Figure(() => TrendChart.Render(ChartDir, name, heading, unit, source, labels, series)));
            sb.Append(Table($"{heading}（{unit}）", ["四半期", .. areas.Select(r => r.Name)],
                analysis.History.Select(q => (IReadOnlyList<string>)[E(q.JapaneseLabel),
                    .. areas.Select(r => Number(trend.Find(r.Level, r.Code, Cell.Total, measure, q)?.Value))]),
                SuppressionNote + (shortened
                    ? ShortenedNote(AreaLevel.Region, regions.Count, worst == Worst.Highest ? $"{Q.ShortLabel}末の値が大きい" : $"{Q.ShortLabel}末の値が小さい", trend.Id, TrendLines)
                    : ""), source: trend.Id));
        }
        return sb.ToString();
    }

    // 7. 見込量 ---------------------------------------------------------------------------------------

    private string Targets()
    {
        var sb = new StringBuilder();
        var t = T(PlanTargets.TableId);
        var (pref, prefName) = Prefecture;
        var years = FiscalYearValues.EighthPeriod;
        // One pass over the (national: million-cell) table: the years with actuals, and the prefecture's cells by
        // (service, breakdown, measure), looked up instead of scanning the table per cell.
        var actualMeasure = PlanTargets.MeasureName(TargetMeasure.Persons, PlanTargets.Actual);
        var actualSet = new SortedSet<int>();
        var prefectureCells = new Dictionary<(string Category, string Breakdown, string Measure), decimal?>();
        var prefectureServices = new HashSet<string>();
        for (var i = 0; i < t.Count; i++)
        {
            var c = t.Figure(i); // a value, not a PublishedCell per cell
            if (c.Measure == actualMeasure) actualSet.Add(int.Parse(c.Breakdown.AsSpan(2), CultureInfo.InvariantCulture));
            if (c.Level != AreaLevel.Prefecture) continue;
            prefectureServices.Add(c.Category);
            if (c.AreaCode == pref) prefectureCells.TryAdd((c.Category, c.Breakdown, c.Measure), c.Value);
        }
        var actualYears = actualSet.ToList();
        var lastActual = actualYears.LastOrDefault();
        var phase = options.UnmetPhaseIn;
        sb.Append($"<p>第8期障害福祉計画（{string.Join("・", years.Select(y => $"令和{y - 2018}年度"))}、{years[0]}〜{years[^1]}年度）の見込量の案。" +
                  "利用者数（人/月）は各四半期末に利用中の人（住所地）の推移からPlanLinkの方法で予測し、" +
                  $"{E(Q.ShortLabel)}末に「待機」「資源なし」の人（未充足ニーズ）を令和9年度{phase.Fy2027}%・10年度{phase.Fy2028}%・11年度{phase.Fy2029}%の割合で加えた（累積）。" +
                  "量（時間/月・人日/月）は利用者数×1人当たり利用量の予測に未充足の人の計画上の量を加えた。従来の成長率法（同期前年比の直近3年平均）の値を並べて示す。" +
                  "市町村別・圏域別の全サービスは plan-targets.xlsx（plan-targets.csv）に収録。</p>");

        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal && prefectureServices.Contains(s.JapaneseName)).ToList();
        decimal? PrefectureValue(ServiceInfo s, string breakdown, string measure) => prefectureCells.GetValueOrDefault((s.JapaneseName, breakdown, measure));
        string V(ServiceInfo s, int fy, TargetMeasure m, string part) => Number(PrefectureValue(s, PlanTargets.YearBreakdown(fy), PlanTargets.MeasureName(m, part)));
        decimal? D(ServiceInfo s, int fy, string measure) => PrefectureValue(s, PlanTargets.YearBreakdown(fy), measure);

        // Chart: the six services with the most persons/month in the first year of the period.
        var top = services.OrderByDescending(s => D(s, years[0], "persons") ?? -1).ThenBy(s => s.Type).Take(6).ToList();
        var shownActuals = actualYears.Where(y => y > lastActual - 3).ToList();
        var targetSeries = top.Select(s => new TargetSeries(s.JapaneseName, ChartStyle.ServiceColor(s.Type),
            shownActuals.Select(y => (double?)D(s, y, "persons_actual")).ToList(),
            years.Select(y => (double?)D(s, y, "persons")).ToList(),
            years.Select(y => (double?)D(s, y, "persons_lower")).ToList(),
            years.Select(y => (double?)D(s, y, "persons_upper")).ToList())).ToList();
        sb.Append(Figure(() => TargetChart.Render(ChartDir, "plan_targets_persons", $"主なサービスの利用者数 実績と見込量（{prefName}）", "利用者数（人/月）",
            $"{options.Source}（{Q.ShortLabel}末まで）・PlanLinkの予測",
            shownActuals.Select(y => $"R{y - 2018}").ToList(), years.Select(y => $"R{y - 2018}").ToList(), targetSeries)));

        var header = new List<string> { "サービス種類", "単位" };
        if (lastActual > 0) header.Add($"実績 R{lastActual - 2018}");
        header.AddRange(years.Select(y => $"見込量 R{y - 2018}"));
        header.Add($"80%区間 R{years[^1] - 2018}");
        header.Add($"成長率法 R{years[^1] - 2018}");
        header.Add("うち未充足");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in services)
        foreach (var m in s.Unit == VolumeUnit.PersonsPerMonth ? new[] { TargetMeasure.Persons } : [TargetMeasure.Persons, TargetMeasure.Volume])
        {
            var unit = m == TargetMeasure.Persons ? "人/月" : s.Unit == VolumeUnit.HoursPerMonth ? "時間/月" : "人日/月";
            var row = new List<string> { E(m == TargetMeasure.Persons ? s.JapaneseName : $"{s.JapaneseName}（量）"), unit };
            if (lastActual > 0) row.Add(V(s, lastActual, m, PlanTargets.Actual));
            row.AddRange(years.Select(y => V(s, y, m, "")));
            var (lower, upper) = (V(s, years[^1], m, PlanTargets.Lower), V(s, years[^1], m, PlanTargets.Upper));
            row.Add(lower == "-" && upper == "-" ? "-" : $"{lower}〜{upper}");
            row.Add(V(s, years[^1], m, PlanTargets.GrowthRate));
            row.Add(Number(PrefectureValue(s, PlanTargets.UnmetBreakdown, PlanTargets.MeasureName(m, ""))));
            rows.Add(row);
        }
        sb.Append(Table($"サービス種類別の見込量（{prefName}）", header, rows,
            $"実績は年度内の各四半期末の平均（{E(Q.ShortLabel)}までの四半期）。80%区間は予測の不確かさ（10回に8回はこの範囲に入る見込み）。成長率法は直近3年の同期前年比の平均を複利で伸ばすため、データの蓄積が始まった時期（利用者の登録が進む途中）を含むと過大になる。「うち未充足」は{E(Q.ShortLabel)}末に待機・資源なしの人数と計画上の量。" + SuppressionNote,
            labelColumns: 2, source: t.Id));
        return sb.ToString();
    }

    // 8. 注記 -----------------------------------------------------------------------------------------

    private string Notes() =>
        $"""
        <ul>
        <li>各数値は {E(Q.JapaneseLabel)} 末日時点の各人の最新の計画（終了したものを除く）と、各サービスのその日時点の状況から集計した。推移は各四半期末で同じ集計を繰り返したもの。</li>
        <li>人数は各人を住所地の市町村で1回数える。圏域・都道府県の値は市町村の値の合計と一致する。事業所の供給（定員等）は事業所の所在地で数える。</li>
        <li>生活領域が空欄の課題は、課題の文章から機械学習で領域を推定した（推定であることを figures.csv に区別して記録）。{ClassifierNote}</li>
        <li>見込量: PlanLinkの予測は3つの頑健な時系列モデルの平均（季節性・水準変化・減衰する傾向を考慮）で、各系列の過去への当てはめ（バックテスト）から80%予測区間を求めた。4四半期未満の系列は直近の実績を据え置いた。詳細は docs/forecasting.md。</li>
        <li>秘匿: 人数・件数は0または{options.Disclosure.K}以上のときのみ表示する（人口{options.Disclosure.SmallAreaPopulation:#,0}人未満の市町村は{options.Disclosure.SmallAreaK}未満を秘匿、人口{options.Disclosure.UnpublishedPopulation:#,0}人未満の市町村は公表しない。事業所別は3未満を秘匿）。秘匿した人数に対応する量・割合も秘匿する。秘匿した値は「-」で示し、合計から逆算できないよう他の値も秘匿（二次秘匿）している。見込量の「うち未充足」を除いた予測値は、秘匿した未充足の人数が差し引きで分からないよう公表しない。</li>
        <li>この報告のすべての数値は figures.csv に収録している。個人単位の資料（計画マップ、事例検討リスト）は内部資料であり、この報告には含めない。</li>
        <li>出典: {E(options.Source)}。</li>
        </ul>
        """;

    /// <summary>How well the need-domain classifier did on held-out needs, and what it left 未分類.</summary>
    private string ClassifierNote => analysis.Domains.Evaluation is { } e
        ? E($"推定の精度（交差検証、{e.Examples:#,0}件・{e.Folds}分割）: 正解率 {e.Accuracy:P1}、マクロF1 {e.MacroF1:F2}。確信度{NeedDomainClassifier.DefaultMinConfidence:P0}未満は「未分類」のままとした（集計期間までの全計画で 推定 {analysis.Domains.InferredCount:#,0}件・未分類 {analysis.Domains.UnclassifiedCount:#,0}件）。")
        : "";

    private string SuppressionNote => $"「-」は秘匿（{options.Disclosure.K}人未満など）。";

    /// <summary>The drawing of a bar chart over the municipalities (at national scale the worst <see cref="TopAreas"/>), its data read now.</summary>
    private Func<ChartFiles> AreaBars(PublishedTable t, string category, string measure, string name, string title, string axis, int colour, string unit,
        Worst worst = Worst.Highest)
    {
        var (pref, prefName) = Prefecture;
        var prefValue = t.Find(AreaLevel.Prefecture, pref, category, measure)?.Value;
        var (listed, shortened) = Listed(t, category, measure, worst);
        if (shortened) title += $"（{(worst == Worst.Highest ? "上位" : "下位")}{TopAreas}市町村）";
        var items = listed.Select(m => (m.Name, V: t.Find(AreaLevel.Municipality, m.Code, category, measure)?.Value))
            .Where(m => m.V is not null).Select(m => new BarItem(m.Name, (double)m.V!.Value, ChartStyle.SeriesColor(colour))).ToList();
        var reference = prefValue is { } v ? (double)v : (double?)null;
        return () => BarChart.Render(ChartDir, name, title, axis, Source, items, reference, $"{prefName}平均 {Number(prefValue)}{unit}");
    }

    /// <summary>Rows of the prefecture(s), every 圏域, and the given municipalities.</summary>
    private static IEnumerable<IReadOnlyList<string>> AreaRows(PublishedTable t, string category, IReadOnlyList<(string Code, string Name)> municipalities,
        IReadOnlyList<string> measures)
    {
        foreach (var level in new[] { AreaLevel.Prefecture, AreaLevel.Region, AreaLevel.Municipality })
        foreach (var (code, name) in level == AreaLevel.Municipality ? municipalities : t.Areas(level))
            yield return [E($"{name}（{level.Japanese()}）"), .. measures.Select(m => Number(t.Find(level, code, category, m)?.Value))];
    }

    /// <summary>The area table of a summary; at national scale its municipalities are the worst <see cref="TopAreas"/> by <paramref name="rank"/>.</summary>
    private string AreaTable(PublishedTable t, string caption, (string Measure, string Worst, Worst Direction) rank, IReadOnlyList<(string Measure, string Header)> columns)
    {
        var (listed, shortened) = Listed(t, Cell.Total, rank.Measure, rank.Direction);
        var note = shortened ? ShortenedNote(AreaLevel.Municipality, t.Areas(AreaLevel.Municipality).Count, rank.Worst, t.Id) : "";
        return Table(caption, ["地域", .. columns.Select(c => c.Header)], AreaRows(t, Cell.Total, listed, columns.Select(c => c.Measure).ToList()),
            SuppressionNote + note, source: t.Id);
    }

    // National scale ----------------------------------------------------------------------------------
    // A table or chart of 1,741 municipalities (or thousands of offices) is read by nobody: above LongAreaList areas
    // the report lists the TopAreas that need attention most, says so, and points to figures.csv for the rest.
    // A region's report (a few dozen municipalities) is not affected.

    private const int LongAreaList = 300;
    private const int TopAreas = 50;
    /// <summary>More lines than this and a trend chart cannot be told apart: the 圏域 that need attention most are drawn.</summary>
    private const int TrendLines = 10;

    /// <summary>Which end of a figure needs attention: a high unmet rate, a low linkage rate.</summary>
    private enum Worst { Highest, Lowest }

    /// <summary>The municipalities a table or chart lists: all, in code order, or at national scale the worst
    /// <see cref="TopAreas"/> by the measure, worst first (<c>Shortened</c>).</summary>
    private static (IReadOnlyList<(string Code, string Name)> Areas, bool Shortened) Listed(PublishedTable t, string category, string measure, Worst worst)
    {
        var all = t.Areas(AreaLevel.Municipality);
        return all.Count <= LongAreaList ? (all, false) : (Ranked(t, AreaLevel.Municipality, all, category, measure, worst, TopAreas), true);
    }

    /// <summary>The worst <paramref name="count"/> areas by a published measure (in <paramref name="period"/>, or the table's
    /// first; suppressed values are not ranked), ties in code order.</summary>
    private static IReadOnlyList<(string Code, string Name)> Ranked(PublishedTable t, AreaLevel level, IReadOnlyList<(string Code, string Name)> areas,
        string category, string measure, Worst worst, int count, FiscalQuarter? period = null)
    {
        var published = areas.Select(a => (Area: a, Value: t.Find(level, a.Code, category, measure, period)?.Value)).Where(a => a.Value is not null);
        var ranked = worst == Worst.Highest ? published.OrderByDescending(a => a.Value) : published.OrderBy(a => a.Value);
        return ranked.ThenBy(a => a.Area.Code, StringComparer.Ordinal).Take(count).Select(a => a.Area).ToList();
    }

    /// <summary>The note under a shortened list: how many there are, which are shown, where the rest is.</summary>
    private static string ShortenedNote(AreaLevel level, int count, string worst, string tableId, int shown = TopAreas) =>
        $"{level.Japanese()}が{count:#,0}あるため、{worst}{shown}{level.Japanese()}のみ示す（すべての{level.Japanese()}は figures.csv の table={tableId}）。";

    private sealed record CategoryRow(string Name, ScottPlot.Color Color, decimal? Persons, decimal? Needs);

}
