using BenchmarkDotNet.Attributes;
using PlanLink.Ingest.Csv;

namespace PlanLink.Bench;

/// <summary>The CSV field parsers every row goes through (FieldParser.TryDate, Normalize): ISO dates (what the generator
/// and most exports write), Japanese-era dates, ASCII and full-width codes.</summary>
[MemoryDiagnoser]
public class FieldParserBenchmarks
{
    [Benchmark(Baseline = true)]
    public bool TryDateIso() => FieldParser.TryDate("2026-04-01", out _);

    [Benchmark]
    public bool TryDateSlashes() => FieldParser.TryDate("2026/4/1", out _);

    [Benchmark]
    public bool TryDateEra() => FieldParser.TryDate("令和8年4月1日", out _);

    [Benchmark]
    public bool TryDateEraShort() => FieldParser.TryDate("R8.4.1", out _);

    /// <summary>The floor: DateOnly.TryParseExact with the one format the generator writes.</summary>
    [Benchmark]
    public bool DateOnlyExactIso() => DateOnly.TryParseExact("2026-04-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.None, out _);

    [Benchmark]
    public string NormalizeAscii() => FieldParser.Normalize("4710000001");

    [Benchmark]
    public string NormalizeFullWidth() => FieldParser.Normalize("４７１００００００１");

    [Benchmark]
    public string NormalizeJapaneseText() => FieldParser.Normalize("放課後等デイサービス");

    [Benchmark]
    public bool TryInt() => FieldParser.TryInt("12", out _);
}
