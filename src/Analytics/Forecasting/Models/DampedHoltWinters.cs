namespace PlanLink.Analytics.Forecasting.Models;

/// <summary>Additive Holt-Winters with a damped trend (ETS(A,Ad,A)); α, β, γ, φ chosen by a small
/// grid search on one-step-ahead squared errors. Damping keeps long horizons from running away.</summary>
internal sealed class DampedHoltWinters : IForecastModel
{
    private static readonly double[] Alphas = [0.1, 0.3, 0.5, 0.7, 0.9];
    private static readonly double[] Betas = [0.02, 0.1, 0.25];
    private static readonly double[] Gammas = [0.02, 0.1, 0.3];
    private static readonly double[] Phis = [0.8, 0.9, 0.98];

    public string Name => "damped-holt-winters";

    public double[] Forecast(ReadOnlySpan<double> y, int horizon)
    {
        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Beta: 0.0, Gamma: 0.0, Phi: 0.0);
        Span<double> season = stackalloc double[4];
        foreach (var a in Alphas)
        foreach (var b in Betas)
        {
            if (b > a) continue;
            foreach (var g in Gammas)
            foreach (var p in Phis)
            {
                var sse = Run(y, a, b, g, p, season, out _, out _);
                if (sse < best.Sse) best = (sse, a, b, g, p);
            }
        }
        Run(y, best.Alpha, best.Beta, best.Gamma, best.Phi, season, out var level, out var trend);
        var n = y.Length;
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++)
            result[h - 1] = level + Stats.DampedSum(best.Phi, h) * trend + season[(n + h - 1) % 4];
        return result;
    }

    /// <summary>Runs the recursions over y; returns the one-step SSE after the first year and leaves
    /// the final state in level, trend and season (indexed by position mod 4).</summary>
    private static double Run(ReadOnlySpan<double> y, double alpha, double beta, double gamma, double phi,
        Span<double> season, out double level, out double trend)
    {
        var n = y.Length;
        var mean1 = (y[0] + y[1] + y[2] + y[3]) / 4;
        trend = n >= 8 ? ((y[4] + y[5] + y[6] + y[7]) / 4 - mean1) / 4 : 0;
        // mean1 is the level at position 1.5; seasonal starts are deviations from that line.
        for (var j = 0; j < 4; j++) season[j] = y[j] - (mean1 + (j - 1.5) * trend);
        level = mean1 - 2.5 * trend;
        double sse = 0;
        for (var t = 0; t < n; t++)
        {
            var s = season[t % 4];
            var predicted = level + phi * trend + s;
            var error = y[t] - predicted;
            if (t >= 4) sse += error * error;
            var newLevel = alpha * (y[t] - s) + (1 - alpha) * (level + phi * trend);
            trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
            season[t % 4] = gamma * (y[t] - newLevel) + (1 - gamma) * s;
            level = newLevel;
        }
        return sse;
    }
}
