using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PlanLink.Tests;

/// <summary>The PostgreSQL server the store tests use: <c>PLANLINK_TEST_DB</c> (set by .ci/run), else — outside
/// CI, when running as root or postgres — a throw-away cluster started here from the installed binaries, exactly
/// as .ci/run does. Without a server the tests are skipped loudly; on CI (CI=true) or when PLANLINK_TEST_DB is
/// set but unreachable they fail instead.</summary>
internal static class TestServer
{
    private static readonly Lazy<(string? ConnectionString, string? Problem)> Server = new(Resolve);

    public static string? ConnectionString => Server.Value.ConnectionString;

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A server named by PLANLINK_TEST_DB must be there: the tests fail rather than skip.</summary>
    private static bool Given => Environment.GetEnvironmentVariable("PLANLINK_TEST_DB") is { Length: > 0 };

    /// <summary>Why the database tests cannot run here, or null when they can (or must: on CI).</summary>
    public static string? SkipReason => OnCi || Given || Server.Value.ConnectionString is not null ? null
        : $"SKIPPED — no PostgreSQL for the store tests: {Server.Value.Problem} (set PLANLINK_TEST_DB or run .ci/run)";

    /// <summary>The server's connection string, or a failure naming the reason (used inside tests).</summary>
    public static string Require() => Server.Value.ConnectionString
        ?? throw new InvalidOperationException($"no PostgreSQL for the store tests: {Server.Value.Problem}");

    private static (string?, string?) Resolve()
    {
        if (Environment.GetEnvironmentVariable("PLANLINK_TEST_DB") is { Length: > 0 } given)
            return Probe(given) is { } problem ? (null, $"PLANLINK_TEST_DB is not reachable: {problem}") : (given, null);
        if (OnCi) return (null, "PLANLINK_TEST_DB is not set on CI");
        try
        {
            return StartThrowAwayCluster();
        }
        catch (Exception e)
        {
            return (null, "could not start a throw-away cluster: " + e.Message);
        }
    }

    private static string? Probe(string connectionString)
    {
        try
        {
            using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 }.ConnectionString);
            c.Open();
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    private static (string?, string?) StartThrowAwayCluster()
    {
        var user = Environment.UserName;
        if (!OperatingSystem.IsLinux() || user is not ("root" or "postgres"))
            return (null, $"PLANLINK_TEST_DB is unset and this user ({user}) cannot start a cluster (needs root or postgres)");
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).Where(File.Exists)
                .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).LastOrDefault()
            : null;
        if (initdb is null) return (null, "PLANLINK_TEST_DB is unset and no /usr/lib/postgresql/*/bin/initdb is installed");
        var bin = Path.GetDirectoryName(initdb)!;
        RemoveStaleClusters();
        var dir = Directory.CreateTempSubdirectory("planlink-test-pg.").FullName;
        var port = FreePort();
        if (user == "root") Run("chown", "postgres", dir);
        RunAsPostgres(user, initdb, "-D", $"{dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        RunAsPostgres(user, Path.Combine(bin, "pg_ctl"), "-D", $"{dir}/data", "-l", $"{dir}/log", "-w", "-o",
            $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={dir} -c fsync=off", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsPostgres(user, Path.Combine(bin, "pg_ctl"), "-D", $"{dir}/data", "-m", "immediate", "-w", "stop");
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception) { /* best effort at exit */ }
        };
        var cs = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        return Probe(cs) is { } problem ? (null, problem) : (cs, null);
    }

    /// <summary>Folders of earlier runs whose server is gone (the test host may be killed before it cleans up).</summary>
    private static void RemoveStaleClusters()
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "planlink-test-pg.*"))
        {
            if (File.Exists(Path.Combine(old, "data", "postmaster.pid"))) continue;
            try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void RunAsPostgres(string user, string program, params string[] args)
    {
        if (user == "root") Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {stderr.Result.Trim()}");
    }
}

/// <summary>A test that needs PostgreSQL: skipped (with the reason in its name's output) when no server can be
/// found outside CI; never skipped on CI.</summary>
public sealed class DbFactAttribute : FactAttribute
{
    public DbFactAttribute()
    {
        if (TestServer.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A fresh database per test class (planlink_t_&lt;random&gt;), dropped on dispose.</summary>
public sealed class StoreDatabase : IAsyncLifetime
{
    private string? _connectionString;

    public string Name { get; } = "planlink_t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The owner's connection string to this class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("no test database");

    public async Task InitializeAsync()
    {
        if (TestServer.SkipReason is not null) return; // every test of the class is skipped
        var server = TestServer.Require();
        await using (var c = new NpgsqlConnection(server))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {Name}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(TestServer.Require());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>An open owner connection to this database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>Rows in a table of the store, as the owner (creating the schema first if nothing did yet).</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var c = await Ingest.Store.StoreConnection.OpenAsync(ConnectionString, Ingest.Store.StoreRole.Owner);
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM planlink.{table}", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Row counts of every table of the store (schema created first if missing).</summary>
    public async Task<string> AllCountsAsync()
    {
        var tables = new[] { "import_batch", "import_file", "batch_supersession", "plan", "plan_need", "plan_service",
            "support_plan", "support_goal", "monitoring", "office_version", "municipality_version" };
        var parts = new List<string>();
        foreach (var t in tables) parts.Add($"{t}={await CountAsync(t)}");
        return string.Join(", ", parts);
    }
}
