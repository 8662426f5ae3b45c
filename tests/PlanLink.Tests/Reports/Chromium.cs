using System.Diagnostics;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Reports;

/// <summary>Headless Chromium for the print tests. Outside CI a missing browser skips the tests (with the
/// reason in the output); on CI (CI=true) it fails them, since `.ci/run` installs it.</summary>
internal static class Chromium
{
    public static string? Executable { get; } = new[] { "chromium", "chromium-browser", "google-chrome" }
        .Select(Which).FirstOrDefault(p => p is not null);

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs Chromium on <paramref name="url"/> with extra arguments. The machine may have no Japanese
    /// font (a bare Debian has none): fontconfig is pointed at the IPAexGothic PlanLink ships, as a council
    /// PC's own Japanese fonts would be found.</summary>
    public static void Run(string workDir, string url, params string[] args)
    {
        var conf = Path.Combine(workDir, "fonts.conf");
        File.WriteAllText(conf, $"""
            <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
            <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
            <dir>{RepoRoot.Combine("src", "Reports", "Fonts")}</dir><cachedir>{Path.Combine(workDir, "fc-cache")}</cachedir></fontconfig>
            """);
        var info = new ProcessStartInfo(Executable!)
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={Path.Combine(workDir, "profile-" + Guid.NewGuid().ToString("N"))}" },
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add(url);
        info.Environment["FONTCONFIG_FILE"] = conf;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 90 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited {process.ExitCode}: {stderr.Result}");
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs Chromium: skipped (with the reason) when it is missing outside CI.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null && !Chromium.OnCi)
            Skip = "SKIPPED LOUDLY: chromium is not installed (apt-get install -y chromium poppler-utils); the print tests did not run";
    }
}
