using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanLink.Host.Progress;
using PlanLink.Host.Serve;

namespace PlanLink.Host.Hosting;

/// <summary>The wiring of `planlink serve`: options, store, progress, the inbox worker, systemd integration.</summary>
public static class PlanLinkHostExtensions
{
    public static IHostApplicationBuilder AddPlanLink(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // One line per event with a timestamp: what a secretariat reads in a log file. (Under systemd, AddSystemd
        // switches to journald's format.)
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        services.AddOptions<ServeOptions>().BindConfiguration(ServeOptions.Section)
            .PostConfigure(o => o.Db = ResolveDb(o.Db, builder.Configuration))
            .Validate(o => o.PollSeconds > 0 && o.K >= 3 && o.ReportAfterDays >= 0,
                "PlanLink:Serve: PollSeconds > 0, K ≥ 3, ReportAfterDays ≥ 0");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExportStore>(sp => sp.GetRequiredService<IOptions<ServeOptions>>().Value is { Db: { Length: > 0 } db }
            ? new PostgresExportStore(db)
            : new FolderExportStore(sp.GetRequiredService<IOptions<ServeOptions>>().Value.Store));
        services.TryAddSingleton<IProgressSink>(sp =>
        {
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("PlanLink.Progress");
            return new LogLineProgressSink(line => log.LogInformation("{Progress}", line), TimeSpan.FromSeconds(10));
        });
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddSystemd(); // Type=notify and journald log format when started by systemd; nothing otherwise
        return builder;
    }

    /// <summary>PlanLink:Serve:Db, else PLANLINK_DB, else ConnectionStrings:PlanLink; null = the embedded store.</summary>
    private static string? ResolveDb(string? configured, IConfiguration configuration)
    {
        foreach (var candidate in new[] { configured, configuration[ConnectionStrings.EnvironmentVariable],
                     configuration[PlanLinkConfiguration.Section + ":DB"], configuration.GetConnectionString(ConnectionStrings.ConfigurationName) })
        {
            if (!string.IsNullOrWhiteSpace(candidate)) return candidate;
        }
        return null;
    }
}
