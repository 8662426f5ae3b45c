using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Disclosure;
using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Targets;
using PlanLink.Ingest.Model;

namespace PlanLink.Reports.Workbook;

/// <summary>The plan-target table laid out once for both the workbook and the CSV: one sheet per area
/// level, Japanese headers, values taken only from the published (disclosure-controlled) table; the
/// unpublished rows give only the method and assumptions text.</summary>
public sealed class PlanTargetSheet
{
    public static readonly IReadOnlyList<(AreaLevel Level, string Name)> Levels =
        [(AreaLevel.Municipality, "市町村"), (AreaLevel.Region, "圏域"), (AreaLevel.Prefecture, "都道府県")];

    public PlanTargetSheet(IReadOnlyList<PlanTargetRow> rows, PublishedTable table, FiscalQuarter quarter, ReportOptions options, bool isSynthetic)
    {
        Quarter = quarter;
        Options = options;
        IsSynthetic = isSynthetic;
        ActualYears = rows.SelectMany(r => r.Actuals.Select(a => a.FiscalYear)).Distinct().Order().ToList();
        var years = FiscalYearValues.EighthPeriod;
        Headers =
        [
            "地域コード", "地域名", "サービス種類", "指標", "単位",
            .. ActualYears.Select(y => $"実績 R{y - 2018}（{y}年度）"),
            .. years.Select(y => $"見込量 R{y - 2018}（{y}年度）"),
            .. years.Select(y => $"80%区間 下限 R{y - 2018}"),
            .. years.Select(y => $"80%区間 上限 R{y - 2018}"),
            .. years.Select(y => $"成長率法 R{y - 2018}"),
            $"うち未充足（{quarter.ShortLabel}末）", "予測方法", "前提",
        ];
        // Each published value placed by (breakdown, measure) → column and (area, service, measure) → row, one pass over
        // the table, instead of a dictionary of every cell keyed by five strings (a national table has a million cells).
        var firstActual = 5;
        var firstTarget = firstActual + ActualYears.Count;
        var unmetColumn = firstTarget + 4 * years.Count;
        var columnOf = new Dictionary<(string Breakdown, string Measure), (TargetMeasure Measure, int Column)>();
        foreach (var m in new[] { TargetMeasure.Persons, TargetMeasure.Volume })
        {
            for (var i = 0; i < ActualYears.Count; i++) columnOf[(PlanTargets.YearBreakdown(ActualYears[i]), PlanTargets.MeasureName(m, PlanTargets.Actual))] = (m, firstActual + i);
            string[] parts = [PlanTargets.Target, PlanTargets.Lower, PlanTargets.Upper, PlanTargets.GrowthRate];
            for (var p = 0; p < parts.Length; p++)
            for (var i = 0; i < years.Count; i++)
                columnOf[(PlanTargets.YearBreakdown(years[i]), PlanTargets.MeasureName(m, parts[p]))] = (m, firstTarget + p * years.Count + i);
            columnOf[(PlanTargets.UnmetBreakdown, PlanTargets.MeasureName(m, ""))] = (m, unmetColumn);
        }
        var values = new Dictionary<(AreaLevel, string AreaCode, string Service, TargetMeasure), decimal?[]>(rows.Count);
        foreach (var r in rows) values.TryAdd((r.Level, r.AreaCode, ServiceCatalog.Get(r.Service).JapaneseName, r.Measure), new decimal?[unmetColumn + 1]);
        decimal?[]? rowValues = null;
        (AreaLevel Level, string AreaCode, string Category, TargetMeasure Measure) current = default;
        for (var i = 0; i < table.Count; i++)
        {
            var f = table.Figure(i);
            if (!columnOf.TryGetValue((f.Breakdown, f.Measure), out var column)) continue;
            // A row's cells come together: look the row up again only when its area, service or measure changes.
            if (f.Level != current.Level || !ReferenceEquals(f.AreaCode, current.AreaCode) || !ReferenceEquals(f.Category, current.Category)
                || column.Measure != current.Measure)
            {
                current = (f.Level, f.AreaCode, f.Category, column.Measure);
                rowValues = values.GetValueOrDefault(current);
            }
            if (rowValues is not null) rowValues[column.Column] = f.Value;
        }

        var byLevel = new Dictionary<AreaLevel, IReadOnlyList<IReadOnlyList<SheetValue>>>();
        foreach (var (level, _) in Levels)
        {
            var sheetRows = new List<IReadOnlyList<SheetValue>>();
            foreach (var r in rows)
            {
                if (r.Level != level) continue;
                var service = ServiceCatalog.Get(r.Service).JapaneseName;
                var v = values[(r.Level, r.AreaCode, service, r.Measure)];
                var row = new SheetValue[unmetColumn + 3];
                row[0] = SheetValue.Of(r.AreaCode);
                row[1] = SheetValue.Of(r.AreaName);
                row[2] = SheetValue.Of(service);
                row[3] = SheetValue.Of(r.Measure == TargetMeasure.Persons ? "利用者数" : "量");
                row[4] = SheetValue.Of(UnitOf(r));
                for (var i = 0; i < ActualYears.Count; i++)
                    row[firstActual + i] = HasActual(r, ActualYears[i]) ? SheetValue.Of(v[firstActual + i], NumberStyle.OneDecimal) : SheetValue.Of("");
                for (var c = firstTarget; c <= unmetColumn; c++) row[c] = SheetValue.Of(v[c], NumberStyle.Integer);
                row[unmetColumn + 1] = SheetValue.Of(r.Method);
                row[unmetColumn + 2] = SheetValue.Of(r.Assumptions);
                sheetRows.Add(row);
            }
            byLevel[level] = sheetRows;
        }
        Rows = byLevel;
    }

