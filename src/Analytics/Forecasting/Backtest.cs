namespace PlanLink.Analytics.Forecasting;

/// <summary>Rolling-origin backtest: from every origin with at least <see cref="MinimumTrainingPoints"/>
/// observed quarters before it, and from the origin that holds out the last <see cref="Horizon"/>
/// quarters, both methods forecast the next <see cref="Horizon"/> quarters from the history before
/// the origin only; every observed quarter in that window is scored.</summary>
public static class Backtest
{
    public const int Horizon = 4;
    public const int MinimumTrainingPoints = 8;

    public static BacktestResult Run(QuarterlySeries series)
    {
        if (series.Count < Forecaster.MinimumPoints + 1)
            throw new ArgumentException($"a backtest needs at least {Forecaster.MinimumPoints + 1} quarters", nameof(series));
        var planLink = new List<(double, double)>();
        var growth = new List<(double, double)>();
        var holdOutOrigin = QuarterIndex.Add(series.Last, -(Horizon - 1));
        var origins = 0;
        for (var origin = series.First.Next; origin.CompareTo(series.Last) <= 0; origin = origin.Next)
        {
            var training = series.Before(origin);
            var isHoldOut = origin == holdOutOrigin && training.Count >= Forecaster.MinimumPoints;
            if (training.Count < MinimumTrainingPoints && !isHoldOut) continue;
            var windowEnd = QuarterIndex.Add(origin, Horizon - 1);
            var horizon = QuarterIndex.Distance(training.Last, windowEnd);
            var forecast = Forecaster.Forecast(training, horizon);
            var scored = false;
            foreach (var point in forecast.Points)
            {
                if (point.Quarter.CompareTo(origin) < 0 || !series.TryGetValue(point.Quarter, out var actual)) continue;
                planLink.Add((actual, point.Forecast));
                growth.Add((actual, point.GrowthRateMethod));
                scored = true;
            }
            if (scored) origins++;
        }
        return new BacktestResult(ForecastAccuracy.Of(planLink), ForecastAccuracy.Of(growth), origins);
    }
}
