using System.Globalization;
using System.Text;
using PlanLink.Analytics.Forecasting;
using PlanLink.Analytics.Periods;
using PlanLink.Ingest.Csv;

namespace PlanLink.Host.Commands;

/// <summary>The forecast command's CSV files. Input: `period_start,value` (UTF-8 or CP932; period_start a
/// date in the quarter, e.g. 2026-04-01 or R8.4.1, or 2026Q1; an empty value is a missing quarter).
/// Output: `period_start,forecast,lower,upper,growth_rate_method,method`, UTF-8 with BOM for Excel.</summary>
internal static class SeriesCsv
{
    private static readonly string[] PeriodHeaders = ["period_start", "期間開始", "四半期"];
    private static readonly string[] ValueHeaders = ["value", "値", "実績"];

    public static QuarterlySeries Read(string path)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path)) throw new RefusedException($"{path}: ファイルがありません / file not found");
        var lines = File.ReadAllLines(path, EncodingDetector.Detect(path));
        var headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0) throw new RefusedException($"{file}: 空のファイルです / the file is empty");
        var header = Split(lines[headerLine]).Select(h => FieldParser.Normalize(h).ToLowerInvariant()).ToList();
        var periodColumn = header.FindIndex(PeriodHeaders.Contains);
        var valueColumn = header.FindIndex(ValueHeaders.Contains);
        if (periodColumn < 0 || valueColumn < 0)
            throw new RefusedException($"{file}:{headerLine + 1}: 見出しは period_start,value が必要です / header must name period_start and value");

        var points = new Dictionary<FiscalQuarter, int>();
        var series = new List<SeriesPoint>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var line = i + 1;
            var fields = Split(lines[i]);
            string Field(int column) => column < fields.Count ? FieldParser.Normalize(fields[column]) : "";
            var period = Field(periodColumn);
            var value = Field(valueColumn);
            if (!TryQuarter(period, out var quarter))
                throw new RefusedException($"{file}:{line}: period_start '{period}' は日付ではありません / is not a date (2026-04-01 or 2026Q1 expected)");
            if (value.Length == 0) continue; // a missing quarter: the series has a gap there
            if (!FieldParser.TryDecimal(value, out var number))
                throw new RefusedException($"{file}:{line}: value '{value}' は数値ではありません / is not a number");
            if (number < 0)
                throw new RefusedException($"{file}:{line}: value '{value}' は負です / is negative (counts and volumes are ≥ 0)");
            if (points.TryGetValue(quarter, out var earlier))
                throw new RefusedException($"{file}:{line}: {quarter} は{earlier}行目と重複しています / quarter {quarter} repeats line {earlier} (quarterly data expected)");
            points[quarter] = line;
            series.Add(new SeriesPoint(quarter, (double)number));
        }
        return new QuarterlySeries(series);
    }

    public static void Write(string path, ForecastResult forecast)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.WriteLine("period_start,forecast,lower,upper,growth_rate_method,method");
        foreach (var p in forecast.Points)
        {
            writer.WriteLine(string.Join(',', p.Quarter.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Number(p.Forecast), Number(p.Lower), Number(p.Upper), Number(p.GrowthRateMethod), p.Method));
        }
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static bool TryQuarter(string text, out FiscalQuarter quarter)
    {
        if (FieldParser.TryDate(text, out var date))
        {
            quarter = FiscalQuarter.Of(date);
            return true;
        }
        try
        {
            quarter = FiscalQuarter.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            quarter = default;
            return false;
        }
    }

    /// <summary>Splits one CSV line, honouring double-quoted fields ("1,234").</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
