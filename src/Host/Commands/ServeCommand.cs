using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanLink.Host.Hosting;
using PlanLink.Host.Serve;

namespace PlanLink.Host.Commands;

/// <summary>`planlink serve`: the hosted worker (docs/serve.md). Its options are configuration keys of
/// <c>PlanLink:Serve</c> given on the command line, the highest precedence.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var inbox = new Option<string?>("--inbox") { Description = "監視する受付フォルダ / inbox folder to watch (PlanLink:Serve:Inbox, default inbox)" };
        var output = new Option<string?>("--out", "-o") { Description = "報告を書くフォルダ / folder for the dated report folders (PlanLink:Serve:Output, default reports)" };
        var db = new Option<string?>("--db")
        {
            Description = $"PostgreSQL の接続文字列（省略時は {ConnectionStrings.EnvironmentVariable}、なければ store/ フォルダ） / connection string (default {ConnectionStrings.EnvironmentVariable}, else the embedded store folder)",
        };
        var poll = new Option<double?>("--poll-seconds") { Description = "受付フォルダを見る間隔（秒） / seconds between looks at the inbox (default 10)" };
        var once = new Option<bool>("--once") { Description = "1回だけ処理して終了する（タスク スケジューラ・cron 用） / one pass, then exit (Task Scheduler, cron)" };
        var set = new Option<string[]>("--set")
        {
            Description = "任意の設定 / any setting, e.g. --set PlanLink:Serve:QuietSeconds=30",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", """
            受付フォルダを監視して取り込み、四半期が締まると報告を作成する / watch an inbox, import each new export, write each quarter's report
            例 / example: planlink serve --inbox /srv/planlink/inbox --out /srv/planlink/reports --db "Host=localhost;Database=planlink;Username=planlink"
                          planlink serve --once --inbox inbox   (データベースなし: store/ フォルダに保存 / no database: keeps exports in store/)
            """)
        {
            inbox, output, db, poll, once, set,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = PlanLinkConfiguration.ParseSettings(parse.GetValue(set) ?? []);
            if (parse.GetValue(inbox) is { } i) settings[ServeOptions.Section + ":Inbox"] = i;
            if (parse.GetValue(output) is { } o) settings[ServeOptions.Section + ":Output"] = o;
            if (parse.GetValue(db) is { } d) settings[ServeOptions.Section + ":Db"] = d;
            if (parse.GetValue(poll) is { } p)
            {
                if (p <= 0) throw new RefusedException($"--poll-seconds は正の数です / --poll-seconds must be positive (got {p})");
                settings[ServeOptions.Section + ":PollSeconds"] = p.ToString(CultureInfo.InvariantCulture);
            }
            // --verbose: debug logging (store failures with their stack traces), unless a level is set explicitly.
            if (parse.GetValue<bool>(PlanLinkCli.VerboseName)) settings.TryAdd("Logging:LogLevel:Default", "Debug");
            var builder = PlanLinkConfiguration.CreateBuilder(settings);
            builder.AddPlanLink();
            using var host = builder.Build();
            try
            {
                if (parse.GetValue(once))
                {
                    var pass = await host.Services.GetRequiredService<InboxProcessor>().RunOnceAsync(ct);
                    var console = parse.InvocationConfiguration.Output;
                    console.WriteLine($"取込 imported {pass.Imported.Count}, 却下 rejected {pass.Rejected.Count}, 待機 waiting {pass.Waiting}, 報告 reports {pass.Reports.Count}");
                    foreach (var r in pass.Reports) console.WriteLine($"  {r}");
                    return pass.Rejected.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
                }
                await host.RunAsync(ct);
                // A fault the worker could not wait out stopped the host: exit non-zero so systemd restarts it.
                if (host.Services.GetRequiredService<InboxWorker>().ExecuteTask is { IsFaulted: true } failed)
                    throw new RefusedException($"監視を中止しました（ログを参照） / the worker stopped, see the log: {failed.Exception?.InnerException?.Message}");
                return ExitCodes.Done;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                throw new RefusedException($"設定が正しくありません / invalid settings: {e.Message}");
            }
        });
        return command;
    }
}
