namespace PlanLink.Analytics.Forecasting;

/// <summary>One fiscal year's value from quarterly figures (e.g. 見込量 persons/month for 令和9年度):
/// forecast, the 80 % interval (the quarters' bounds aggregated alike: an approximation, not a
/// joint interval), the growth-rate method, and how many of its quarters were forecast rather than observed.</summary>
public sealed record FiscalYearValue(int FiscalYear, double Forecast, double Lower, double Upper,
    double GrowthRateMethod, int ForecastQuarters);
