using System.Diagnostics;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace PlanLink.Bench;

/// <summary>The core aggregates as SQL in DuckDB (in memory, all cores) over the same CSV files: the .sql files of
/// sql/, run in name order, each file's statements timed together as one step.</summary>
public sealed partial class DuckDbSide(string sqlDir) : ISqlSide
{
    private readonly DuckDBConnection _connection = Open();

    public string Name => "DuckDB";

    private static DuckDBConnection Open()
    {
        var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        return c;
    }

    public SqlRun Run(string dataDir, TextWriter log)
    {
        var version = Scalar("SELECT version()")?.ToString() ?? "?";
        var threads = Scalar("SELECT current_setting('threads')");
        log.WriteLine($"DuckDB {version}, {threads} threads, in memory");
        var steps = new List<Step>();
        var facts = new List<AggregateValue>();
        DateOnly asOf = default;
        var data = dataDir.Replace('\\', '/').TrimEnd('/').Replace("'", "''");
        foreach (var file in Directory.EnumerateFiles(sqlDir, "*.sql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var aggregate = Aggregates.All.FirstOrDefault(a => name.EndsWith(a, StringComparison.Ordinal));
            var statements = Statements(File.ReadAllText(file).Replace("{data}", data));
            var clock = Stopwatch.StartNew();
            foreach (var (statement, last) in statements.Select((s, i) => (s, i == statements.Count - 1)))
            {
                using var command = _connection.CreateCommand();
                command.CommandText = statement;
                // The last statement of a query file is its result (a SELECT); every other statement just runs.
                if (!last || name == "1_load" || name == "3_snapshot")
                {
                    command.ExecuteNonQuery();
                    continue;
                }
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (aggregate is null)
                    {
                        if (reader.GetName(0) == "as_of") asOf = reader.GetValue(0) switch { DateOnly d => d, DateTime t => DateOnly.FromDateTime(t), var o => DateOnly.Parse(o.ToString()!, System.Globalization.CultureInfo.InvariantCulture) };
                        continue;
                    }
                    var area = reader.GetString(0);
                    var category = reader.GetString(1);
                    for (var i = 2; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? 0m : Convert.ToDecimal(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                        if (value != 0) facts.Add(new AggregateValue(aggregate, area, category, reader.GetName(i), value));
                    }
                }
            }
            steps.Add(new Step(Describe(name), clock.Elapsed));
        }
        return new SqlRun(steps, facts, asOf, version);
    }

    private static string Describe(string name) => name switch
    {
        "1_load" => "load CSVs (read_csv, explicit types) — sql/1_load.sql",
        _ => $"sql/{name}.sql",
    };

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The statements of a script: split at a semicolon that ends a line; comment-only pieces dropped.</summary>
    private static List<string> Statements(string script) =>
        StatementEnd().Split(script)
            .Where(s => s.Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();

    [GeneratedRegex(@";[ \t]*(?:\r?\n|$)")]
    private static partial Regex StatementEnd();

    public void Dispose() => _connection.Dispose();
}
