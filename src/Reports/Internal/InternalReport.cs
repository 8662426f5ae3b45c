using System.Globalization;
using System.Text;
using CsvHelper;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Figures;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using static PlanLink.Reports.Html.Html;

namespace PlanLink.Reports.Internal;

/// <summary>internal/: 内部資料 for case review only — plan maps, the case-review list and per-office meso
/// tables, unsuppressed. Built from the analysis directly (never from published tables), marked
/// 「内部資料・取扱注意」 in every file, and never linked from report.html.</summary>
public static class InternalReport
{
    public static string Write(QuarterlyAnalysis analysis, string dir, ReportOptions options, bool isSynthetic)
    {
        Directory.CreateDirectory(dir);
        var snapshot = analysis.Snapshot;
        var index = snapshot.Index;
        var areas = index.Areas;
        var list = CaseReviewList.Build(snapshot);

        // Plan maps: everyone in a small dataset; in a large one the top of the case-review list plus --plan-map.
        var mapped = (snapshot.Plans.Count <= options.PlanMapLimit ? snapshot.Plans : list.Take(options.PlanMapLimit).Select(e => e.Plan))
            .Concat(snapshot.Plans.Where(p => options.PlanMapPersons.Contains(p.PersonKey)))
            .DistinctBy(p => p.PersonKey).ToList();
        // Each mapped plan's position in the snapshot, found in one pass over its plans (not its million needs).
        var mappedIds = mapped.Select(p => p.PlanId).ToHashSet();
        var positions = new Dictionary<string, int>();
        for (var i = 0; i < snapshot.Plans.Count; i++)
            if (mappedIds.Contains(snapshot.Plans[i].PlanId)) positions[snapshot.Plans[i].PlanId] = i;
        // Each file is written as soon as it is made, the large ones streamed: nationally the case-review list alone
        // is ~150,000 persons, and holding every file as a string would add hundreds of MB to the run's peak.
        var views = new List<InternalView>();
        foreach (var plan in mapped)
        {
            var area = areas.Municipality(plan.MunicipalityCode)?.Name ?? plan.MunicipalityCode;
            var map = PlanMap.Render(snapshot, plan, snapshot.NeedStatesOf(positions[plan.PlanId]), area);
            views.Add(Save(dir, $"plan-maps/{plan.PersonKey}.svg", $"計画マップ {plan.PersonKey}", w => w.Write(map)));
        }
        var mapFiles = views.Select(v => v.FileName).ToHashSet();
        // Each person's unmet needs in words, once for both the page and the CSV.
        var described = new string[list.Count];
        for (var i = 0; i < list.Count; i++) described[i] = Describe(list[i].UnmetNeeds);
        views.Add(Save(dir, "case-review.html", "事例検討リスト", w => CaseReviewPage(w, list, described, mapFiles, index, analysis, isSynthetic)));
        views.Add(Save(dir, "case-review.csv", "事例検討リスト（CSV）", w => CaseReviewCsv(w, list, described, index)));
        views.Add(Save(dir, "meso.html", "事業所別の状況", w => MesoPage(w, analysis, isSynthetic)));
        views.Add(Save(dir, "meso.csv", "事業所別の状況（CSV）", w => MesoCsv(w, analysis)));
        var missing = options.PlanMapPersons.Where(k => mapped.All(p => p.PersonKey != k)).ToList();
        Save(dir, "index.html", "内部資料一覧", w => IndexPage(w, views, missing, analysis, isSynthetic));
        return dir;
    }

