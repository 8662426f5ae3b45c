using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanLink.Host.Hosting;
using PlanLink.Host.Progress;
using PlanLink.Host.Serve;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Host;

public sealed class ProgressAndConfigurationTests
{
    [Fact]
    public void LogLineProgress_StepsWithinTheInterval_OnlyStartEndAndOneEveryInterval()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
        var lines = new List<string>();
        var sink = new LogLineProgressSink(lines.Add, TimeSpan.FromSeconds(5), clock);

        sink.Report("取込 / importing", 0, 10, "a");
        for (var i = 1; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            sink.Report("取込 / importing", i, 10, "f" + i);
        }
        sink.Report("取込 / importing", 10, 10);

        // t=0 start, t=5 (5 s after the start), t=9 would be 4 s after: skipped, then the end.
        Assert.Equal(["進捗 / progress: 取込 / importing 0/10 a", "進捗 / progress: 取込 / importing 5/10 f5", "進捗 / progress: 取込 / importing 10/10"], lines);
    }

    [Fact]
    public void TerminalProgress_RedrawsOneLineThenEndsIt()
    {
        var console = new StringWriter();
        var sink = new TerminalProgressSink(console);

        sink.Report("読込", 1, 4, "plans.csv");
        sink.Report("読込", 4, 4);

        var text = console.ToString();
        Assert.StartsWith("\r読込 [######..................] 1/4 plans.csv", text);
        Assert.Contains("\r読込 [########################] 4/4", text);
        Assert.EndsWith(Environment.NewLine, text);
    }

    [Fact]
    public void ProgressSinks_TestWriter_IsLogLines()
    {
        Assert.IsType<LogLineProgressSink>(ProgressSinks.For(new StringWriter()));
    }

    [Fact]
    public void FromEnvironment_PrefixedVariables_MapUnderPlanLink()
    {
        var env = new Hashtable { ["PLANLINK_SERVE__POLLSECONDS"] = "5", ["PLANLINK_DB"] = "Host=x", ["PATH"] = "/bin", ["PLANLINK_"] = "ignored" };

        var map = PlanLinkConfiguration.FromEnvironment(env);

        Assert.Equal(2, map.Count);
        Assert.Equal("5", map["PlanLink:Serve:PollSeconds"]);
        Assert.Equal("Host=x", map["PlanLink:DB"]);
    }

    [Fact]
    public void Configuration_CommandLineOverEnvironmentOverAppsettings()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("appsettings.json"),
            """{ "PlanLink": { "Serve": { "Inbox": "from-json", "Output": "from-json", "Rejected": "from-json", "QuietSeconds": 7 } } }""");
        // A variable no other test sets: only this test's builder reads it.
        Environment.SetEnvironmentVariable("PLANLINK_SERVE__REJECTED", "from-env");
        Environment.SetEnvironmentVariable("PLANLINK_SERVE__INBOX", "from-env");
        try
        {
            var builder = PlanLinkConfiguration.CreateBuilder(new Dictionary<string, string?> { ["PlanLink:Serve:Inbox"] = "from-cli" }, temp.Path);
            builder.AddPlanLink();
            using var host = builder.Build();
            var o = host.Services.GetRequiredService<IOptions<ServeOptions>>().Value;

            Assert.Equal("from-cli", o.Inbox);      // command line beats PLANLINK_ and appsettings.json
            Assert.Equal("from-env", o.Rejected);   // PLANLINK_ beats appsettings.json
            Assert.Equal("from-json", o.Output);    // appsettings.json beats the defaults
            Assert.Equal(7, o.QuietSeconds);
            Assert.Equal("processed", o.Processed); // the default
        }
        finally
        {
            Environment.SetEnvironmentVariable("PLANLINK_SERVE__REJECTED", null);
            Environment.SetEnvironmentVariable("PLANLINK_SERVE__INBOX", null);
        }
    }
}

/// <summary>A clock the test moves (TimeProvider with a settable now; timers stay real).</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed class ShippedSettingsTests
{
    [Fact]
    public void Configuration_NoAppsettingsInTheCurrentFolder_ShippedDefaultsApply()
    {
        using var temp = new TempFolder();

        var configuration = PlanLinkConfiguration.CreateBuilder(contentRoot: temp.Path).Configuration;

        // Only src/Host/appsettings.json (copied beside planlink.dll) sets this key.
        Assert.Equal("120", configuration["PlanLink:Serve:QuietSeconds"]);
        Assert.Equal("Information", configuration["Logging:LogLevel:Default"]);
    }
}
