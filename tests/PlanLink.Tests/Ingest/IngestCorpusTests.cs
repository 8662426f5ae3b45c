using PlanLink.Tests.Support;
using PlanLink.Ingest.Csv;

namespace PlanLink.Tests;

/// <summary>The malformed-input corpus (Corpus/make_corpus.py): every kind of damage gives no crash,
/// an error naming the file, line and column, and read = accepted + rejected per file.</summary>
public class IngestCorpusTests
{
    /// <summary>(case, file, line, column, read, accepted, rejected of that file). Lines count the header as line 1.</summary>
    public static TheoryData<string, string, long, string, long, long, long> Cases => new()
    {
        { "truncated-row", "plans.csv", 4, "municipality_code", 3, 2, 1 },
        { "truncated-quote", "plans.csv", 4, "wishes", 3, 2, 1 },
        { "wrong-encoding", "plans.csv", 2, "wishes", 2, 0, 2 },
        { "wrong-types", "plans.csv", 2, "plan_date", 6, 1, 5 },
        { "wrong-types", "plans.csv", 3, "monitoring_months", 6, 1, 5 },
        { "wrong-types", "plans.csv", 4, "office_id", 6, 1, 5 },
        { "wrong-types", "plans.csv", 5, "municipality_code", 6, 1, 5 },
        { "wrong-types", "plans.csv", 6, "end_date", 6, 1, 5 },
        { "wrong-types", "plan_needs.csv", 2, "priority", 2, 1, 1 },
        { "unknown-codes", "plans.csv", 3, "support_category", 3, 1, 2 },
        { "unknown-codes", "plans.csv", 4, "plan_kind", 3, 1, 2 },
        { "unknown-codes", "plan_needs.csv", 2, "domain", 2, 1, 1 },
        { "unknown-codes", "plan_services.csv", 2, "service", 3, 1, 2 },
        { "unknown-codes", "plan_services.csv", 3, "status", 3, 1, 2 },
        { "unknown-codes", "monitoring.csv", 2, "achievement", 2, 0, 2 },
        { "unknown-codes", "monitoring.csv", 3, "change_service_type", 2, 0, 2 },
        { "duplicate-keys", "plans.csv", 5, "plan_id", 4, 3, 1 },
        { "dangling-references", "plan_needs.csv", 3, "plan_id", 2, 1, 1 },
        { "dangling-references", "plan_services.csv", 3, "provider_office_id", 2, 1, 1 },
        { "dangling-references", "support_goals.csv", 3, "linked_priority", 3, 1, 2 },
        { "dangling-references", "support_goals.csv", 4, "support_plan_id", 3, 1, 2 },
        { "dangling-references", "monitoring.csv", 2, "plan_id", 1, 0, 1 },
        { "empty-file", "plans.csv", 1, "", 0, 0, 0 },
        { "binary-garbage", "plans.csv", 1, "", 0, 0, 0 },
        // The unterminated quote on line 4 swallows lines 5 and 6: each is still counted and reported.
        { "quote-mid-file", "plans.csv", 4, "wishes", 5, 2, 3 },
        { "quote-mid-file", "plans.csv", 5, "", 5, 2, 3 },
        { "quote-mid-file", "plans.csv", 6, "", 5, 2, 3 },
        { "ragged-rows", "plans.csv", 3, "#13", 3, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadFolders_CorpusCase_ReportsFileLineColumnAndReconciles(string corpusCase, string file, long line, string column, long read, long accepted, long rejected)
    {
        var result = ContractReader.ReadFolders([IngestSamples.CorpusPath(corpusCase)]);

        IngestSamples.AssertReconciles(result);
        var tally = Assert.Single(result.Tallies, t => t.File.EndsWith("/" + file, StringComparison.Ordinal));
        Assert.Equal((read, accepted, rejected), (tally.Read, tally.Accepted, tally.Rejected));
        var error = Assert.Single(result.Errors, e => e.File.EndsWith("/" + file, StringComparison.Ordinal) && e.Line == line && e.Column == column);
        Assert.Contains(" / ", error.Reason); // Japanese / English
        Assert.StartsWith(corpusCase + "/", error.File);
    }

    [Fact]
    public void ReadFolders_HeaderOnly_NoRowsNoErrorButAWarning()
    {
        var result = ContractReader.ReadFolders([IngestSamples.CorpusPath("header-only")]);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Tallies, t => t.File.EndsWith("plans.csv", StringComparison.Ordinal) && t.Read == 0);
        Assert.Contains(result.Warnings, w => w.Contains("header only", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolders_EveryRejectedRow_HasAnErrorLine()
    {
        foreach (var dir in Directory.EnumerateDirectories(IngestSamples.CorpusPath()).Where(d => !d.EndsWith("raw-office", StringComparison.Ordinal)))
        {
            var result = ContractReader.ReadFolders([dir]);
            IngestSamples.AssertReconciles(result);
            foreach (var t in result.Tallies)
            {
                var lines = result.Errors.Where(e => e.File == t.File && e.Line > 1).Select(e => e.Line).Distinct().Count();
                Assert.Equal(t.Rejected, lines);
            }
        }
    }

    [Fact]
    public void ReadFolders_OneMegabyteField_RejectsTheRowWithoutEchoingIt()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var plans = Path.Combine(folder, "plans.csv");
        var huge = new string('あ', 1024 * 1024);
        File.AppendAllText(plans, $"P9,pk-z,{IngestSamples.ConsultOffice},{IngestSamples.Muni1},2026-04-01,本計画,30-39,知的,1,3,,\"{huge}\"\r\nP10,pk-y,{IngestSamples.ConsultOffice},{IngestSamples.Muni1},2026-04-01,本計画,30-39,知的,1,3,,短い\r\n");

        var result = ContractReader.ReadFolders([folder]);

        IngestSamples.AssertReconciles(result);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("export/plans.csv", 5L, "wishes"), (error.File, error.Line, error.Column));
        Assert.True(error.Value.Length <= RowFields.MaxValueInError + 1);
        Assert.Contains(result.Dataset.Plans, p => p.PlanId == "P10");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ReadFolders_RecordTooLargeToBuffer_EveryLineFromItOnCountedAndReported(int linesOfTheRecordBefore)
    {
        // An unclosed quote on a line after the sample's rows of a file larger than the record limit: CsvHelper gives up
        // (CsvFormatException) instead of buffering the rest of the file. The last record read before it may span lines
        // (a quoted line break): they are its own, neither counted again nor reported.
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, "plans.csv");
        var row = $"{IngestSamples.ConsultOffice},{IngestSamples.Muni1},2026-04-01,本計画,30-39,知的,1,3,,";
        var text = new System.Text.StringBuilder(File.ReadAllText(path));
        if (linesOfTheRecordBefore > 0)
            text.Append($"M1,pk-m,{row}\"{string.Join("\r\n", Enumerable.Repeat("働きたい", linesOfTheRecordBefore))}\"\r\n");
        text.Append($"Q0,pk-q,{row}\"閉じない引用符\r\n");
        for (var i = 1; i <= 400; i++) text.Append($"Q{i},pk-q,{row}働きたい\r\n");
        File.WriteAllText(path, text.ToString());

        var result = ContractReader.ReadFolders([folder], ReadOptions.Default with { MaxRecordBytes = 4096 });

        IngestSamples.AssertReconciles(result);
        var tally = Assert.Single(result.Tallies, t => t.File == "export/plans.csv");
        var before = linesOfTheRecordBefore > 0 ? 1 : 0;
        Assert.Equal((404L + before, 3L + before, 401L), (tally.Read, tally.Accepted, tally.Rejected));
        Assert.Equal(Enumerable.Range(5 + linesOfTheRecordBefore, 401).Select(i => (long)i), result.Errors.Where(e => e.File == tally.File).Select(e => e.Line));
        Assert.Equal(before == 1, result.Dataset.Plans.Any(p => p.PlanId == "M1"));
    }

    [Fact]
    public void ReadFolders_ValidSample_AcceptsEverythingWithoutErrors()
    {
        using var temp = new TempFolder();
        var result = ContractReader.ReadFolders([IngestSamples.Write(temp)], default);

        Assert.Empty(result.Errors);
        IngestSamples.AssertSame(IngestSamples.Dataset(), result.Dataset);
    }
}
