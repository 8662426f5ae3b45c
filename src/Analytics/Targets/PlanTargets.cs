using System.Runtime.InteropServices;
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
        var keys = series.Keys.Union(unmetLatest.Keys)
            .Where(key => key.Level != AreaLevel.Office && areas.Find(key.Level, key.AreaCode) is not null)
            .OrderBy(k => k.Level).ThenBy(k => k.AreaCode, StringComparer.Ordinal).ThenBy(k => k.Service).ToArray();
        var horizon = FiscalYearValues.HorizonThrough(history[^1], FiscalYearValues.EighthPeriod[^1]);
        var context = new RowContext(history, phaseIn);

        // Each key's persons and use-per-person series. Many keys share one (every service nobody used where
        // somebody waits for it, small areas with the same few persons), and a forecast depends on nothing
        // but its series: each distinct series is forecast once.
        var zeros = new double[history.Count];
        var uses = new ServiceUsage[keys.Length];
        var forecastOf = new int[keys.Length * 2];
        var distinct = new Dictionary<SeriesKey, int>();
        var toForecast = new List<QuarterlySeries>();
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            var use = uses[k] = series.GetValueOrDefault(key) ?? new ServiceUsage(key.Level, key.AreaCode, key.Service, history, zeros, zeros);
            forecastOf[2 * k] = Distinct(PersonsSeries(use));
            forecastOf[2 * k + 1] = Distinct(PerPersonSeries(use));
        }
        // Tens of thousands of forecasts on national data: on every core.
        var forecasts = new SeriesYears[toForecast.Count];
        Parallel.For(0, forecasts.Length, i => forecasts[i] = YearValues(toForecast[i], horizon));

        var rows = new List<PlanTargetRow>(keys.Length * 2);
        for (var k = 0; k < keys.Length; k++)
        {
            var unmet = unmetLatest.GetValueOrDefault(keys[k]);
            AddRows(rows, areas.Find(keys[k].Level, keys[k].AreaCode)!, uses[k], unmet.Persons, unmet.Volume,
                forecasts[forecastOf[2 * k]], forecasts[forecastOf[2 * k + 1]], phaseIn, context);
        }
        return rows;

        int Distinct(QuarterlySeries s)
        {
            ref var i = ref CollectionsMarshal.GetValueRefOrAddDefault(distinct, new SeriesKey(s), out var known);
            if (known) return i;
            toForecast.Add(s);
            return i = toForecast.Count - 1;
        }
    }

    /// <summary>A series as a dictionary key: equal when every quarter and every value's bits are.</summary>
    private sealed class SeriesKey : IEquatable<SeriesKey>
    {
        private readonly IReadOnlyList<SeriesPoint> _points;
        private readonly int _hash;

        public SeriesKey(QuarterlySeries series)
        {
            _points = series.Points;
            var hash = new HashCode();
            foreach (var p in _points)
            {
                hash.Add(p.Quarter);
                hash.Add(BitConverter.DoubleToInt64Bits(p.Value));
            }
            _hash = hash.ToHashCode();
        }

        public bool Equals(SeriesKey? other)
        {
            if (other is null || other._hash != _hash || other._points.Count != _points.Count) return false;
            for (var i = 0; i < _points.Count; i++)
                if (_points[i].Quarter != other._points[i].Quarter
                    || BitConverter.DoubleToInt64Bits(_points[i].Value) != BitConverter.DoubleToInt64Bits(other._points[i].Value)) return false;
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as SeriesKey);
        public override int GetHashCode() => _hash;
    }

    /// <summary>What every row of one computation shares: it depends on the quarters and the phase-in only.</summary>
    private sealed class RowContext
    {
        public readonly string PersonsAssumptions, VolumeAssumptions;
        /// <summary>The quarters' positions by fiscal year, years in order of first appearance.</summary>
        public readonly (int FiscalYear, int[] Positions)[] Years;

        public RowContext(IReadOnlyList<FiscalQuarter> quarters, UnmetPhaseIn phaseIn)
        {
            var span = $"{quarters[0].ShortLabel}–{quarters[^1].ShortLabel}の{quarters.Count}四半期";
            var phase = $"未充足（待機・資源なし、{quarters[^1].ShortLabel}末）を令和9年度{phaseIn.Fy2027}%・10年度{phaseIn.Fy2028}%・11年度{phaseIn.Fy2029}%で追加（累積）";
            PersonsAssumptions = $"{span}の利用者数（各四半期末の利用中の人、住所地）から予測。{phase}。成長率法は同期前年比の直近3年平均。";
            VolumeAssumptions = $"{span}の計画上の量（利用中）から1人当たり利用量を予測。未充足の人の計画上の量を利用者数と同じ割合で追加。成長率法は利用者数の成長率法×直近1年の1人当たり利用量。";
            Years = [.. quarters.Select((q, i) => (q.FiscalYear, i)).GroupBy(p => p.FiscalYear).Select(g => (g.Key, g.Select(p => p.i).ToArray()))];
        }

        /// <summary>The mean of each fiscal year's quarters, summed left to right from the first (as Enumerable.Average).</summary>
        public ActualYear[] Actuals(IReadOnlyList<double> values)
        {
            var result = new ActualYear[Years.Length];
            for (var y = 0; y < Years.Length; y++)
            {
                var positions = Years[y].Positions;
                var sum = values[positions[0]];
                for (var i = 1; i < positions.Length; i++) sum += values[positions[i]];
                result[y] = new ActualYear(Years[y].FiscalYear, sum / positions.Length, positions.Length);
            }
            return result;
        }
    }

    private static void AddRows(List<PlanTargetRow> rows, Area area, ServiceUsage use, double unmetPersons, double unmetVolume,
        SeriesYears personYears, SeriesYears useYears, UnmetPhaseIn phaseIn, RowContext context)
    {
        var years = FiscalYearValues.EighthPeriod;
        var targets = new TargetYear[years.Count];
        for (var i = 0; i < years.Count; i++)
        {
            var fy = years[i];
            var p = personYears.ByYear.GetValueOrDefault(fy) ?? Flat(0);
            var add = unmetPersons * phaseIn.ShareBy(fy);
            targets[i] = new TargetYear(fy, p.Forecast + add, p.Lower + add, p.Upper + add, p.GrowthRateMethod, add);
        }
        rows.Add(new PlanTargetRow(area.Level, area.Code, area.Name, use.Service, TargetMeasure.Persons,
            context.Actuals(use.Persons), unmetPersons, targets, personYears.PersonsMethod, context.PersonsAssumptions));

        if (ServiceCatalog.Get(use.Service).Unit == VolumeUnit.PersonsPerMonth) return;
        // §5b: volume = persons × use per person; the growth-rate method uses the latest year's actual use per person.
        var recentUse = RecentMean(use.Quarters, use.Persons, use.Volume);
        targets = new TargetYear[years.Count];
        for (var i = 0; i < years.Count; i++)
        {
            var fy = years[i];
            var p = personYears.ByYear.GetValueOrDefault(fy) ?? Flat(0);
            var u = useYears.ByYear.GetValueOrDefault(fy)?.Forecast ?? recentUse;
            var add = unmetVolume * phaseIn.ShareBy(fy);
            targets[i] = new TargetYear(fy, p.Forecast * u + add, p.Lower * u + add, p.Upper * u + add, p.GrowthRateMethod * recentUse, add);
        }
        rows.Add(new PlanTargetRow(area.Level, area.Code, area.Name, use.Service, TargetMeasure.Volume,
            context.Actuals(use.Volume), unmetVolume, targets, personYears.VolumeMethod, context.VolumeAssumptions));
    }

    private static FiscalYearValue Flat(double v) => new(0, v, v, v, v, 0);

    /// <summary>A series' values per fiscal year of the 第8期 and how they were made, as the rows name it.</summary>
    private sealed record SeriesYears(Dictionary<int, FiscalYearValue> ByYear, string PersonsMethod, string VolumeMethod);

    /// <summary>Per fiscal year of the 第8期: forecast with interval, or the last value held flat when the
    /// series is shorter than the forecaster needs.</summary>
    private static SeriesYears YearValues(QuarterlySeries series, int horizon)
    {
        if (series.Count == 0) return Named([], "no-data");
        if (series.Count < Forecaster.MinimumPoints || horizon < 1)
        {
            var v = series.Points[^1].Value;
            return Named(FiscalYearValues.EighthPeriod.ToDictionary(fy => fy, fy => new FiscalYearValue(fy, v, v, v, v, 4)), "latest-actual");
        }
        var h = Math.Max(1, FiscalYearValues.HorizonThrough(series.Last, FiscalYearValues.EighthPeriod[^1]));
        var forecast = Forecaster.Forecast(series, h);
        return Named(FiscalYearValues.Means(forecast, series).ToDictionary(y => y.FiscalYear), forecast.Method);

        static SeriesYears Named(Dictionary<int, FiscalYearValue> byYear, string method)
        {
            var text = MethodJapanese(method);
            return new SeriesYears(byYear, text, $"利用者数×1人当たり利用量（{text}）");
        }
    }

    private static string MethodJapanese(string method) => method switch
    {
        "latest-actual" => "直近実績の据え置き（4四半期未満）",
        "no-data" => "実績なし（未充足分のみ）",
        _ => $"PlanLink予測（{method}）",
    };

    /// <summary>Persons in use at each quarter end.</summary>
    private static QuarterlySeries PersonsSeries(ServiceUsage use)
    {
        var points = new SeriesPoint[use.Quarters.Count];
        for (var i = 0; i < points.Length; i++) points[i] = new SeriesPoint(use.Quarters[i], use.Persons[i]);
        return new QuarterlySeries(points);
    }

    /// <summary>Volume per person at the quarter ends with any person in use.</summary>
    private static QuarterlySeries PerPersonSeries(ServiceUsage use)
    {
        var count = 0;
        for (var i = 0; i < use.Quarters.Count; i++) if (use.Persons[i] > 0) count++;
        var points = new SeriesPoint[count];
        count = 0;
        for (var i = 0; i < use.Quarters.Count; i++)
            if (use.Persons[i] > 0) points[count++] = new SeriesPoint(use.Quarters[i], use.Volume[i] / use.Persons[i]);
        return new QuarterlySeries(points);
    }

    /// <summary>Volume per person over the last four quarters (0 when nobody used the service).</summary>
    private static double RecentMean(IReadOnlyList<FiscalQuarter> quarters, IReadOnlyList<double> persons, IReadOnlyList<double> volume)
    {
        var from = Math.Max(0, quarters.Count - 4);
        double p = 0, v = 0;
        for (var i = from; i < persons.Count; i++) p += persons[i];
        if (!(p > 0)) return 0;
        for (var i = from; i < volume.Count; i++) v += volume[i];
        return v / p;
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
