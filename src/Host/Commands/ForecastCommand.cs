using System.CommandLine;
using System.Globalization;
using PlanLink.Analytics.Forecasting;

namespace PlanLink.Host.Commands;

/// <summary>`planlink forecast`: 見込量 for a quarterly series with PlanLink's method and the growth-rate
/// method side by side, or (`--backtest`) their rolling-origin accuracy on the series' own history.</summary>
internal static class ForecastCommand
{
    public const int MinimumPoints = 8;
    public const int MaximumPoints = 40;
    public const int MaximumHorizon = 40;

    public static Command Create()
    {
        var series = new Option<string>("--series", "-s")
        {
            Description = "四半期系列の CSV（period_start,value） / quarterly series CSV (period_start,value)",
            Required = true,
        };
        var horizon = new Option<int>("--horizon", "-n")
        {
            Description = "予測する四半期数 / quarters to forecast (1–40)",
            DefaultValueFactory = _ => 12,
        };
        var output = new Option<string?>("--out", "-o") { Description = "予測を書く CSV / forecast CSV to write" };
        var backtest = new Option<bool>("--backtest")
        {
            Description = "予測せずローリング・オリジンで精度を比較する / compare accuracy by rolling-origin backtest instead",
        };
        var command = new Command("forecast", "見込量を予測し伸び率法と比較する / forecast a quarterly series beside the growth-rate method\n"
            + "例 / example: planlink forecast --series group_home.csv --horizon 12 --out forecast.csv")
        {
            series, horizon, output, backtest,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(series);
            var data = Load(path, parse.InvocationConfiguration.Error);
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(backtest))
            {
                stdout.WriteLine(FormatBacktest(path, data, Backtest.Run(data)));
                return ExitCodes.Done;
            }
            var n = parse.GetValue(horizon);
            if (n is < 1 or > MaximumHorizon)
                throw new RefusedException($"--horizon {n}: 1〜{MaximumHorizon} で指定してください / must be 1–{MaximumHorizon}");
            var outPath = parse.GetValue(output)
                ?? throw new RefusedException("--out が必要です（--backtest 以外） / --out is required unless --backtest");
            var result = Forecaster.Forecast(data, n);
            SeriesCsv.Write(outPath, result);
            stdout.WriteLine($"{outPath}: {n} 四半期 / quarters {result.Points[0].Quarter}–{result.Points[^1].Quarter}, 手法 / method {result.Method}");
            return ExitCodes.Done;
        });
        return command;
    }

    private static QuarterlySeries Load(string path, TextWriter error)
    {
        var data = SeriesCsv.Read(path);
        var file = Path.GetFileName(path);
        if (data.Count < MinimumPoints)
            throw new RefusedException($"{file}: {data.Count} 点しかありません（{MinimumPoints} 四半期以上必要） / only {data.Count} points, at least {MinimumPoints} quarters needed");
        if (data.Count > MaximumPoints)
        {
            error.WriteLine($"警告 / warning: {file}: {data.Count} 点のうち直近 {MaximumPoints} 四半期を使います / using the latest {MaximumPoints} of {data.Count} points");
            data = data.TakeLast(MaximumPoints);
        }
        return data;
    }

    private static string FormatBacktest(string path, QuarterlySeries data, BacktestResult r)
    {
        static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);
        static string S(double v) => double.IsNaN(v) ? "-" : v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
        var lines = new[]
        {
            $"系列 / series: {Path.GetFileName(path)} ({data.Count} 四半期 / quarters, {data.First}–{data.Last})",
            $"起点 / origins: {r.Origins}, 評価四半期 / scored quarters: {r.PlanLink.Points} (MAPE から除いた実績0 / zero actuals left out of MAPE: {r.PlanLink.ZeroActualsSkipped})",
            $"{"手法 / method",-28}{"MAPE %",10}{"WAPE %",10}{"bias %",10}",
            $"{"PlanLink",-28}{F(r.PlanLink.Mape),10}{F(r.PlanLink.Wape),10}{S(r.PlanLink.Bias),10}",
            $"{"伸び率法 / growth-rate",-28}{F(r.GrowthRateMethod.Mape),10}{F(r.GrowthRateMethod.Wape),10}{S(r.GrowthRateMethod.Bias),10}",
            $"比 / ratio PlanLink ÷ 伸び率法: MAPE {F(r.MapeRatio)}, WAPE {F(r.WapeRatio)}",
        };
        return string.Join(Environment.NewLine, lines);
    }
}
