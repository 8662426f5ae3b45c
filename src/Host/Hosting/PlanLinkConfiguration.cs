using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Hosting;

namespace PlanLink.Host.Hosting;

/// <summary>The configuration every command and the worker read, lowest precedence first:
/// appsettings.json beside the program, appsettings.json and appsettings.{Environment}.json in the current
/// folder, environment variables (unprefixed, as the generic host reads them), <c>PLANLINK_</c> variables
/// (<c>PLANLINK_SERVE__INBOX</c> = <c>PlanLink:Serve:Inbox</c>), then the command line.</summary>
public static class PlanLinkConfiguration
{
    public const string EnvironmentPrefix = "PLANLINK_";
    public const string Section = "PlanLink";

    /// <summary>A host builder with PlanLink's configuration sources; <paramref name="commandLine"/> are
    /// <c>Key=Value</c> settings (the serve command's options and <c>--set</c>), the highest precedence.</summary>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? commandLine = null, string? contentRoot = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [], ContentRootPath = contentRoot ?? Directory.GetCurrentDirectory(),
        });
        var sources = builder.Configuration.Sources;
        // Defaults shipped beside planlink.dll, below the current folder's appsettings.json. (An absolute path, so the
        // source gets its own file provider rather than the content root's.)
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var contentRootFile = Path.Combine(Path.GetFullPath(builder.Environment.ContentRootPath), "appsettings.json");
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(shipped), contentRootFile, StringComparison.Ordinal))
            sources.Insert(0, new ConfigurationBuilder().AddJsonFile(shipped, optional: true).Sources[0]);
        var prefixed = FromEnvironment(Environment.GetEnvironmentVariables());
        var commandLineIndex = sources.ToList().FindIndex(s => s is CommandLineConfigurationSource);
        var memory = new ConfigurationBuilder().AddInMemoryCollection(prefixed).Sources[0];
        if (commandLineIndex < 0) sources.Add(memory); else sources.Insert(commandLineIndex, memory);
        if (commandLine is { Count: > 0 }) builder.Configuration.AddInMemoryCollection(commandLine);
        return builder;
    }

    /// <summary>Maps <c>PLANLINK_SERVE__POLLSECONDS=5</c> to <c>PlanLink:SERVE:POLLSECONDS</c> (keys are case-insensitive)
    /// and <c>PLANLINK_DB</c> to <c>PlanLink:DB</c>.</summary>
    public static IReadOnlyDictionary<string, string?> FromEnvironment(IDictionary variables)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry e in variables)
        {
            if (e.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = name[EnvironmentPrefix.Length..];
            if (rest.Length == 0) continue;
            map[Section + ":" + rest.Replace("__", ":", StringComparison.Ordinal)] = e.Value as string;
        }
        return map;
    }

    /// <summary>Parses <c>--set Key=Value</c> settings; a setting without '=' is refused.</summary>
    public static Dictionary<string, string?> ParseSettings(IEnumerable<string> settings)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in settings)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0) throw new RefusedException($"--set は 設定名=値 の形で指定してください / --set must be Key=Value, e.g. PlanLink:Serve:QuietSeconds=30 (got '{s}')");
            map[s[..eq].Trim()] = s[(eq + 1)..];
        }
        return map;
    }
}
