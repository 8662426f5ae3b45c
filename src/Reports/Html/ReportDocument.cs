using System.Text;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using PlanLink.Reports.Charts;
using static PlanLink.Reports.Html.Html;

namespace PlanLink.Reports.Html;

/// <summary>report.html: the quarterly council report (四半期報告), self-contained and print-ready,
/// built only from published tables.</summary>
public sealed class ReportDocument(QuarterlyAnalysis analysis, IReadOnlyDictionary<string, PublishedTable> tables, ReportOptions options, bool isSynthetic)
{
    private readonly List<ChartFiles> _charts = [];
    private readonly List<(string Id, string Title)> _toc = [];
    private string ChartDir => Path.Combine(options.OutDir, "charts");
    private FiscalQuarter Q => analysis.Quarter;
    private string Source => $"{options.Source}（{Q.ShortLabel}末時点）";

    public IReadOnlyList<ChartFiles> Charts => _charts;

    public string Render()
    {
        var body = new StringBuilder();
        body.Append(Chapter("summary", "1. 概況", Summary()));
        body.Append(Chapter("unmet", "2. 未充足ニーズ", Unmet()));
        body.Append(Chapter("linkage", "3. 計画の連動", Linkage()));
        body.Append(Chapter("trends", "4. 推移", Trends()));
        body.Append(Chapter("notes", "5. 集計方法と秘匿について", Notes()));

        var prefectures = string.Join("・", analysis.Snapshot.Index.Areas.At(AreaLevel.Prefecture).Select(p => p.Name));
        var title = $"{prefectures} 障害福祉サービス等利用計画 四半期報告";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E($"{title} {Q.JapaneseLabel}")).Append("</title><style>").Append(ReportStyles.Css).Append("</style></head><body>");
        html.Append("<header class=\"cover\">");
        if (isSynthetic) html.Append("<p><span class=\"synthetic\">合成データ</span> この報告は合成データ（架空のデータ）から作成した見本です。</p>");
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append("<p class=\"meta\">").Append(E($"{Q.JapaneseLabel}（{Q.Start:yyyy年M月d日}〜{Q.End:yyyy年M月d日}） 自立支援協議会 資料")).Append("</p>");
        html.Append("<nav class=\"toc\"><h2>目次</h2><ol>");
        foreach (var (id, t) in _toc) html.Append($"<li><a href=\"#{id}\">{E(t)}</a></li>");
        html.Append("</ol></nav></header><main>").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    private string Chapter(string id, string title, string content)
    {
        _toc.Add((id, title));
        return $"<section class=\"chapter\" id=\"{id}\"><h2>{E(title)}</h2>{content}</section>";
    }

    private PublishedTable T(string id) => tables[id];

    private string Summary()
    {
        var sb = new StringBuilder();
        var trend = T("trend_unmet_summary");
        var linkTrend = T("trend_plan_linkage");
        foreach (var (code, name) in trend.Areas(AreaLevel.Prefecture))
        {
            sb.Append($"<h3>{E(name)}</h3><div class=\"kpis\">");
            sb.Append(Kpi("計画のある人", trend, code, Measures.Plans, "人"));
            sb.Append(Kpi("未充足ニーズのある人", trend, code, Measures.PersonsUnmet, "人"));
            sb.Append(Kpi("未充足の割合", trend, code, Measures.UnmetRate, "%"));
            sb.Append(Kpi("連動率", linkTrend, code, Measures.LinkageRate, "%"));
            sb.Append("</div>");
        }
        sb.Append("<p class=\"note\">前期比は前四半期末との差、前年比は前年同期末との差。「-」は秘匿または比較できないことを示す。</p>");
        return sb.ToString();
    }

    private string Kpi(string label, PublishedTable trend, string area, string measure, string unit)
    {
        decimal? At(FiscalQuarter q) => trend.Find(AreaLevel.Prefecture, area, Cell.Total, measure, q)?.Value;
        var now = At(Q);
        string Change(FiscalQuarter q) => now is { } n && At(q) is { } before ? (n - before).ToString("+#,0.#;-#,0.#;±0") : "-";
        return $"<div class=\"kpi\"><div>{E(label)}</div><div class=\"value\">{Number(now)}{E(unit)}</div>" +
               $"<div class=\"change\">前期比 {Change(Q.Previous)}／前年比 {Change(Q.YearBefore)}</div></div>";
    }

