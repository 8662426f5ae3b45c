using PlanLink.Host;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Host;

/// <summary>The command line contract of design.md: --help for every command with an example, exit 2 with exactly
/// one line on stderr for bad usage, stack traces only with --verbose.</summary>
public sealed class CliContractTests
{
    public static TheoryData<string> Commands => ["report", "validate", "import", "generate", "forecast", "anonymise", "serve"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ExitsZeroWithAnExample(string command)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync([command, "--help"], output, error);

        Assert.Equal(ExitCodes.Done, exit);
        Assert.Contains("例 / example: planlink " + command, output.ToString());
        Assert.Contains("--verbose", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommandAndTheExitCodes()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Done, await PlanLinkCli.RunAsync(["--help"], output, new StringWriter()));
        foreach (var command in Commands) Assert.Contains("  " + command, output.ToString());
        Assert.Contains("2 中止 refused", output.ToString());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task BadUsage_UnknownOption_ExitsTwoWithOneLineOnStderr(string command)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync([command, "--no-such-option", "x"], output, error);

        Assert.Equal(ExitCodes.Refused, exit);
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("使い方が正しくありません / bad usage:", lines[0]);
        Assert.Contains("--no-such-option", lines[0]);
    }

    [Fact]
    public async Task BadUsage_NoCommand_ExitsTwoWithOneLine()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.Refused, await PlanLinkCli.RunAsync([], new StringWriter(), error));
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Refusal_WithoutVerbose_OneBilingualLineNoStackTrace()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["report", "--input", temp.Path, "--out", temp.Sub("out"), "--k", "2"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Contains("--k は3以上にしてください / --k must be at least 3", line);
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public async Task Refusal_WithVerbose_AddsTheStackTraceAfterTheLine()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        var exit = await PlanLinkCli.RunAsync(["report", "--input", temp.Path, "--out", temp.Sub("out"), "--k", "2", "--verbose"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Refused, exit);
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Contains("--k must be at least 3", lines[0]);
        Assert.Contains(lines, l => l.Contains("RefusedException"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_BadSetting_RefusedInOneLine()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.Refused, await PlanLinkCli.RunAsync(["serve", "--once", "--set", "NoEqualsSign"], new StringWriter(), error));
        Assert.Contains("--set must be Key=Value", Assert.Single(error.ToString().TrimEnd().Split('\n')));
    }

    [Fact]
    public async Task Validate_RedirectedOutput_ProgressAsPlainLines()
    {
        var output = new StringWriter();
        using var temp = new TempFolder();

        await PlanLinkCli.RunAsync(["validate", "--input", RepoRoot.Combine("data-samples", "a-san"), "--out", temp.Path], output, new StringWriter());

        // a-san has the 8 contract files; the first one read is the reference data.
        Assert.Contains("進捗 / progress: 読込 / reading 0/8 a-san/offices.csv", output.ToString());
        Assert.Contains("進捗 / progress: 読込 / reading 8/8", output.ToString());
        Assert.DoesNotContain("\r", output.ToString());
    }
}
