using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PlanLink.Bench;

/// <summary>One timed step.</summary>
public sealed record Step(string Name, TimeSpan Time, string? Note = null)
{
    public static Step Measure(string name, Action action, string? note = null)
    {
        var clock = Stopwatch.StartNew();
        action();
        return new Step(name, clock.Elapsed, note);
    }
}

/// <summary>The SQL engine the harness compares against (DuckDB in bench/PlanLink.Bench; absent in the smoke test).</summary>
public interface ISqlSide : IDisposable
{
    string Name { get; }
    /// <summary>Loads the CSVs under <paramref name="dataDir"/> and runs the core aggregates: the steps (each timed)
    /// and the facts, keyed as <see cref="Aggregates"/> keys PlanLink's.</summary>
    SqlRun Run(string dataDir, TextWriter log);
}

public sealed record SqlRun(IReadOnlyList<Step> Steps, IReadOnlyList<AggregateValue> Facts, DateOnly AsOf, string Version)
{
    public TimeSpan Total => Steps.Aggregate(TimeSpan.Zero, (t, s) => t + s.Time);
}

/// <summary>The physical limit: read the same bytes with File.OpenRead and a 1 MiB buffer, summing them (vectorised,
/// so the sum is not the bottleneck).</summary>
public static class RawRead
{
    public static (long Bytes, TimeSpan Time, ulong Sum) Files(IEnumerable<string> paths)
    {
        var buffer = new byte[1 << 20];
        long bytes = 0;
        var acc = Vector<ulong>.Zero;
        ulong tail = 0;
        var clock = Stopwatch.StartNew();
        foreach (var path in paths)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                bytes += read;
                var whole = read / 8 * 8;
                var words = MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan(0, whole));
                var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
                foreach (var v in vectors) acc += v;
                for (var i = vectors.Length * Vector<ulong>.Count; i < words.Length; i++) tail += words[i];
                for (var i = whole; i < read; i++) tail += buffer[i];
            }
        }
        return (bytes, clock.Elapsed, Vector.Sum(acc) + tail);
    }
}

/// <summary>Runs a child process, polling its peak resident set (VmHWM on Linux, PeakWorkingSet64 elsewhere).</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, TimeSpan Wall, long PeakRssBytes, string Output);

    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var output = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(process, status));
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                break;
            }
        }
        var wall = clock.Elapsed;
        process.WaitForExit();
        return new Result(process.ExitCode, wall, peak, output.ToString());
    }

    private static long PeakRss(Process process, string statusPath)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                foreach (var line in File.ReadLines(statusPath))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
                return 0;
            }
            process.Refresh();
            return process.PeakWorkingSet64;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0; // exited between the poll and the read
        }
    }
}

/// <summary>What the results table says about the machine.</summary>
public static class Machine
{
    /// <summary>The CPU time of the whole machine and of this process so far (clock ticks of /proc), or null where there is no /proc.</summary>
    public sealed record CpuTimes(long MachineBusy, long Own, long Steal, long At)
    {
        public static CpuTimes? Now()
        {
            try
            {
                // cpu  user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait (and steal, the hypervisor's).
                var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var busy = long.Parse(cpu[1], CultureInfo.InvariantCulture) + long.Parse(cpu[2], CultureInfo.InvariantCulture)
                           + long.Parse(cpu[3], CultureInfo.InvariantCulture) + long.Parse(cpu[6], CultureInfo.InvariantCulture)
                           + long.Parse(cpu[7], CultureInfo.InvariantCulture);
                // pid (comm) state ... utime stime: fields 14 and 15, counted after the command's closing parenthesis.
                var self = File.ReadAllText("/proc/self/stat");
                var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
                var own = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return new(busy, own, long.Parse(cpu[8], CultureInfo.InvariantCulture), Stopwatch.GetTimestamp());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }

        /// <summary>The cores the machine's other processes kept busy since <paramref name="before"/> (clock ticks are 1/100 s).
        /// The machine's ticks are counted per core and this process's per thread, so a busy process can exceed the
        /// machine's count by a few ticks: never below zero.</summary>
        public double OthersBusyCoresSince(CpuTimes before) =>
            Math.Max(0, MachineBusy - before.MachineBusy - (Own - before.Own)) / 100.0 / Stopwatch.GetElapsedTime(before.At, At).TotalSeconds;

        /// <summary>The cores the hypervisor gave to other machines since <paramref name="before"/> while this one wanted them (steal time).</summary>
        public double StolenCoresSince(CpuTimes before) => (Steal - before.Steal) / 100.0 / Stopwatch.GetElapsedTime(before.At, At).TotalSeconds;
    }

    /// <summary>Waits, at most <paramref name="limit"/>, until the machine's other processes keep less than a fifth of a core
    /// busy over half a second. A run started by `dotnet run` shares the cores with the CLI for its first seconds (it
    /// spent another ~2.5 s of CPU after starting the bench), and a cold read timed then measures the CLI as well.
    /// Returns how long it waited and the last sample (null where there is no /proc).</summary>
    public static (TimeSpan Waited, double? OthersBusy) WaitForQuiet(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        double? busy = null;
        while (CpuTimes.Now() is { } before)
        {
            Thread.Sleep(500);
            if (CpuTimes.Now() is not { } after) break;
            busy = after.OthersBusyCoresSince(before);
            if (busy < 0.2 || clock.Elapsed >= limit) break;
        }
        return (clock.Elapsed, busy);
    }

    public static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a"; }
        catch (IOException) { return "n/a"; }
    }

    public static string Describe()
    {
        var cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memory:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }
}