    private string Unmet()
    {
        var sb = new StringBuilder();
        var byService = T("unmet_needs_by_service");
        var prefecture = byService.Areas(AreaLevel.Prefecture).FirstOrDefault();
        sb.Append("<p>未充足ニーズとは、計画に位置づけたサービスが「待機（空きなし）」「資源なし」「調整中のまま90日超」のいずれかであるか、サービスもインフォーマル支援もない「解決すべき課題」をいう。</p>");

        // By service: chart for the prefecture, table beside it.
        var rows = ServiceCatalog.All.Select(s => (Name: s.JapaneseName, Color: ChartStyle.ServiceColor(s.Type)))
            .Append((Name: Breakdowns.NoService, Color: ChartStyle.SeriesColor(0)))
            .Select(s => new CategoryRow(s.Name, s.Color,
                byService.Find(AreaLevel.Prefecture, prefecture.Code, s.Name, Measures.PersonsUnmet)?.Value,
                byService.Find(AreaLevel.Prefecture, prefecture.Code, s.Name, Measures.NeedsUnmet)?.Value))
            .Where(r => r.Needs is null || r.Needs > 0)
            .OrderByDescending(r => r.Needs ?? 0).ToList();
        sb.Append("<h3>サービス種類別</h3>");
        sb.Append(Image(Add(BarChart.Render(ChartDir, "unmet_by_service", $"サービス種類別の未充足ニーズ（{prefecture.Name}）", "未充足の課題数（件）", Source,
            rows.Where(r => r.Needs is not null).Select(r => new BarItem(r.Name, (double)r.Needs!.Value, r.Color)).ToList()))));
        sb.Append(Table($"サービス種類別の未充足ニーズ（{prefecture.Name}）", ["サービス種類", "人数（人）", "課題数（件）"],
            rows.Select(r => (IReadOnlyList<string>)[E(r.Name), Number(r.Persons), Number(r.Needs)]), SuppressionNote));

        sb.Append("<h3>状況別・生活領域別</h3>");
        foreach (var id in new[] { "unmet_needs_by_status", "unmet_needs_by_life_domain" })
        {
            var t = T(id);
            var cats = t.Cells.Where(c => c.Level == AreaLevel.Prefecture && c.AreaCode == prefecture.Code && c.Measure == Measures.PersonsUnmet)
                .Select(c => c.Category).Distinct().ToList();
            sb.Append(Table($"{t.Title}（{prefecture.Name}）", ["区分", "人数（人）", "課題数（件）"],
                cats.Select(c => (IReadOnlyList<string>)[E(c), Number(t.Find(AreaLevel.Prefecture, prefecture.Code, c, Measures.PersonsUnmet)?.Value),
                    Number(t.Find(AreaLevel.Prefecture, prefecture.Code, c, Measures.NeedsUnmet)?.Value)])));
        }

        // By area: the unmet rate per municipality against the prefecture rate.
        var summary = T("unmet_needs_summary");
        sb.Append("<h3>市町村別</h3>");
        var prefRate = summary.Find(AreaLevel.Prefecture, prefecture.Code, Cell.Total, Measures.UnmetRate)?.Value;
        var munis = summary.Areas(AreaLevel.Municipality);
        sb.Append(Image(Add(BarChart.Render(ChartDir, "unmet_rate_by_municipality", "市町村別 未充足ニーズのある人の割合", "計画のある人に占める割合（%）", Source,
            munis.Select(m => (m.Name, V: summary.Find(AreaLevel.Municipality, m.Code, Cell.Total, Measures.UnmetRate)?.Value))
                .Where(m => m.V is not null).Select((m, i) => new BarItem(m.Name, (double)m.V!.Value, ChartStyle.SeriesColor(1))).ToList(),
            prefRate is { } r ? (double)r : null, $"{prefecture.Name}平均 {Number(prefRate)}%"))));
        sb.Append(AreaTable(summary, "市町村・圏域別の未充足ニーズ",
            [(Measures.Plans, "計画のある人（人）"), (Measures.PersonsUnmet, "未充足のある人（人）"), (Measures.NeedsUnmet, "未充足の課題（件）"),
             (Measures.UnmetRate, "割合（%）"), (Measures.UnmetPer10000, "人口1万人当たり（人）")]));
        return sb.ToString();
    }

