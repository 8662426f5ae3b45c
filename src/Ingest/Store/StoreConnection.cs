using System.Text.RegularExpressions;
using Npgsql;

namespace PlanLink.Ingest.Store;

/// <summary>Opening a connection to the store: migrate on connect, then switch to the least role; and
/// masking connection strings so that a password never reaches a log or an error line.</summary>
public static partial class StoreConnection
{
    /// <summary>The PostgreSQL role name of a <see cref="StoreRole"/> (null for the owner).</summary>
    public static string? RoleName(StoreRole role) => role switch
    {
        StoreRole.Importer => "planlink_importer",
        StoreRole.Reporter => "planlink_reporter",
        StoreRole.Analyst => "planlink_analyst",
        _ => null,
    };

    /// <summary>Opens a connection, applies missing migrations and switches to <paramref name="role"/>.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, StoreRole role, CancellationToken ct = default)
    {
        NpgsqlConnection connection;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "planlink";
            connection = new NpgsqlConnection(builder.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"接続文字列が正しくありません / invalid connection string: {Mask(e.Message)}", e);
        }
        try
        {
            await connection.OpenAsync(ct);
            await SchemaMigrator.MigrateAsync(connection, ct);
            if (RoleName(role) is { } name)
            {
                await using var set = new NpgsqlCommand($"SET ROLE {name}", connection);
                await set.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            if (e is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p)
                throw new StoreException($"権限がありません / permission denied for {Describe(connectionString)} (the login needs membership in {RoleName(role) ?? "the schema owner"}, see docs/postgresql.md): {Mask(p.MessageText)}", e);
            throw new StoreException($"データベースに接続できません / cannot connect to {Describe(connectionString)}: {Mask(e.Message)}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where a connection string points, without secrets: <c>user@host:port/database</c>.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Username ?? "?"}@{b.Host ?? "?"}:{b.Port}/{b.Database ?? "?"}";
        }
        catch (ArgumentException)
        {
            return Mask(connectionString);
        }
    }

    /// <summary>Replaces every password in <paramref name="text"/> (connection-string keywords and URI
    /// user-info) with <c>***</c>.</summary>
    public static string Mask(string text) =>
        UriPassword().Replace(PasswordKeyword().Replace(text, m => m.Groups[1].Value + "***"), "$1***@");

    [GeneratedRegex(@"((?:password|pwd|passfile)\s*=\s*)(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKeyword();

    [GeneratedRegex(@"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}
