using System.Globalization;

namespace PlanLink.Bench;

/// <summary>The harness's command line:
/// <c>--data DIR [--persons N] [--municipalities M] [--seed S] [--rounds R] [--cold-processes N] [--quiet-wait S] [--db CONN] [--out FILE] [--no-duckdb] [--no-report] [--check]</c>.</summary>
public sealed record BenchOptions
{
    /// <summary>The folder of contract CSVs to measure (generated into when <see cref="Persons"/> is given and it holds no plans.csv).</summary>
    public required string Data { get; init; }
    /// <summary>Generate this many persons into <see cref="Data"/> first (when it has no plans.csv yet).</summary>
    public int? Persons { get; init; }
    public int Municipalities { get; init; } = 1741;
    public ulong Seed { get; init; } = 7;
    /// <summary>A PostgreSQL server (database postgres) for the import-vs-COPY measurement (bench/ImportBench).</summary>
    public string? Db { get; init; }
    /// <summary>The Markdown file the results go to (null: only the console).</summary>
    public string? Out { get; init; }
    /// <summary>Skip the DuckDB side (the smoke test, or a machine without DuckDB's natives).</summary>
    public bool NoDuckDb { get; init; }
    /// <summary>Skip the `planlink report` child process.</summary>
    public bool NoReport { get; init; }
    /// <summary>Exit non-zero when PlanLink's aggregates differ from DuckDB's.</summary>
    public bool Check { get; init; }
    /// <summary>How many times the core aggregates are timed on each side, PlanLink and SQL taking turns. The first round is
    /// a cold process, as `planlink report` runs (the targets are judged on it); the later ones show the same process warm
    /// (compiled code and a grown heap), and the spread of the timings on a shared machine.</summary>
    public int Rounds { get; init; } = 3;
    /// <summary>How many more cold reads to time, each in a process of its own (where the harness can start one): the read
    /// target is judged on the median of them and round 1, since one cold read on a shared machine is a lottery.</summary>
    public int ColdProcesses { get; init; } = 4;
    /// <summary>How long, at most, to wait before the cold round for the machine's other processes to quieten (see
    /// <see cref="Machine.WaitForQuiet"/>); 0 takes one half-second sample and goes on.</summary>
    public TimeSpan QuietWait { get; init; } = TimeSpan.FromSeconds(30);

    public const string Usage = """
        usage: PlanLink.Bench --data DIR [--persons N] [--municipalities M] [--seed S] [--rounds R] [--cold-processes N] [--quiet-wait S] [--db CONN] [--out bench/RESULTS.md]
                              [--no-duckdb] [--no-report] [--check]
               PlanLink.Bench --micro [BenchmarkDotNet options]   (FieldParser micro-benchmarks)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        string? data = null, db = null, output = null;
        int? persons = null;
        var (municipalities, rounds, coldProcesses, quietWait) = (1741, 3, 4, 30.0);
        ulong seed = 7;
        bool noDuck = false, noReport = false, check = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--data": data = Next(); break;
                case "--persons": persons = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--municipalities": municipalities = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds":
                    rounds = int.Parse(Next(), CultureInfo.InvariantCulture);
                    if (rounds < 1) throw new ArgumentException($"--rounds must be at least 1\n{Usage}");
                    break;
                case "--cold-processes":
                    coldProcesses = int.Parse(Next(), CultureInfo.InvariantCulture);
                    if (coldProcesses < 0) throw new ArgumentException($"--cold-processes must not be negative\n{Usage}");
                    break;
                case "--quiet-wait":
                    quietWait = double.Parse(Next(), CultureInfo.InvariantCulture);
                    if (quietWait < 0) throw new ArgumentException($"--quiet-wait must not be negative\n{Usage}");
                    break;
                case "--db": db = Next(); break;
                case "--out": output = Next(); break;
                case "--no-duckdb": noDuck = true; break;
                case "--no-report": noReport = true; break;
                case "--check": check = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}\n{Usage}");
            }
        }
        return new BenchOptions
        {
            Data = data ?? throw new ArgumentException($"--data is required\n{Usage}"),
            Persons = persons, Municipalities = municipalities, Seed = seed, Rounds = rounds, ColdProcesses = coldProcesses, QuietWait = TimeSpan.FromSeconds(quietWait), Db = db, Out = output,
            NoDuckDb = noDuck, NoReport = noReport, Check = check,
        };
    }
}
