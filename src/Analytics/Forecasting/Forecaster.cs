using PlanLink.Analytics.Forecasting.Models;

namespace PlanLink.Analytics.Forecasting;

/// <summary>PlanLink's quarterly forecast (docs/forecasting.md): the mean of three robust candidate
/// models, unless the series' own rolling-origin backtest shows one candidate clearly better; an 80 %
/// interval from that backtest's errors, widening with √horizon; everything clamped at 0.</summary>
public static class Forecaster
{
    /// <summary>One seasonal cycle: the least any candidate can work with.</summary>
    public const int MinimumPoints = 4;

    internal const string EnsembleName = "ensemble-mean";
    /// <summary>A single candidate replaces the ensemble only when its backtest MAE is below this share of
    /// the ensemble's, over at least <see cref="MinimumErrorsToSelect"/> scored quarters.</summary>
    internal const double SelectionMargin = 0.8;
    internal const int MinimumErrorsToSelect = 12;
    /// <summary>Inner backtest: origins in the last 16 quarters, scored up to 4 quarters ahead.</summary>
    private const int InnerOrigins = 16;
    private const int InnerHorizon = 4;
    /// <summary>z for a central 80 % normal interval, used when there are too few errors for quantiles.</summary>
    private const double Z80 = 1.2816;
    private const int MinimumErrorsForQuantiles = 12;

    internal static readonly IForecastModel[] Candidates = [new SeasonalNaiveDrift(), new DampedHoltWinters(), new SeasonalLevel()];

    public static ForecastResult Forecast(QuarterlySeries series, int horizon)
    {
        if (series.Count < MinimumPoints)
            throw new ArgumentException($"a forecast needs at least {MinimumPoints} quarters, found {series.Count}", nameof(series));
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);

        var filled = new FilledSeries(series);
        var y = Spikes.Clean(filled.Values);
        var errors = InnerBacktest(filled, y);
        var choice = Choose(errors);
        var values = Run(choice, y, horizon);
        var (low, high) = NormalisedBounds(errors[choice], filled.Values);
        var growth = GrowthRateMethod.Forecast(series, horizon);
        var name = choice < Candidates.Length ? Candidates[choice].Name : EnsembleName;

