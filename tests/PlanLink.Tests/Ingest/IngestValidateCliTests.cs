using PlanLink.Tests.Support;
using System.Text;
using PlanLink.Host;

namespace PlanLink.Tests;

/// <summary>`planlink validate`: exit 0 clean, 1 with errors.csv for bad rows, 2 with one line for identifiers.</summary>
public class IngestValidateCliTests
{
    [Fact]
    public async Task Validate_CleanExport_Exit0AndEmptyErrorsCsv()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var output = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["validate", "--input", folder, "--out", temp.Sub("out")], output, new StringWriter());

        Assert.Equal(ExitCodes.Done, exit);
        Assert.Single(File.ReadAllLines(Path.Combine(temp.Path, "out", "errors.csv")));
        Assert.Contains("合計 / total: 26 = 26 + 0", output.ToString());
    }

    [Fact]
    public async Task Validate_FileWithBadRows_Exit1AndErrorsCsvNamesEachRow()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["validate", "--input", IngestSamples.CorpusPath("wrong-types"), "--out", temp.Path], output, new StringWriter());

        Assert.Equal(ExitCodes.RowsRejected, exit);
        var lines = File.ReadAllLines(Path.Combine(temp.Path, "errors.csv"), Encoding.UTF8);
        Assert.Equal("file,line,column,value,reason", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, l => l.StartsWith("wrong-types/plans.csv,2,plan_date,2026-13-45,", StringComparison.Ordinal) && l.Contains("日付ではありません", StringComparison.Ordinal) && l.Contains("not a date", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wrong-types/plans.csv,5,municipality_code,131017,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wrong-types/plan_needs.csv,2,priority,abc,", StringComparison.Ordinal));
        Assert.Contains("wrong-types/plans.csv: 6 = 1 + 5", output.ToString());
    }

    [Fact]
    public async Task Validate_IdentifierInFreeText_Exit2OneLineWithoutTheIdentifierAndNoErrorsCsv()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, "monitoring.csv");
        File.AppendAllText(path, "P1,2026-10-01,1,達成,無,無,無,母の携帯 080-2222-3333 に連絡\r\n");
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["validate", "--input", folder, "--out", temp.Sub("out")], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        var message = error.ToString().TrimEnd();
        Assert.Single(message.Split('\n'));
        Assert.Contains("export/monitoring.csv", message);
        Assert.Contains("new_issue", message);
        Assert.Contains("line 4", message);
        Assert.DoesNotContain("080", message);
        Assert.False(File.Exists(Path.Combine(temp.Path, "out", "errors.csv")));
    }

    [Fact]
    public async Task Validate_NameColumn_Exit2()
    {
        using var temp = new TempFolder();
        var folder = IngestSamples.Write(temp);
        var path = Path.Combine(folder, "plans.csv");
        var lines = File.ReadAllLines(path);
        lines[0] = lines[0] + ",氏名";
        File.WriteAllLines(path, lines);
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["validate", "--input", folder, "--out", temp.Sub("out")], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("氏名", error.ToString());
    }

    [Fact]
    public async Task Validate_UnknownEncoding_Exit2()
    {
        using var temp = new TempFolder();
        var exit = await PlanLinkCli.RunAsync(["validate", "--input", IngestSamples.Write(temp), "--encoding", "latin1"], new StringWriter(), new StringWriter());
        Assert.Equal(ExitCodes.Refused, exit);
    }

    [Fact]
    public async Task Validate_EmptyFile_Exit1WithFileError()
    {
        using var temp = new TempFolder();
        var exit = await PlanLinkCli.RunAsync(["validate", "--input", IngestSamples.CorpusPath("empty-file"), "--out", temp.Path], new StringWriter(), new StringWriter());

        Assert.Equal(ExitCodes.RowsRejected, exit);
        Assert.Contains(File.ReadAllLines(Path.Combine(temp.Path, "errors.csv")), l => l.StartsWith("empty-file/plans.csv,1,", StringComparison.Ordinal));
    }
}