    private static bool HasActual(PlanTargetRow r, int fiscalYear)
    {
        foreach (var a in r.Actuals)
            if (a.FiscalYear == fiscalYear) return true;
        return false;
    }

    public FiscalQuarter Quarter { get; }
    public ReportOptions Options { get; }
    public bool IsSynthetic { get; }
    public IReadOnlyList<int> ActualYears { get; }
    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyDictionary<AreaLevel, IReadOnlyList<IReadOnlyList<SheetValue>>> Rows { get; }

    /// <summary>The 説明 sheet: what the table is, how it was made, and the one timestamp of the workbook.</summary>
    public IReadOnlyList<(string Key, string Value)> Notes =>
    [
        ("表題", "第8期障害福祉計画（令和9〜11年度）見込量の案（サービス種類別・地域別）"),
        ("データ", IsSynthetic ? "合成データ（架空のデータ）による見本" : Options.Source),
        ("集計基準", Quarter.JapaneseLabel + " 末"),
        ("利用者数", "各四半期末に利用中の人（住所地で計上）。実績は年度内の各四半期末の平均。"),
        ("量", "利用中の人の計画上の量（時間/月・人日/月）。1人が同じサービスを複数の課題に位置づけている場合は最大の量を1回数える。"),
        ("見込量", "PlanLinkの予測（docs/forecasting.md）＋未充足の人（待機・資源なし）と計画上の量。量＝予測利用者数×1人当たり利用量の予測。"),
        ("未充足の段階", $"令和9年度 {Options.UnmetPhaseIn.Fy2027}%・令和10年度 {Options.UnmetPhaseIn.Fy2028}%・令和11年度 {Options.UnmetPhaseIn.Fy2029}%（累積）"),
        ("80%区間", "予測の不確かさ。各系列の過去への当てはめの誤差から求めた。年度の区間は四半期の区間の平均（近似）。"),
        ("成長率法", "従来の方法: 同期前年比の直近3年平均で伸ばした利用者数。量は直近1年の1人当たり利用量を掛けた。"),
        ("秘匿", $"利用者数は0または{Options.Disclosure.K}以上のみ表示（人口{Options.Disclosure.SmallAreaPopulation:#,0}人未満の市町村は{Options.Disclosure.SmallAreaK}以上、人口{Options.Disclosure.UnpublishedPopulation:#,0}人未満の市町村は非公表）。秘匿した利用者数の行の量・区間・成長率法も秘匿し、合計から逆算できないよう二次秘匿する。「-」は秘匿。未充足を除いた予測値は公表しない。"),
        ("k", Options.Disclosure.K.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("作成日時", Options.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static string UnitOf(PlanTargetRow r) => r.Measure == TargetMeasure.Persons ? "人/月"
        : ServiceCatalog.Get(r.Service).Unit == VolumeUnit.HoursPerMonth ? "時間/月" : "人日/月";
}