        var points = new ForecastPoint[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var f = Math.Max(0, values[h - 1]);
            var spread = Math.Sqrt(h);
            var lower = Math.Clamp(values[h - 1] + low * spread, 0, f);
            var upper = Math.Max(f, values[h - 1] + high * spread);
            points[h - 1] = new ForecastPoint(filled.QuarterAt(y.Length + h - 1), f, lower, upper, Math.Max(0, growth[h - 1]), name);
        }
        return new ForecastResult(points, name, GrowthRateMethod.MeanGrowth(series));
    }

    /// <summary>Forecasts of candidate <paramref name="choice"/>, or of the ensemble when it equals the
    /// number of candidates.</summary>
    private static double[] Run(int choice, ReadOnlySpan<double> y, int horizon)
    {
        if (choice < Candidates.Length) return Candidates[choice].Forecast(y, horizon);
        var all = new double[Candidates.Length][];
        for (var c = 0; c < Candidates.Length; c++) all[c] = Candidates[c].Forecast(y, horizon);
        return Combine(all, horizon);
    }

    private static double[] Combine(double[][] forecasts, int horizon)
    {
        var result = new double[horizon];
        var column = new double[forecasts.Length];
        for (var h = 0; h < horizon; h++)
        {
            for (var c = 0; c < forecasts.Length; c++) column[c] = Math.Max(0, forecasts[c][h]);
            result[h] = column.Average();
        }
        return result;
    }

    /// <summary>Errors (actual − forecast, with their horizon) of each candidate and of the ensemble
    /// (last index) from origins in the last <see cref="InnerOrigins"/> quarters, scored on observed
    /// quarters only. Models see the spike-cleaned <paramref name="y"/>; errors are against the data as sent.</summary>
    private static List<(int Horizon, double Error)>[] InnerBacktest(FilledSeries filled, double[] y)
    {
        var actuals = filled.Values;
        var n = y.Length;
        var errors = new List<(int, double)>[Candidates.Length + 1];
        for (var c = 0; c < errors.Length; c++) errors[c] = [];
        for (var origin = Math.Max(MinimumPoints, n - InnerOrigins); origin < n; origin++)
        {
            var horizon = Math.Min(InnerHorizon, n - origin);
            var training = y.AsSpan(0, origin);
            var all = new double[Candidates.Length][];
            for (var c = 0; c < Candidates.Length; c++) all[c] = Candidates[c].Forecast(training, horizon);
            var ensemble = Combine(all, horizon);
            for (var h = 1; h <= horizon; h++)
            {
                if (!filled.Observed[origin + h - 1]) continue;
                var actual = actuals[origin + h - 1];
                for (var c = 0; c < Candidates.Length; c++) errors[c].Add((h, actual - Math.Max(0, all[c][h - 1])));
                errors[^1].Add((h, actual - ensemble[h - 1]));
            }
        }
        return errors;
    }

    /// <summary>The ensemble, unless one candidate's backtest MAE beats it by the selection margin.</summary>
    private static int Choose(List<(int Horizon, double Error)>[] errors)
    {
        var ensemble = errors.Length - 1;
        if ( errors[ensemble].Count < MinimumErrorsToSelect) return ensemble;
        var ensembleMae = errors[ensemble].Average(e => Math.Abs(e.Error));
        var best = ensemble;
        var bestMae = ensembleMae * SelectionMargin;
        for (var c = 0; c < ensemble; c++)
        {
            var mae = errors[c].Average(e => Math.Abs(e.Error));
            if (mae < bestMae) (best, bestMae) = (c, mae);
        }
        return best;
    }

    /// <summary>One-step-equivalent bounds (error ÷ √horizon): the empirical 10 % and 90 % quantiles (with a
    /// finite-sample correction) when there are enough errors, each side at least half the symmetric width, else ±z₈₀ × their RMS; with no
    /// errors at all, the RMS of the series' year-on-year changes. The bounds always straddle 0 so the
    /// interval holds the forecast.</summary>
    private static (double Low, double High) NormalisedBounds(List<(int Horizon, double Error)> errors, double[] y)
    {
        var scaled = errors.Select(e => e.Error / Math.Sqrt(e.Horizon)).ToList();
        if (scaled.Count >= MinimumErrorsForQuantiles)
        {
            // Split-conformal finite-sample correction: the ⌈(m+1)·0.9⌉-th of m errors, not the 0.9 quantile.
            var upperP = Math.Min(1, 0.9 * (scaled.Count + 1) / scaled.Count);
            // A method biased on this history gets a lopsided interval, but never one with a side of zero
            // width: each side is at least half the symmetric 80 % width of the absolute errors.
            var floor = 0.5 * Stats.Quantile(scaled.Select(Math.Abs), Math.Min(1, 0.8 * (scaled.Count + 1) / scaled.Count));
            return (Math.Min(-floor, Stats.Quantile(scaled, 1 - upperP)), Math.Max(floor, Stats.Quantile(scaled, upperP)));
        }
        double rms;
        if (scaled.Count > 0)
        {
            // Few errors understate the spread: inflate like a small-sample t quantile would.
            rms = Math.Sqrt(scaled.Average(e => e * e)) * (1 + 1.0 / scaled.Count);
        }
        else
        {
            var changes = Enumerable.Range(4, Math.Max(0, y.Length - 4)).Select(t => y[t] - y[t - 4]).ToList();
            rms = changes.Count > 0 ? Math.Sqrt(changes.Average(e => e * e)) : 0.1 * y.Average();
        }
        return (-Z80 * rms, Z80 * rms);
    }
}
