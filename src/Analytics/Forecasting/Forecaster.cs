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
        var first = Math.Max(MinimumPoints, y.Length - InnerOrigins);
        var forecasts = FromOrigins(y, first, horizon);
        var errors = new BacktestErrors(filled, first, forecasts);
        var choice = Choose(errors);
        var final = forecasts[0].Length - 1;
        var values = choice < Candidates.Length ? forecasts[choice][final] : Combine(forecasts, final, horizon);
        var (low, high) = NormalisedBounds(errors, choice, filled.Values);
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

    /// <summary>Every candidate's forecasts ([candidate][origin − first]) from the inner backtest's origins
    /// first … n − 1, each <see cref="InnerHorizon"/> quarters ahead at most, and from n (the whole series)
    /// <paramref name="horizon"/> quarters ahead. Models see the spike-cleaned <paramref name="y"/>.</summary>
    private static double[][][] FromOrigins(double[] y, int first, int horizon)
    {
        var n = y.Length;
        Span<int> horizons = stackalloc int[n - first + 1];
        for (var o = first; o < n; o++) horizons[o - first] = Math.Min(InnerHorizon, n - o);
        horizons[^1] = horizon;
        var forecasts = new double[Candidates.Length][][];
        for (var c = 0; c < Candidates.Length; c++)
        {
            forecasts[c] = new double[horizons.Length][];
            Candidates[c].ForecastOrigins(y, first, horizons, forecasts[c]);
        }
        return forecasts;
    }

    /// <summary>The ensemble's forecast from one origin: the mean of the candidates' forecasts clamped at 0.</summary>
    private static double[] Combine(double[][][] forecasts, int origin, int horizon)
    {
        var result = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            // As Enumerable.Average sums an array: from 0, left to right.
            double sum = 0;
            for (var c = 0; c < forecasts.Length; c++) sum += Math.Max(0, forecasts[c][origin][h]);
            result[h] = sum / forecasts.Length;
        }
        return result;
    }

    /// <summary>Errors (actual − forecast, with their horizon) of each candidate and of the ensemble
    /// (last row) from the inner backtest's origins, scored on observed quarters only, against the data as sent.</summary>
    private sealed class BacktestErrors
    {
        public readonly int Count;
        public readonly int[] Horizons;
        /// <summary>[method][error]: candidates, then the ensemble.</summary>
        public readonly double[][] Errors;

        public BacktestErrors(FilledSeries filled, int first, double[][][] forecasts)
        {
            var (actuals, observed) = (filled.Values, filled.Observed);
            var n = actuals.Length;
            for (var origin = first; origin < n; origin++)
                for (var h = 1; h <= Math.Min(InnerHorizon, n - origin); h++)
                    if (observed[origin + h - 1]) Count++;
            Horizons = new int[Count];
            Errors = new double[Candidates.Length + 1][];
            for (var c = 0; c < Errors.Length; c++) Errors[c] = new double[Count];
            var i = 0;
            for (var origin = first; origin < n; origin++)
            {
                var horizon = Math.Min(InnerHorizon, n - origin);
                var ensemble = Combine(forecasts, origin - first, horizon);
                for (var h = 1; h <= horizon; h++)
                {
                    if (!observed[origin + h - 1]) continue;
                    var actual = actuals[origin + h - 1];
                    Horizons[i] = h;
                    for (var c = 0; c < Candidates.Length; c++) Errors[c][i] = actual - Math.Max(0, forecasts[c][origin - first][h - 1]);
                    Errors[^1][i] = actual - ensemble[h - 1];
                    i++;
                }
            }
        }

        /// <summary>Mean absolute error of one method, summed left to right from its first error (as Enumerable.Average with a selector).</summary>
        public double Mae(int method)
        {
            var e = Errors[method];
            var sum = Math.Abs(e[0]);
            for (var i = 1; i < e.Length; i++) sum += Math.Abs(e[i]);
            return sum / e.Length;
        }
    }

    /// <summary>The ensemble, unless one candidate's backtest MAE beats it by the selection margin.</summary>
    private static int Choose(BacktestErrors errors)
    {
        var ensemble = errors.Errors.Length - 1;
        if (errors.Count < MinimumErrorsToSelect) return ensemble;
        var bestMae = errors.Mae(ensemble) * SelectionMargin;
        var best = ensemble;
        for (var c = 0; c < ensemble; c++)
        {
            var mae = errors.Mae(c);
            if (mae < bestMae) (best, bestMae) = (c, mae);
        }
        return best;
    }

    /// <summary>One-step-equivalent bounds (error ÷ √horizon): the empirical 10 % and 90 % quantiles (with a
    /// finite-sample correction) when there are enough errors, each side at least half the symmetric width, else ±z₈₀ × their RMS; with no
    /// errors at all, the RMS of the series' year-on-year changes. The bounds always straddle 0 so the
    /// interval holds the forecast.</summary>
    private static (double Low, double High) NormalisedBounds(BacktestErrors errors, int method, double[] y)
    {
        var m = errors.Count;
        Span<double> scaled = stackalloc double[m];
        for (var i = 0; i < m; i++) scaled[i] = errors.Errors[method][i] / Math.Sqrt(errors.Horizons[i]);
        if (m >= MinimumErrorsForQuantiles)
        {
            // Split-conformal finite-sample correction: the ⌈(m+1)·0.9⌉-th of m errors, not the 0.9 quantile.
            var upperP = Math.Min(1, 0.9 * (m + 1) / m);
            // A method biased on this history gets a lopsided interval, but never one with a side of zero
            // width: each side is at least half the symmetric 80 % width of the absolute errors.
            Span<double> absolute = stackalloc double[m];
            for (var i = 0; i < m; i++) absolute[i] = Math.Abs(scaled[i]);
            absolute.Sort();
            var floor = 0.5 * Stats.QuantileOfSorted(absolute, Math.Min(1, 0.8 * (m + 1) / m));
            scaled.Sort();
            return (Math.Min(-floor, Stats.QuantileOfSorted(scaled, 1 - upperP)), Math.Max(floor, Stats.QuantileOfSorted(scaled, upperP)));
        }
        double rms;
        if (m > 0)
        {
            // Few errors understate the spread: inflate like a small-sample t quantile would.
            rms = Math.Sqrt(MeanSquare(scaled)) * (1 + 1.0 / m);
        }
        else
        {
            var changes = new double[Math.Max(0, y.Length - 4)];
            for (var t = 4; t < y.Length; t++) changes[t - 4] = y[t] - y[t - 4];
            double sum = 0;
            foreach (var v in y) sum += v;
            rms = changes.Length > 0 ? Math.Sqrt(MeanSquare(changes)) : 0.1 * (sum / y.Length);
        }
        return (-Z80 * rms, Z80 * rms);
    }

    /// <summary>Mean of squares summed left to right from the first (as Enumerable.Average with a selector); needs a value.</summary>
    private static double MeanSquare(ReadOnlySpan<double> values)
    {
        var sum = values[0] * values[0];
        for (var i = 1; i < values.Length; i++) sum += values[i] * values[i];
        return sum / values.Length;
    }
}