    /// <summary>Writes one file of the folder (CSVs with a BOM, so that Excel reads them as UTF-8) and names it for the index page.</summary>
    private static InternalView Save(string dir, string fileName, string title, Action<TextWriter> write)
    {
        var path = Path.Combine(dir, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(fileName.EndsWith(".csv", StringComparison.Ordinal)), 1 << 16))
            write(writer);
        return new InternalView(fileName, title);
    }

    private static void CaseReviewPage(TextWriter writer, IReadOnlyList<CaseReviewEntry> list, IReadOnlyList<string> described, IReadOnlySet<string> mapFiles,
        DatasetIndex index, QuarterlyAnalysis analysis, bool isSynthetic)
    {
        var areas = index.Areas;
        var rows = list.Select((e, i) =>
        {
            var map = $"plan-maps/{e.Plan.PersonKey}.svg";
            return (IReadOnlyList<string>)
            [
                e.Rank.ToString(CultureInfo.InvariantCulture),
                mapFiles.Contains(map) ? $"<a href=\"{E(map)}\">{E(e.Plan.PersonKey)}</a>" : E(e.Plan.PersonKey),
                E(areas.Municipality(e.Plan.MunicipalityCode)?.Name ?? e.Plan.MunicipalityCode),
                E(index.OfficeName(e.Plan.OfficeId)),
                e.PersistentPriorities.Count.ToString(CultureInfo.InvariantCulture),
                e.UnmetNeeds.Count.ToString(CultureInfo.InvariantCulture),
                e.LongestWaitDays.ToString(CultureInfo.InvariantCulture),
                E(described[i]),
            ];
        });
        Page(writer, "事例検討リスト", analysis, isSynthetic, w =>
        {
            w.Write("<style>body { max-width: none; margin: 0 1em; } td:nth-child(3), td:nth-child(4) { white-space: nowrap; }</style>" +
                "<p>未充足ニーズのある人を、直近2回のモニタリングで続けて未充足の課題数、未充足の課題数、最長の待機日数の順に並べた。協議会の事例検討（個別課題から地域課題へ）の候補。</p>");
            WriteTable(w, $"事例検討リスト（{analysis.Quarter.ShortLabel}末、{list.Count}人）",
                ["順位", "仮名ID", "市町村", "相談支援事業所", "継続する未充足（件）", "未充足の課題（件）", "最長待機（日）", "未充足の課題"], rows, labelColumns: 4, trailingTextColumns: 1);
        });
    }

    /// <summary>"課題1 …（サービス 理由・…）／課題2 …（支援なし）": a person's unmet needs, built without a string per part.</summary>
    private static string Describe(IReadOnlyList<Analytics.Unmet.NeedAssessment> unmet)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < unmet.Count; i++)
        {
            var a = unmet[i];
            if (i > 0) sb.Append('／');
            sb.Append("課題").Append(a.Need.Priority).Append(' ').Append(a.Need.NeedText).Append('（');
            if (a.UnmetServices.Count == 0) sb.Append("支援なし");
            for (var j = 0; j < a.UnmetServices.Count; j++)
            {
                var u = a.UnmetServices[j];
                if (j > 0) sb.Append('・');
                sb.Append(ServiceCatalog.Get(u.Service.Service).JapaneseName).Append(' ').Append(Analytics.Unmet.UnmetReasons.Japanese(u.Reason));
            }
            sb.Append('）');
        }
        return sb.ToString();
    }

    private static void CaseReviewCsv(TextWriter writer, IReadOnlyList<CaseReviewEntry> list, IReadOnlyList<string> described, DatasetIndex index)
    {
        var areas = index.Areas;
        writer.Write(InternalView.Mark + "\n");
        writer.Write("順位,仮名ID,市町村コード,市町村,相談支援事業所番号,相談支援事業所,継続する未充足（件）,未充足の課題（件）,最長待機（日）,未充足の課題\n");
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            CsvRow(writer, e.Rank.ToString(CultureInfo.InvariantCulture), e.Plan.PersonKey, e.Plan.MunicipalityCode,
                areas.Municipality(e.Plan.MunicipalityCode)?.Name ?? "", e.Plan.OfficeId,
                index.TryGetOffice(e.Plan.OfficeId, out var office) ? office.Name : "",
                e.PersistentPriorities.Count.ToString(CultureInfo.InvariantCulture), e.UnmetNeeds.Count.ToString(CultureInfo.InvariantCulture),
                e.LongestWaitDays.ToString(CultureInfo.InvariantCulture), described[i]);
        }
    }

    /// <summary>One CSV line ("\n"), each field quoted when it must be.</summary>
    private static void CsvRow(TextWriter writer, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Csv(fields[i]));
        }
        writer.Write('\n');
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static readonly string[] MesoTables = ["meso_consultation_office", "plan_linkage_by_provider"];

    private static IEnumerable<ResultTable> Meso(QuarterlyAnalysis analysis) => analysis.Tables.Where(t => MesoTables.Contains(t.Id));

    private static void MesoPage(TextWriter writer, QuarterlyAnalysis analysis, bool isSynthetic) =>
        Page(writer, "事業所別の状況（メゾ）", analysis, isSynthetic, w =>
        {
            w.Write("<p>事業所別の件数を秘匿せずに示す（公表用の報告では3件未満を秘匿）。事業所との振り返り・助言に使う。</p>");
            foreach (var t in Meso(analysis))
            {
                var measures = t.Cells.Select(c => c.Measure).Distinct().ToList();
                var offices = t.Cells.Select(c => (c.AreaCode, c.AreaName)).Distinct().OrderBy(o => o.AreaCode, StringComparer.Ordinal).ToList();
                var byKey = t.Cells.ToDictionary(c => (c.AreaCode, c.Measure));
                WriteTable(w, t.Title, ["事業所番号", "事業所", .. measures.Select(MeasureJapanese)],
                    offices.Select(o => (IReadOnlyList<string>)[E(o.AreaCode), E(o.AreaName),
                        .. measures.Select(m => byKey.TryGetValue((o.AreaCode, m), out var c) ? Number(c.Value) : "")]), labelColumns: 2);
            }
        });

    private static void MesoCsv(TextWriter writer, QuarterlyAnalysis analysis)
    {
        writer.Write(InternalView.Mark + "\n");
        writer.Write("table,office_id,office_name,measure,unit,value\n");
        foreach (var t in Meso(analysis))
        foreach (var c in t.Cells)
            CsvRow(writer, t.Id, c.AreaCode, c.AreaName, c.Measure, c.Unit.Code(), c.Value.ToString("0.##", CultureInfo.InvariantCulture));
    }

    private static string MeasureJapanese(string measure) => measure switch
    {
        "plans" => "計画（人）",
        Measures.PersonsUnmet => "未充足のある人（人）",
        "plans_overdue" => "モニタリング遅れ（人）",
        "overdue_rate" => "遅れの割合（%）",
        Measures.Needs => "課題（件）",
        Measures.NeedsLinked => "連動あり（件）",
        Measures.LinkageRate => "連動率（%）",
        _ => measure,
    };

    private static void IndexPage(TextWriter writer, IReadOnlyList<InternalView> views, IReadOnlyList<string> missing, QuarterlyAnalysis analysis, bool isSynthetic) =>
        Page(writer, "内部資料一覧", analysis, isSynthetic, w =>
        {
            w.Write("<p>この フォルダの資料は個人・事業所単位の内部資料であり、公表しない。協議会の事例検討・事業所との振り返りに限って使う。</p><ul>");
            foreach (var v in views) w.Write($"<li><a href=\"{E(v.FileName)}\">{E(v.Title)}</a></li>");
            w.Write("</ul>");
            if (missing.Count > 0) w.Write($"<p class=\"note\">--plan-map で指定された仮名IDのうち、基準日に計画がないもの: {E(string.Join("、", missing))}</p>");
        });

    /// <summary>An internal HTML page: the 内部資料 mark, the title and date, then <paramref name="body"/>.</summary>
    private static void Page(TextWriter writer, string title, QuarterlyAnalysis analysis, bool isSynthetic, Action<TextWriter> body)
    {
        writer.Write($"<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{E(InternalView.Mark)} {E(title)}</title><style>{Html.ReportStyles.Css}" +
            ".internal { border: 3px solid #c0392b; color: #c0392b; font-weight: bold; padding: 0.3em 0.6em; display: inline-block; }" +
            "@page { @top-right { content: \"内部資料・取扱注意\"; color: #c0392b; font-family: IPAexGothic, sans-serif; } }</style></head><body>" +
            $"<p class=\"internal\">{E(InternalView.Mark)}</p>" + (isSynthetic ? " <span class=\"synthetic\">合成データ</span>" : "") +
            $"<h1>{E(title)}</h1><p class=\"meta\">{E(analysis.Quarter.JapaneseLabel)} 末時点</p>");
        body(writer);
        writer.Write("</body></html>");
    }
}
