namespace PlanLink.Analytics.Forecasting;

/// <summary>Accuracy of one method over backtest forecasts. <see cref="Mape"/> skips quarters whose actual
/// is 0 (counted in <see cref="ZeroActualsSkipped"/>); <see cref="Wape"/> (Σ|error| / Σactual) keeps them.
/// <see cref="Bias"/> is Σ(forecast − actual) / Σactual: positive = over-forecast. All in percent; NaN when
/// undefined (no points, or every actual 0).</summary>
public sealed record ForecastAccuracy(int Points, int ZeroActualsSkipped, double Mape, double Wape, double Bias)
{
    public static ForecastAccuracy Of(IReadOnlyCollection<(double Actual, double Forecast)> pairs)
    {
        var nonZero = pairs.Where(p => p.Actual != 0).ToList();
        var mape = nonZero.Count > 0 ? 100 * nonZero.Average(p => Math.Abs(p.Forecast - p.Actual) / p.Actual) : double.NaN;
        var actualSum = pairs.Sum(p => p.Actual);
        var wape = actualSum > 0 ? 100 * pairs.Sum(p => Math.Abs(p.Forecast - p.Actual)) / actualSum : double.NaN;
        var bias = actualSum > 0 ? 100 * pairs.Sum(p => p.Forecast - p.Actual) / actualSum : double.NaN;
        return new(pairs.Count, pairs.Count - nonZero.Count, mape, wape, bias);
    }
}
