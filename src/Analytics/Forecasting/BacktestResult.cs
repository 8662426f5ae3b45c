namespace PlanLink.Analytics.Forecasting;

/// <summary>A rolling-origin backtest of PlanLink's forecast against the growth-rate method on the same
/// origins and quarters. <see cref="MapeRatio"/> &lt; 1 means PlanLink was more accurate.</summary>
public sealed record BacktestResult(ForecastAccuracy PlanLink, ForecastAccuracy GrowthRateMethod, int Origins)
{
    public double MapeRatio => PlanLink.Mape / GrowthRateMethod.Mape;
    public double WapeRatio => PlanLink.Wape / GrowthRateMethod.Wape;
}