    private string Linkage()
    {
        var sb = new StringBuilder();
        var summary = T("plan_linkage_summary");
        sb.Append("<p>連動率は、サービス等利用計画の「解決すべき課題」のうち、個別支援計画の到達目標が対応づけられている課題の割合。</p>");
        var munis = summary.Areas(AreaLevel.Municipality);
        var prefecture = summary.Areas(AreaLevel.Prefecture).FirstOrDefault();
        var prefRate = summary.Find(AreaLevel.Prefecture, prefecture.Code, Cell.Total, Measures.LinkageRate)?.Value;
        sb.Append(Image(Add(BarChart.Render(ChartDir, "linkage_rate_by_municipality", "市町村別 連動率", "連動している課題の割合（%）", Source,
            munis.Select(m => (m.Name, V: summary.Find(AreaLevel.Municipality, m.Code, Cell.Total, Measures.LinkageRate)?.Value))
                .Where(m => m.V is not null).Select(m => new BarItem(m.Name, (double)m.V!.Value, ChartStyle.SeriesColor(2))).ToList(),
            prefRate is { } r ? (double)r : null, $"{prefecture.Name}平均 {Number(prefRate)}%"))));
        sb.Append(AreaTable(summary, "市町村・圏域別の連動", [(Measures.Needs, "課題（件）"), (Measures.NeedsLinked, "連動あり（件）"), (Measures.LinkageRate, "連動率（%）")]));

        var byProvider = T("plan_linkage_by_provider");
        var offices = byProvider.Areas(AreaLevel.Office);
        sb.Append(Table("提供事業所別の連動（利用中のサービスがある課題）", ["事業所", "課題（件）", "連動あり（件）", "連動率（%）"],
            offices.Select(o => (IReadOnlyList<string>)[E(o.Name),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.Needs)?.Value),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.NeedsLinked)?.Value),
                Number(byProvider.Find(AreaLevel.Office, o.Code, Cell.Total, Measures.LinkageRate)?.Value)]),
            "事業所別の件数は3件未満を秘匿。"));
        return sb.ToString();
    }

    private string Trends()
    {
        var sb = new StringBuilder();
        var trend = T("trend_unmet_summary");
        var labels = analysis.History.Select(q => q.ShortLabel).ToList();
        var regions = trend.Areas(AreaLevel.Region);
        var series = regions.Select((r, i) => new TrendSeries(r.Name,
            analysis.History.Select(q => (double?)trend.Find(AreaLevel.Region, r.Code, Cell.Total, Measures.PersonsUnmet, q)?.Value).ToList(),
            ChartStyle.SeriesColor(i))).ToList();
        sb.Append(Image(Add(TrendChart.Render(ChartDir, "trend_unmet_by_region", "圏域別 未充足ニーズのある人の推移", "人数（人）",
            $"{options.Source}（各四半期末時点）", labels, series))));
        sb.Append(Table("圏域別 未充足ニーズのある人の推移（人）", ["四半期", .. regions.Select(r => r.Name)],
            analysis.History.Select(q => (IReadOnlyList<string>)[E(q.JapaneseLabel),
                .. regions.Select(r => Number(trend.Find(AreaLevel.Region, r.Code, Cell.Total, Measures.PersonsUnmet, q)?.Value))]),
            SuppressionNote));
        return sb.ToString();
    }

    private string Notes() =>
        $"""
        <ul>
        <li>各数値は {E(Q.JapaneseLabel)} 末日時点の各人の最新の計画（終了したものを除く）と、各サービスのその日時点の状況から集計した。推移は各四半期末で同じ集計を繰り返したもの。</li>
        <li>人数は各人を住所地の市町村で1回数える。圏域・都道府県の値は市町村の値の合計と一致する。</li>
        <li>秘匿: 人数は0または{options.Disclosure.K}以上のときのみ表示する（人口{options.Disclosure.SmallAreaPopulation:#,0}人未満の市町村は{options.Disclosure.SmallAreaK}未満を秘匿、人口{options.Disclosure.UnpublishedPopulation:#,0}人未満の市町村は公表しない。事業所別は3未満を秘匿）。秘匿した値は「-」で示し、合計から逆算できないよう他の値も秘匿（二次秘匿）している。</li>
        <li>出典: {E(options.Source)}。</li>
        </ul>
        """;

    private string SuppressionNote => $"「-」は秘匿（{options.Disclosure.K}人未満など）。";

    private string AreaTable(PublishedTable t, string caption, IReadOnlyList<(string Measure, string Header)> columns)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var level in new[] { AreaLevel.Prefecture, AreaLevel.Region, AreaLevel.Municipality })
        foreach (var (code, name) in t.Areas(level))
            rows.Add([E($"{name}（{level.Japanese()}）"), .. columns.Select(c => Number(t.Find(level, code, Cell.Total, c.Measure)?.Value))]);
        return Table(caption, ["地域", .. columns.Select(c => c.Header)], rows, SuppressionNote);
    }

    private sealed record CategoryRow(string Name, ScottPlot.Color Color, decimal? Persons, decimal? Needs);

    private ChartFiles Add(ChartFiles chart)
    {
        _charts.Add(chart);
        return chart;
    }
}
