using System.Text;
using PlanLink.Host;

namespace PlanLink.Tests;

/// <summary>`planlink forecast` end to end on temporary CSV files.</summary>
public sealed class ForecastingCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("planlink-forecast-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string WriteSeries(string name, IEnumerable<string> rows)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllLines(path, ["period_start,value", .. rows], new UTF8Encoding(true));
        return path;
    }

    /// <summary>Quarter starts from April 2021: 2021-04-01, 2021-07-01, 2021-10-01, 2022-01-01, …</summary>
    private static IEnumerable<string> Rows(int count) =>
        Enumerable.Range(0, count).Select(i => $"{new DateOnly(2021, 4, 1).AddMonths(3 * i):yyyy-MM-dd},{100 + 2 * i + (i % 4 == 0 ? 8 : 0)}");

    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await PlanLinkCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Forecast_ValidSeries_WritesTheColumnsAndOneRowPerQuarter()
    {
        var series = WriteSeries("series.csv", Rows(12));
        var output = Path.Combine(dir, "forecast.csv");

        var (code, _, error) = await Run("forecast", "--series", series, "--horizon", "6", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("period_start,forecast,lower,upper,growth_rate_method,method", lines[0]);
        Assert.Equal(7, lines.Length);
        // 12 quarters from 2021-04-01 end with 2024-01-01 (FY2023 Q4): the first forecast is FY2024 Q1.
        Assert.StartsWith("2024-04-01,", lines[1]);
        Assert.StartsWith("2025-07-01,", lines[6]);
        Assert.All(lines.Skip(1), l => Assert.Equal(6, l.Split(',').Length));
    }

    [Fact]
    public async Task Forecast_Backtest_PrintsBothMethodsAndTheRatio()
    {
        var series = WriteSeries("series.csv", Rows(14));

        var (code, stdout, _) = await Run("forecast", "--backtest", "--series", series);

        Assert.Equal(0, code);
        Assert.Contains("PlanLink", stdout);
        Assert.Contains("growth-rate", stdout);
        Assert.Contains("MAPE", stdout);
        Assert.Contains("ratio", stdout);
    }

    [Fact]
    public async Task Forecast_NonNumericValue_RefusesNamingFileAndLine()
    {
        var rows = Rows(10).ToList();
        rows[4] = "2022-04-01,many";
        var series = WriteSeries("bad.csv", rows);

        var (code, _, error) = await Run("forecast", "--series", series, "--horizon", "4", "--out", Path.Combine(dir, "f.csv"));

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("bad.csv:6", error); // header is line 1, the fifth row line 6
        Assert.False(File.Exists(Path.Combine(dir, "f.csv")));
    }

    [Fact]
    public async Task Forecast_FewerThanEightPoints_RefusesNamingTheFile()
    {
        var series = WriteSeries("short.csv", Rows(7));

        var (code, _, error) = await Run("forecast", "--series", series, "--horizon", "4", "--out", Path.Combine(dir, "f.csv"));

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("short.csv", error);
        Assert.Contains("8", error);
    }

    [Fact]
    public async Task Forecast_GapsAndEmptyValues_AreMissingQuartersNotErrors()
    {
        var rows = Rows(12).ToList();
        rows.RemoveAt(5);
        rows[7] = rows[7].Split(',')[0] + ",";
        var series = WriteSeries("gaps.csv", rows);
        var output = Path.Combine(dir, "forecast.csv");

        var (code, _, _) = await Run("forecast", "--series", series, "--horizon", "4", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(5, File.ReadAllLines(output).Length);
    }

    [Fact]
    public async Task Forecast_RepeatedQuarter_RefusesNamingBothLines()
    {
        var rows = Rows(10).ToList();
        rows.Add("2021-05-01,120"); // falls in FY2021 Q1 like line 2
        var series = WriteSeries("monthly.csv", rows);

        var (code, _, error) = await Run("forecast", "--series", series, "--out", Path.Combine(dir, "f.csv"));

        Assert.Equal(2, code);
        Assert.Contains("monthly.csv:12", error);
    }
}
