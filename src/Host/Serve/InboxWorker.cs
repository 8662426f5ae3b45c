using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanLink.Ingest.Store;

namespace PlanLink.Host.Serve;

/// <summary>The hosted worker of `planlink serve`: one <see cref="InboxProcessor.RunOnceAsync"/> every PollSeconds.
/// While the store is unavailable (database restart, network share away) it retries with doubling back-off up to
/// MaxRetrySeconds; a stop signal cancels the pass in progress, whose uncommitted import rolls back.</summary>
public sealed class InboxWorker(InboxProcessor processor, IExportStore store, IOptions<ServeOptions> options, TimeProvider time,
    ILogger<InboxWorker> logger) : BackgroundService
{
    /// <summary>Completed passes, for tests and health checks.</summary>
    public int Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        logger.LogInformation("監視を開始します / watching {Inbox} every {Poll} s; store: {Store}",
            processor.Inbox, o.PollSeconds, store.Describe());
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await processor.RunOnceAsync(stoppingToken);
                Passes++;
                failures = 0;
                wait = TimeSpan.FromSeconds(o.PollSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsTransient(e))
            {
                failures++;
                wait = Backoff(failures, o);
                logger.LogWarning("保存先を使えません。{Seconds} 秒後に再試行します（{Failures} 回目） / store unavailable, retry {Failures} in {Seconds} s: {Reason}",
                    wait.TotalSeconds, failures, failures, wait.TotalSeconds, ConnectionStrings.Mask(e.Message));
                logger.LogDebug(e, "store failure");
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        logger.LogInformation("監視を終了します / stopped watching {Inbox}", processor.Inbox);
    }

    /// <summary>PollSeconds × 2^(failures−1), at most MaxRetrySeconds.</summary>
    public static TimeSpan Backoff(int failures, ServeOptions o)
    {
        var seconds = Math.Max(o.PollSeconds, 0.1) * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(o.MaxRetrySeconds, o.PollSeconds)));
    }

    /// <summary>Failures that waiting cures: the database or a folder is away for a while. Anything else stops the
    /// host (systemd restarts it) rather than being logged and skipped.</summary>
    public static bool IsTransient(Exception e) =>
        e is StoreException or Npgsql.NpgsqlException or TimeoutException or IOException or UnauthorizedAccessException
        || (e is OperationCanceledException && e.InnerException is TimeoutException);
}
