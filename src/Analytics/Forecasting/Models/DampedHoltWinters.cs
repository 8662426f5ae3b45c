using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Additive Holt-Winters with a damped trend (ETS(A,Ad,A)); α, β, γ, φ chosen by a small
/// grid search on one-step-ahead squared errors. Damping keeps long horizons from running away.</summary>
internal sealed class DampedHoltWinters : IForecastModel
{
    /// <summary>The grid (α, β, γ, φ) in search order, β ≤ α; on equal errors the earlier point wins.</summary>
    private static readonly (double Alpha, double Beta, double Gamma, double Phi)[] Grid = MakeGrid();

    /// <summary>The grid four points at a time, one per vector lane, in search order.</summary>
    private static readonly Lanes[] GridLanes = MakeLanes(Grid);

    /// <summary>Origins before this have no second year to start the trend from.</summary>
    private const int TrendStart = 8;

    public string Name => "damped-holt-winters";

    public double[] Forecast(ReadOnlySpan<double> y, int horizon)
    {
        var forecasts = new double[1][];
        ForecastOrigins(y, y.Length, [horizon], forecasts);
        return forecasts[0];
    }

    /// <summary>The fit on y[..o] runs the same recursions as the fit on y for its first o steps (the start
    /// values only depend on the first two years), so one pass per grid point fits every origin: the running
    /// SSE and state after step o − 1 are those of the fit on y[..o]. Origins before <see cref="TrendStart"/>
    /// start without a trend and get a pass of their own.</summary>
    public void ForecastOrigins(ReadOnlySpan<double> y, int first, ReadOnlySpan<int> horizons, Span<double[]> forecasts)
    {
        var n = y.Length;
        Span<Fit> best = n - first < 32 ? stackalloc Fit[n - first + 1] : new Fit[n - first + 1];
        if (first < TrendStart) Search(y, first, first, Math.Min(n, TrendStart - 1), best);
        if (n >= TrendStart) Search(y, first, Math.Max(first, TrendStart), n, best);
        for (var o = first; o <= n; o++)
        {
            ref readonly var fit = ref best[o - first];
            var result = new double[horizons[o - first]];
            for (var h = 1; h <= result.Length; h++)
                result[h - 1] = fit.Level + Stats.DampedSum(fit.Phi, h) * fit.Trend + fit.Season[(o + h - 1) % 4];
            forecasts[o - first] = result;
        }
    }

    /// <summary>The recursions' state after a prefix, and the one-step SSE after the first year that got it there.</summary>
    private struct Fit
    {
        public double Sse, Level, Trend, Phi;
        public Season Season;
    }

    /// <summary>Seasonal terms indexed by position mod 4.</summary>
    [InlineArray(4)]
    private struct Season
    {
        private double _term;
    }

    /// <summary>Grid search for origins <paramref name="from"/> … <paramref name="to"/> (one start regime):
    /// best[o − first] gets the first grid point with the least SSE on y[..o], or the parameters
    /// (0, 0, 0, 0) when none has a finite SSE (as a search that starts from them and never improves).</summary>
    private static void Search(ReadOnlySpan<double> y, int first, int from, int to, Span<Fit> best)
    {
        var start = Start(y, to);
        for (var o = from; o <= to; o++) best[o - first].Sse = double.PositiveInfinity;
        foreach (ref readonly var lanes in GridLanes.AsSpan()) Pass(y, first, from, to, start, lanes, best, always: false);
        var unfitted = false;
        for (var o = from; o <= to; o++) unfitted |= !(best[o - first].Sse < double.PositiveInfinity);
        if (!unfitted) return;
        var zero = new Fit[best.Length];
        Pass(y, first, from, to, start, MakeLanes([(0, 0, 0, 0)])[0], zero, always: true);
        for (var o = from; o <= to; o++) if (!(best[o - first].Sse < double.PositiveInfinity)) best[o - first] = zero[o - first];
    }

    /// <summary>Four grid points, one per lane, with the factors the recursions keep of the old state.</summary>
    private readonly struct Lanes(Vector256<double> alpha, Vector256<double> beta, Vector256<double> gamma, Vector256<double> phi)
    {
        public readonly Vector256<double> Alpha = alpha, Beta = beta, Gamma = gamma, Phi = phi;
        public readonly Vector256<double> KeepLevel = Vector256<double>.One - alpha;
        public readonly Vector256<double> KeepTrend = (Vector256<double>.One - beta) * phi;
        public readonly Vector256<double> KeepSeason = Vector256<double>.One - gamma;
    }

