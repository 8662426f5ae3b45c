using System.Globalization;
using System.Text;

namespace PlanLink.Bench;

/// <summary>The run as Markdown tables (bench/RESULTS.md), with the machine, date and load average.</summary>
public static class ResultsMarkdown
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static string Render(BenchReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        string S(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "F2" : "F1", ci) + " s";
        string N(double v, string format = "N0") => v.ToString(format, ci);

        L($"## Run {r.Started:yyyy-MM-dd HH:mm} UTC");
        L();
        L($"- machine: {r.Machine}");
        L($"- load average (1/5/15 min) before: {r.LoadBefore}; after: {r.LoadAfter}");
        L($"- other processes: waited {N(r.QuietWait.TotalSeconds, "F1")} s for them to keep under 0.2 cores busy; " +
          (r.DuringColdRound is { } during
              ? $"during PlanLink's cold round, {N(during.OthersBusy, "F2")} cores busy with them and {N(during.Stolen, "F2")} stolen by the hypervisor"
              : "n/a during PlanLink's cold round"));
        L($"- data: `{r.Data}`: {r.Files} CSV files, {N(r.Bytes / 1e6, "N1")} MB, {N(r.Rows)} rows ({N(r.Rejected)} rejected)");
        L($"- as-of date: PlanLink {r.PlanLinkAsOf:yyyy-MM-dd}" + (r.Sql is { } s0 ? $", {r.SqlName} {s0.AsOf:yyyy-MM-dd}" : ""));
        L();
        L("### Read");
        L();
        L("| step | time | rows/s | MB/s |");
        L("|---|---:|---:|---:|");
        L($"| raw read (FileStream, 1 MiB buffer, vectorised sum), first pass | {S(r.RawRead.Cold)} | | {N(r.MegabytesPerSecond(r.RawRead.Cold))} |");
        L($"| raw read, second pass (page cache) | {S(r.RawRead.Warm)} | | {N(r.MegabytesPerSecond(r.RawRead.Warm))} |");
        L($"| {Harness.ReadStep} | {S(r.ReadTime)} | {N(r.Rows / r.ReadTime.TotalSeconds)} | {N(r.MegabytesPerSecond(r.ReadTime), "N1")} |");
        if (r.FreshColdReads.Count > 0)
        {
            var times = string.Join(", ", r.FreshColdReads.Select(t => t.TotalSeconds.ToString("F2", ci)));
            L($"| {Harness.ReadStep}, cold: median of round 1 and {r.FreshColdReads.Count} processes of their own ({times} s) | {S(r.ColdRead)} | {N(r.Rows / r.ColdRead.TotalSeconds)} | {N(r.MegabytesPerSecond(r.ColdRead), "N1")} |");
        }
        else L($"| {Harness.ReadStep}, cold, in processes of their own | skipped: {r.FreshColdReadsSkipped} | | |");
        if (r.Rounds.Count > 1)
            L($"| {Harness.ReadStep}, warm process (median of rounds 2–{r.Rounds.Count}) | {S(r.WarmRead)} | {N(r.Rows / r.WarmRead.TotalSeconds)} | {N(r.MegabytesPerSecond(r.WarmRead), "N1")} |");
        L();
        L("### Core aggregates (same files, same as-of date)");
        L();
        L("| side | step | time |");
        L("|---|---|---:|");
        foreach (var s in r.PlanLinkSteps) L($"| PlanLink | {s.Name}{(s.Note is null ? "" : $" — {s.Note}")} | {S(s.Time)} |");
        L($"| **PlanLink** | **total, incl. reading the CSVs** | **{S(r.PlanLinkCore)}** |");
        if (r.Sql is { } sql)
        {
            foreach (var s in sql.Steps) L($"| {r.SqlName} | {s.Name} | {S(s.Time)} |");
            L($"| **{r.SqlName}** | **total, incl. reading the CSVs** | **{S(sql.Total)}** |");
            L($"| | **ratio PlanLink / {r.SqlName}** | **{N(r.PlanLinkCore / sql.Total, "F1")} ×** |");
        }
        else L($"| (SQL) | skipped: {r.SqlSkipped} | |");
        L();
        if (r.Rounds.Count > 1)
        {
            L($"Rounds (the core aggregates timed again in this process, PlanLink then {r.SqlName ?? "SQL"}, taking turns). Round 1 is the cold");
            L("process itemised above, as `planlink report` runs; the later rounds run with the code compiled and the heap grown:");
            L();
            L($"| round | PlanLink read + validate | PlanLink total | {r.SqlName ?? "SQL"} total | ratio |");
            L("|---|---:|---:|---:|---:|");
            foreach (var (round, i) in r.Rounds.Select((x, i) => (x, i + 1)))
                L($"| {i}{(i == 1 ? " (cold)" : " (warm)")} | {S(round.Read)} | {S(round.PlanLink)} | {(round.Sql is { } t ? S(t) : "—")} | {(round.Ratio is { } x ? N(x, "F2") + " ×" : "—")} |");
            L($"| warm median | {S(r.WarmRead)} | | | {(r.WarmRatio is { } median ? N(median, "F2") + " ×" : "—")} |");
            L();
        }
        if (r.Comparison is { } c)
        {
            L($"Cross-check, PlanLink vs {r.SqlName} (non-zero numbers at municipality level, office level for linkage):");
            L();
            L("| aggregate | PlanLink numbers | SQL numbers | differences |");
            L("|---|---:|---:|---:|");
            foreach (var a in c.Aggregates) L($"| {a.Aggregate} | {N(a.PlanLinkFacts)} | {N(a.SqlFacts)} | {N(a.Differences)} |");
            foreach (var a in c.Aggregates.Where(a => a.Examples.Count > 0))
            {
                L();
                L($"First differences in {a.Aggregate}:");
                foreach (var e in a.Examples) L($"- {e}");
            }
            L();
        }
        L("### Whole `planlink report`");
        L();
        if (r.Report is { } rep)
        {
            L("| exit code | wall time | peak RSS (VmHWM, polled every 20 ms) |");
            L("|---:|---:|---:|");
            L($"| {rep.ExitCode} | {S(rep.Wall)} | {N(rep.PeakRssBytes / GiB, "F2")} GiB |");
        }
        else L($"skipped: {r.ReportSkipped}");
        L();
        L("### Targets (issue 9 item 3; they are set for the national data, ≈ 1.5 GB CSV)");
        L();
        L("| target | measured | status |");
        L("|---|---:|---|");
        // Judged on cold processes, as users run `planlink report`: the median of round 1 and the reads in processes of their
        // own, where there are some (one cold read on a shared machine is a lottery); the warm rounds are shown beside.
        var warm = r.Rounds.Count > 1;
        var mbs = r.MegabytesPerSecond(r.ColdRead);
        var notes = new List<string>();
        if (r.FreshColdReads.Count > 0)
        {
            notes.Add($"median of {r.ColdReads.Count()} cold processes, {N(r.MegabytesPerSecond(r.ColdReads.Max()), "N1")}–{N(r.MegabytesPerSecond(r.ColdReads.Min()), "N1")}");
        }
        if (warm) notes.Add($"warm: {N(r.MegabytesPerSecond(r.WarmRead), "N1")}");
        var measured = $"{N(mbs, "N1")} MB/s" + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "");
        L($"| read + validate ≥ 300 MB/s | {measured} | {Status(mbs >= 300, $"{N(300 / mbs, "F2")} × too slow")} |");
        if (r.Sql is { } sq)
        {
            var ratio = r.PlanLinkCore / sq.Total;
            L($"| core aggregates incl. reading ≤ 2 × DuckDB | {N(ratio, "F2")} ×{(warm && r.WarmRatio is { } w ? $" (warm: {N(w, "F2")} ×)" : "")} | {Status(ratio <= 2, $"{N(ratio / 2, "F2")} × over")} |");
        }
        else L("| core aggregates incl. reading ≤ 2 × DuckDB | not measured | — |");
        if (r.Report is { } rp)
        {
            L($"| whole report ≤ 60 s | {S(rp.Wall)} | {Status(rp.Wall.TotalSeconds <= 60, $"{N(rp.Wall.TotalSeconds / 60, "F1")} × over")} |");
            var gib = rp.PeakRssBytes / GiB;
            L($"| whole report ≤ 4 GiB peak | {N(gib, "F2")} GiB | {Status(gib <= 4, $"{N(gib / 4, "F1")} × over")} |");
        }
        else L("| whole report ≤ 60 s, ≤ 4 GiB | not measured | — |");
        L();
        if (r.Import is { } import)
        {
            L("### PostgreSQL import vs raw COPY (bench/ImportBench)");
            L();
            L("```");
            L(import);
            L("```");
            L();
        }
        return sb.ToString();
    }

    private static string Status(bool met, string missedBy) => met ? "met" : $"**missed** ({missedBy})";
}
