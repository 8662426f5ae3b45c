using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Targets;

/// <summary>見込量 for the 第8期 障害福祉計画 (FY2027–2029) per area × service (domain.md §5b, issue 7):
/// persons/month = PlanLink's forecast of persons in use + the unmet demand (waiting + no_resource) of the
/// latest quarter, phased in; volume/month = forecast persons × forecast use per person + the unmet
/// persons' planned amounts. The growth-rate method and the 80 % interval stand beside it. Pure.</summary>
public static class PlanTargets
{
    public const string TableId = "plan_targets";
    /// <summary>Breakdown of the unmet-demand cells (not per fiscal year: the latest quarter's count).</summary>
    public const string UnmetBreakdown = "unmet_latest";

    public static string YearBreakdown(int fiscalYear) => $"fy{fiscalYear}";
    public static string MeasureName(TargetMeasure m, string part) => (m == TargetMeasure.Persons ? "persons" : "volume") + part;
    public const string Actual = "_actual", Target = "", Lower = "_lower", Upper = "_upper", GrowthRate = "_growth_rate", Unmet = "_unmet";

    /// <param name="usage">Use at each quarter end up to the latest.</param>
    /// <param name="unmetLatest">The unmet demand at the latest quarter's end (<see cref="ServiceUsageSeries.Unmet"/>).</param>
    public static IReadOnlyList<PlanTargetRow> Compute(AreaHierarchy areas, ServiceUsageSeries usage,
        IReadOnlyDictionary<AreaService, PersonsAndVolume> unmetLatest, UnmetPhaseIn phaseIn)
    {
        var history = usage.Quarters;
        var series = usage.Series().ToDictionary(u => new AreaService(u.Level, u.AreaCode, u.Service));
        var keys = series.Keys.Union(unmetLatest.Keys).OrderBy(k => k.Level).ThenBy(k => k.AreaCode, StringComparer.Ordinal).ThenBy(k => k.Service);
        var horizon = FiscalYearValues.HorizonThrough(history[^1], FiscalYearValues.EighthPeriod[^1]);
        // Every area × service forecasts on its own (tens of thousands of them on national data): on every core, in key order.
        return keys.Where(key => key.Level != AreaLevel.Office && areas.Find(key.Level, key.AreaCode) is not null)
            .AsParallel().AsOrdered()
            .SelectMany(key =>
            {
                var use = series.GetValueOrDefault(key)
                          ?? new ServiceUsage(key.Level, key.AreaCode, key.Service, history, new double[history.Count], new double[history.Count]);
                var unmet = unmetLatest.GetValueOrDefault(key);
                return Rows(areas.Find(key.Level, key.AreaCode)!, use, unmet.Persons, unmet.Volume, horizon, phaseIn);
            })
            .ToList();
    }

    private static IEnumerable<PlanTargetRow> Rows(Area area, ServiceUsage use, double unmetPersons, double unmetVolume, int horizon, UnmetPhaseIn phaseIn)
    {
        var persons = Series(use.Quarters, use.Persons);
        var perPerson = Series(use.Quarters.Where((_, i) => use.Persons[i] > 0), use.Persons.Zip(use.Volume).Where(p => p.First > 0).Select(p => p.Second / p.First));
        var (personYears, method) = YearValues(persons, use.Quarters[^1], horizon);
        var (useYears, _) = YearValues(perPerson, use.Quarters[^1], horizon);
        var span = $"{use.Quarters[0].ShortLabel}–{use.Quarters[^1].ShortLabel}の{use.Quarters.Count}四半期";
        var phase = $"未充足（待機・資源なし、{use.Quarters[^1].ShortLabel}末）を令和9年度{phaseIn.Fy2027}%・10年度{phaseIn.Fy2028}%・11年度{phaseIn.Fy2029}%で追加（累積）";
        var methodText = MethodJapanese(method);

        yield return new PlanTargetRow(area.Level, area.Code, area.Name, use.Service, TargetMeasure.Persons,
            Actuals(use.Quarters, use.Persons), unmetPersons,
            FiscalYearValues.EighthPeriod.Select(fy =>
            {
                var p = personYears.GetValueOrDefault(fy) ?? Flat(0);
                var add = unmetPersons * phaseIn.ShareBy(fy);
                return new TargetYear(fy, p.Forecast + add, p.Lower + add, p.Upper + add, p.GrowthRateMethod, add);
            }).ToList(),
            methodText, $"{span}の利用者数（各四半期末の利用中の人、住所地）から予測。{phase}。成長率法は同期前年比の直近3年平均。");

        if (ServiceCatalog.Get(use.Service).Unit == VolumeUnit.PersonsPerMonth) yield break;
        // §5b: volume = persons × use per person; the growth-rate method uses the latest year's actual use per person.
        var recentUse = RecentMean(use.Quarters, use.Persons, use.Volume);
        yield return new PlanTargetRow(area.Level, area.Code, area.Name, use.Service, TargetMeasure.Volume,
            Actuals(use.Quarters, use.Volume), unmetVolume,
            FiscalYearValues.EighthPeriod.Select(fy =>
            {
                var p = personYears.GetValueOrDefault(fy) ?? Flat(0);
                var u = useYears.GetValueOrDefault(fy)?.Forecast ?? recentUse;
                var add = unmetVolume * phaseIn.ShareBy(fy);
                return new TargetYear(fy, p.Forecast * u + add, p.Lower * u + add, p.Upper * u + add, p.GrowthRateMethod * recentUse, add);
            }).ToList(),
            $"利用者数×1人当たり利用量（{methodText}）", $"{span}の計画上の量（利用中）から1人当たり利用量を予測。未充足の人の計画上の量を利用者数と同じ割合で追加。成長率法は利用者数の成長率法×直近1年の1人当たり利用量。");
    }