    /// <summary>The recursions over y[..to] for four grid points at once (each lane computes exactly what a scalar
    /// run would): after each step, a lane's state replaces the best fit of that prefix when its SSE is lower
    /// (or <paramref name="always"/>), lanes in grid order. Squared errors only add, so the pass stops once
    /// every lane's SSE so far is no lower than the best of every origin still ahead.</summary>
    private static void Pass(ReadOnlySpan<double> y, int first, int from, int to, in Fit start, in Lanes lanes, Span<Fit> best, bool always)
    {
        // ahead[o − from] = the largest best SSE of origins o … to (best[] only changes at the origin just passed).
        Span<double> ahead = stackalloc double[to - from + 2];
        ahead[^1] = always ? double.NaN : double.NegativeInfinity;
        for (var o = to; o >= from; o--) ahead[o - from] = Math.Max(ahead[o - from + 1], best[o - first].Sse);
        var (level, trend, sse) = (Vector256.Create(start.Level), Vector256.Create(start.Trend), Vector256<double>.Zero);
        Span<Vector256<double>> season = stackalloc Vector256<double>[4];
        for (var j = 0; j < 4; j++) season[j] = Vector256.Create(start.Season[j]);
        for (var t = 0; t < to; t++)
        {
            var yt = Vector256.Create(y[t]);
            var s = season[t % 4];
            var damped = lanes.Phi * trend;
            var error = yt - (level + damped + s);
            if (t >= 4) sse += error * error;
            var newLevel = lanes.Alpha * (yt - s) + lanes.KeepLevel * (level + damped);
            trend = lanes.Beta * (newLevel - level) + lanes.KeepTrend * trend;
            season[t % 4] = lanes.Gamma * (yt - newLevel) + lanes.KeepSeason * s;
            level = newLevel;
            if (t + 1 < from) continue;
            ref var fit = ref best[t + 1 - first];
            if (always || Vector256.LessThanAny(sse, Vector256.Create(fit.Sse)))
                for (var lane = 0; lane < Vector256<double>.Count; lane++)
                {
                    if (!always && !(sse.GetElement(lane) < fit.Sse)) continue;
                    fit = new Fit { Sse = sse.GetElement(lane), Level = level.GetElement(lane), Trend = trend.GetElement(lane), Phi = lanes.Phi.GetElement(lane) };
                    for (var j = 0; j < 4; j++) fit.Season[j] = season[j].GetElement(lane);
                }
            if (Vector256.GreaterThanOrEqualAll(sse, Vector256.Create(ahead[t + 2 - from]))) return;
        }
    }

    /// <summary>Start values for a fit on y[..n]: mean1 is the level at position 1.5, the trend the change to
    /// the second year's mean (0 without a second year), seasonal starts the deviations from that line.</summary>
    private static Fit Start(ReadOnlySpan<double> y, int n)
    {
        var mean1 = (y[0] + y[1] + y[2] + y[3]) / 4;
        var fit = new Fit { Trend = n >= TrendStart ? ((y[4] + y[5] + y[6] + y[7]) / 4 - mean1) / 4 : 0 };
        for (var j = 0; j < 4; j++) fit.Season[j] = y[j] - (mean1 + (j - 1.5) * fit.Trend);
        fit.Level = mean1 - 2.5 * fit.Trend;
        return fit;
    }

    /// <summary>Groups of four grid points; the last group is filled up with copies of the last point, which tie
    /// with it and so never win.</summary>
    private static Lanes[] MakeLanes((double Alpha, double Beta, double Gamma, double Phi)[] grid)
    {
        var lanes = new Lanes[(grid.Length + 3) / 4];
        for (var g = 0; g < lanes.Length; g++)
        {
            var point = new (double Alpha, double Beta, double Gamma, double Phi)[4];
            for (var lane = 0; lane < 4; lane++) point[lane] = grid[Math.Min(4 * g + lane, grid.Length - 1)];
            lanes[g] = new Lanes(Vector256.Create(point[0].Alpha, point[1].Alpha, point[2].Alpha, point[3].Alpha),
                Vector256.Create(point[0].Beta, point[1].Beta, point[2].Beta, point[3].Beta),
                Vector256.Create(point[0].Gamma, point[1].Gamma, point[2].Gamma, point[3].Gamma),
                Vector256.Create(point[0].Phi, point[1].Phi, point[2].Phi, point[3].Phi));
        }
        return lanes;
    }

    private static (double, double, double, double)[] MakeGrid()
    {
        double[] alphas = [0.1, 0.3, 0.5, 0.7, 0.9], betas = [0.02, 0.1, 0.25], gammas = [0.02, 0.1, 0.3], phis = [0.8, 0.9, 0.98];
        var grid = new List<(double, double, double, double)>();
        foreach (var a in alphas)
        foreach (var b in betas)
        {
            if (b > a) continue;
            foreach (var g in gammas)
            foreach (var p in phis) grid.Add((a, b, g, p));
        }
        return [.. grid];
    }
}
