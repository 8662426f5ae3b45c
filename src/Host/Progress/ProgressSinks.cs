namespace PlanLink.Host.Progress;

/// <summary>Chooses how a command shows progress: a bar when it writes to an interactive terminal, plain log
/// lines when output is redirected (a file, a pipe, a test's writer) or on CI (<c>CI</c> set).</summary>
public static class ProgressSinks
{
    public static IProgressSink For(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !OnCi;
        return terminal ? new TerminalProgressSink(output) : new LogLineProgressSink(output);
    }

    /// <summary>True on CI: <c>CI</c> is set to anything but false/0 (GitHub, GitLab, Azure and .ci/run set it).</summary>
    public static bool OnCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";
}