    private static FiscalYearValue Flat(double v) => new(0, v, v, v, v, 0);

    /// <summary>Per fiscal year of the 第8期: forecast with interval, or the last value held flat when the
    /// series is shorter than the forecaster needs.</summary>
    private static (Dictionary<int, FiscalYearValue> Years, string Method) YearValues(QuarterlySeries series, FiscalQuarter last, int horizon)
    {
        if (series.Count == 0) return ([], "no-data");
        if (series.Count < Forecaster.MinimumPoints || horizon < 1)
        {
            var v = series.Points[^1].Value;
            return (FiscalYearValues.EighthPeriod.ToDictionary(fy => fy, fy => new FiscalYearValue(fy, v, v, v, v, 4)), "latest-actual");
        }
        var h = Math.Max(1, FiscalYearValues.HorizonThrough(series.Last, FiscalYearValues.EighthPeriod[^1]));
        var forecast = Forecaster.Forecast(series, h);
        return (FiscalYearValues.Means(forecast, series).ToDictionary(y => y.FiscalYear), forecast.Method);
    }

    private static string MethodJapanese(string method) => method switch
    {
        "latest-actual" => "直近実績の据え置き（4四半期未満）",
        "no-data" => "実績なし（未充足分のみ）",
        _ => $"PlanLink予測（{method}）",
    };

    private static QuarterlySeries Series(IEnumerable<FiscalQuarter> quarters, IEnumerable<double> values) =>
        new(quarters.Zip(values).Select(p => new SeriesPoint(p.First, p.Second)));

    private static List<ActualYear> Actuals(IReadOnlyList<FiscalQuarter> quarters, IReadOnlyList<double> values) =>
        quarters.Select((q, i) => (q.FiscalYear, Value: values[i])).GroupBy(p => p.FiscalYear)
            .Select(g => new ActualYear(g.Key, g.Average(p => p.Value), g.Count())).ToList();

    /// <summary>Volume per person over the last four quarters (0 when nobody used the service).</summary>
    private static double RecentMean(IReadOnlyList<FiscalQuarter> quarters, IReadOnlyList<double> persons, IReadOnlyList<double> volume)
    {
        var from = Math.Max(0, quarters.Count - 4);
        var p = persons.Skip(from).Sum();
        return p > 0 ? volume.Skip(from).Sum() / p : 0;
    }

    /// <summary>The rows as a result table for disclosure control and figures.csv. Persons are protected
    /// counts (the k rule), volumes follow the persons of their row (same area, service and year); the
    /// interval and the growth-rate method are hidden with the target. The forecast without the unmet demand
    /// is not published: with the target beside it, it would give a suppressed unmet count away.</summary>
    public static ResultTable ToTable(IReadOnlyList<PlanTargetRow> rows, AreaHierarchy areas, FiscalQuarter period)
    {
        var t = new TableBuilder(TableId, "第8期障害福祉計画の見込量（サービス種類別）", areas, period);
        foreach (var r in rows)
        {
            var unit = r.Measure == TargetMeasure.Persons ? MeasureUnit.Persons : VolumeUnitOf(r.Service);
            var category = ServiceCatalog.Get(r.Service).JapaneseName;
            var target = MeasureName(r.Measure, Target);
            var persons = MeasureName(TargetMeasure.Persons, Target);
            foreach (var a in r.Actuals)
                t.Add(r.Level, r.AreaCode, YearBreakdown(a.FiscalYear), category, MeasureName(r.Measure, Actual), Round(a.Value, 1), unit);
            t.Add(r.Level, r.AreaCode, UnmetBreakdown, category, MeasureName(r.Measure, ""), Round(r.UnmetLatest, 0), unit);
            foreach (var y in r.Years)
            {
                var b = YearBreakdown(y.FiscalYear);
                t.Add(r.Level, r.AreaCode, b, category, target, Round(y.Target, 0), unit);
                t.AddDerived(r.Level, r.AreaCode, b, category, MeasureName(r.Measure, Lower), unit, Round(y.Lower, 0), (persons, target));
                t.AddDerived(r.Level, r.AreaCode, b, category, MeasureName(r.Measure, Upper), unit, Round(y.Upper, 0), (persons, target));
                t.AddDerived(r.Level, r.AreaCode, b, category, MeasureName(r.Measure, GrowthRate), unit, Round(y.GrowthRate, 0), (persons, target));
            }
        }
        return t.Build();
    }

    private static decimal Round(double v, int digits) => Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero);

    public static MeasureUnit VolumeUnitOf(ServiceType s) => ServiceCatalog.Get(s).Unit switch
    {
        VolumeUnit.HoursPerMonth => MeasureUnit.HoursPerMonth,
        VolumeUnit.PersonDaysPerMonth => MeasureUnit.PersonDaysPerMonth,
        _ => MeasureUnit.Persons,
    };
}
