using Microsoft.Extensions.Configuration;
using PlanLink.Ingest.Store;

namespace PlanLink.Host;

/// <summary>Where the PostgreSQL connection comes from: <c>--db</c>, else the environment variable
/// <c>PLANLINK_DB</c>, else <c>ConnectionStrings:PlanLink</c> in appsettings.json (generic-host configuration).
/// A password is never printed: use <see cref="Mask"/> on anything that may hold one.</summary>
public static class ConnectionStrings
{
    public const string EnvironmentVariable = "PLANLINK_DB";
    public const string ConfigurationName = "PlanLink";

    /// <summary>The connection string to use; refuses (exit 2) when none is given anywhere.</summary>
    public static string Resolve(string? cliValue, IConfiguration? configuration = null)
    {
        if (!string.IsNullOrWhiteSpace(cliValue)) return cliValue;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env) return env;
        configuration ??= LoadConfiguration();
        if (configuration[EnvironmentVariable] is { Length: > 0 } fromConfig) return fromConfig;
        if (configuration.GetConnectionString(ConfigurationName) is { Length: > 0 } named) return named;
        throw new RefusedException(
            $"データベースの指定がありません / no database: give --db, set {EnvironmentVariable}, or ConnectionStrings:{ConfigurationName} in appsettings.json");
    }

    /// <summary>The generic host's configuration (<see cref="Hosting.PlanLinkConfiguration"/>: appsettings.json,
    /// appsettings.{Environment}.json, environment variables, PLANLINK_ variables) from <paramref name="contentRoot"/>,
    /// by default the current folder.</summary>
    public static IConfiguration LoadConfiguration(string? contentRoot = null) =>
        Hosting.PlanLinkConfiguration.CreateBuilder(contentRoot: contentRoot).Configuration;

    /// <summary>Replaces every password in a connection string or message with ***.</summary>
    public static string Mask(string text) => StoreConnection.Mask(text);

    /// <summary><c>user@host:port/database</c>, for messages.</summary>
    public static string Describe(string connectionString) => StoreConnection.Describe(connectionString);
}
