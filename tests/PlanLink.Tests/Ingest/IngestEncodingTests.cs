using PlanLink.Tests.Support;
using System.Text;
using PlanLink.Ingest.Csv;

namespace PlanLink.Tests;

/// <summary>Real exports: UTF-8 with and without BOM, CP932, CRLF, quoted newlines, full-width digits,
/// 令和/平成 dates, Japanese headers in any order, extra columns.</summary>
public class IngestEncodingTests
{
    private static void Reencode(string folder, Encoding encoding, Func<string, string>? change = null)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv"))
        {
            var text = File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF');
            File.WriteAllText(path, change is null ? text : change(text), encoding);
        }
    }

    [Fact]
    public void ReadFolders_Cp932AndUtf8VersionsOfTheSameExport_GiveIdenticalDatasets()
    {
        using var temp = new TempFolder();
        var utf8Bom = IngestSamples.Write(temp, "utf8bom");
        var utf8 = IngestSamples.Write(temp, "utf8");
        Reencode(utf8, new UTF8Encoding(false), t => t.ReplaceLineEndings("\n"));
        var cp932 = IngestSamples.Write(temp, "cp932");
        Reencode(cp932, EncodingDetector.ShiftJis, t => t.ReplaceLineEndings("\r\n"));
        Assert.Equal(EncodingDetector.ShiftJis.WebName, EncodingDetector.Detect(Path.Combine(cp932, "plans.csv")).WebName);

        var a = ContractReader.ReadFolders([utf8Bom]);
        var b = ContractReader.ReadFolders([utf8]);
        var c = ContractReader.ReadFolders([cp932]);
        var forced = ContractReader.ReadFolders([cp932], ReadOptions.Default with { Encoding = InputEncoding.Cp932 });

        Assert.Empty(a.Errors.Concat(b.Errors).Concat(c.Errors).Concat(forced.Errors));
        IngestSamples.AssertSame(IngestSamples.Dataset(), a.Dataset);
        IngestSamples.AssertSame(a.Dataset, b.Dataset);
        IngestSamples.AssertSame(a.Dataset, c.Dataset);
        IngestSamples.AssertSame(a.Dataset, forced.Dataset);
    }

    [Fact]
    public void ReadFolders_Cp932ReadAsUtf8_RejectsRowsAsUndecodable()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        Reencode(folder, EncodingDetector.ShiftJis);

        var result = ContractReader.ReadFolders([folder], ReadOptions.Default with { Encoding = InputEncoding.Utf8 });

        IngestSamples.AssertReconciles(result);
        Assert.Contains(result.Errors, e => e.File == "export/plans.csv" && e.Line == 2 && e.Reason.Contains("--encoding", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolders_JapaneseHeadersAnyOrderEraDatesFullWidthDigitsQuotedNewlines_Parse()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        // plans.csv rewritten by hand: Japanese headers, shuffled, an extra column, 令和/平成 dates,
        // full-width digits and spaces, a quoted field with a line break, CRLF.
        File.WriteAllText(Path.Combine(folder, "plans.csv"),
            "本人の希望,計画ID,作成日,仮名ID,相談支援事業所番号,市町村コード,計画種別,年齢階級,障害種別,障害支援区分,モニタリング頻度,終了日,担当メモ\r\n" +
            "\"一行目\r\n二行目\",P1,令和8年4月1日,pk-a,１３１０１０００１１,１３１０１６,本計画,30-39,知的,区分１,３,,メモ\r\n" +
            ",P2,R8.4.15,pk-b,1310100011,131024,計画案,50-59,身体・精神,3, ６ ,,\r\n" +
            "自宅で暮らしたい,P3,2026/7/1,pk-b,1310100011,131024,変更,50-59,身体,4,6,R9.4.1,\r\n" +
            "平成の計画,P4,H30.4.1,pk-c,1310100011,131024,継続,65+,難病,非該当,12,令和元年5月1日,\r\n",
            EncodingDetector.ShiftJis);

        var result = ContractReader.ReadFolders([folder]);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("担当メモ", StringComparison.Ordinal));
        var plans = result.Dataset.Plans;
        Assert.Equal("一行目\r\n二行目", plans[0].Wishes);
        Assert.Equal((new DateOnly(2026, 4, 1), "1310100011", "131016", (byte)1, 3), (plans[0].PlanDate, plans[0].OfficeId, plans[0].MunicipalityCode, plans[0].SupportCategory, plans[0].MonitoringMonths));
        Assert.Equal((new DateOnly(2026, 4, 15), 6), (plans[1].PlanDate, plans[1].MonitoringMonths));
        Assert.Equal(new DateOnly(2027, 4, 1), plans[2].EndDate);
        Assert.Equal((new DateOnly(2018, 4, 1), new DateOnly(2019, 5, 1)), (plans[3].PlanDate, plans[3].EndDate!.Value));
    }

    [Theory]
    [InlineData("R8.4.1", 2026, 4, 1)]
    [InlineData("令和8年4月1日", 2026, 4, 1)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("H31.4.30", 2019, 4, 30)]
    [InlineData("平成30年12月31日", 2018, 12, 31)]
    [InlineData("２０２６－０４－０１", 2026, 4, 1)]
    [InlineData("2026/4/1", 2026, 4, 1)]
    public void TryDate_EraAndFullWidthDates_Parse(string text, int year, int month, int day)
    {
        Assert.True(FieldParser.TryDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Fact]
    public void TryInt_FullWidthDigitsAndSpaces_Parse()
    {
        Assert.True(FieldParser.TryInt("　１２　", out var n));
        Assert.Equal(12, n);
        Assert.True(FieldParser.TryDecimal("２０．５", out var d));
        Assert.Equal(20.5m, d);
    }
}
