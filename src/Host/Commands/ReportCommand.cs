using System.CommandLine;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Targets;
using PlanLink.Ingest.Csv;
using PlanLink.Host.Progress;

namespace PlanLink.Host.Commands;

/// <summary>`planlink report`: the main job — the quarterly council report, figures.csv, charts, the
/// plan-target workbook and the internal folder.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input(required: false);
        var db = new Option<string?>("--db")
        {
            Description = "PostgreSQL の接続文字列（--input の代わり; PLANLINK_DB でも可） / PostgreSQL connection instead of --input (or PLANLINK_DB)",
        };
        var output = CommonOptions.Out("出力フォルダ / output folder");
        var quarter = new Option<string?>("--quarter", "-q")
        {
            Description = "対象の四半期（例 2026Q2 = 令和8年度第2四半期）。省略時はデータ中の最新の完了した四半期 / fiscal quarter, default: latest complete",
        };
        var k = new Option<int>("--k")
        {
            Description = "公表する人数の最小値（3以上） / smallest published person count (≥ 3)",
            DefaultValueFactory = _ => 10,
        };
        var phaseIn = new Option<string>("--unmet-phase-in")
        {
            Description = "未充足ニーズを見込量に加える割合（令和9,10,11年度の%、累積）。既定 100,0,0 / share of unmet demand added in FY2027,2028,2029 (percent)",
            DefaultValueFactory = _ => "100,0,0",
        };
        var planMap = new Option<string[]>("--plan-map")
        {
            Description = "計画マップを必ず作る仮名ID（内部資料、複数可） / person keys whose internal plan map is always drawn",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("report", """
            四半期報告を作成する / write the quarterly council report
            例 / example: planlink report --input data-samples/region --out out --quarter 2026Q2
                          planlink report --db "Host=localhost;Database=planlink;Username=planlink" --out out
            """)
        {
            input, db, output, quarter, k, phaseIn, planMap,
        };
        command.SetAction(parse =>
        {
            var kValue = parse.GetValue(k);
            ReportJob.CheckK(kValue);
            var q = ReportJob.ParseQuarter(parse.GetValue(quarter));
            UnmetPhaseIn phase;
            try { phase = UnmetPhaseIn.Parse(parse.GetValue(phaseIn) ?? "100,0,0"); }
            catch (FormatException e) { throw new RefusedException(e.Message); }
            var outDir = parse.GetRequiredValue(output);
            var console = parse.InvocationConfiguration.Output;
            var progress = ProgressSinks.For(console);
            var result = ReportJob.Write(() =>
            {
                var read = parse.GetValue(input) is { Length: > 0 } folders
                    ? ReportJob.ReadFolders(folders, progress)
                    : LoadFromStore(ConnectionStrings.Resolve(parse.GetValue(db)), q, progress);
                console.WriteLine(ReadSummary.Format(read));
                return read;
            }, outDir, q, kValue, progress, phase, parse.GetValue(planMap) ?? []);
            console.WriteLine(result.Describe());
            return result.RowsRejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
        });
        return command;
    }

    /// <summary>The dataset from PostgreSQL as the analyst role (see <see cref="ReportJob.LoadFromStore"/>);
    /// a database that cannot be reached is a refusal for the command.</summary>
    private static ReadResult LoadFromStore(string connectionString, FiscalQuarter? quarter, IProgressSink progress)
    {
        try
        {
            return ReportJob.LoadFromStore(connectionString, quarter, progress);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new RefusedException($"データベースに接続できません / cannot load from the database: {ConnectionStrings.Mask(e.Message)}");
        }
    }
}
