using System.CommandLine;
using PlanLink.Host.Progress;
using PlanLink.Ingest.Store;
using PlanLink.Reports.Output;

namespace PlanLink.Host.Commands;

/// <summary>`planlink import`: load office exports into PostgreSQL, one transaction per batch folder.
/// Every folder is read, validated and screened before anything is written; the same files again are a
/// no-op, a newer export of the same offices and period supersedes the older one (kept for audit).</summary>
internal static class ImportCommand
{
    public const string PhaseRead = "読込・検査 / reading and checking";
    public const string PhaseImport = "取込 / importing";

    public static Command Create()
    {
        var input = CommonOptions.Input();
        var db = new Option<string>("--db")
        {
            Description = $"PostgreSQL の接続文字列（省略時は {ConnectionStrings.EnvironmentVariable} または appsettings.json） / connection string (default: {ConnectionStrings.EnvironmentVariable} or appsettings.json)",
        };
        var output = CommonOptions.Out("errors.csv を書くフォルダ / folder for errors.csv", ".");
        var command = new Command("import", "エクスポートをデータベースに取り込む / import exports into PostgreSQL (idempotent)\n例 / example: planlink import --input exports/2026Q2 --db \"Host=localhost;Database=planlink;Username=planlink\"")
        {
            input, db, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = parse.GetRequiredValue(input);
            var connectionString = ConnectionStrings.Resolve(parse.GetValue(db));
            var outDir = parse.GetRequiredValue(output);

            // 1. Read, validate and screen every batch before anything is written: a file holding an
            //    identifier makes the reader throw InputRefusedException (exit 2), so nothing is imported.
            var console = parse.InvocationConfiguration.Output;
            var progress = ProgressSinks.For(console);
            var folders = BatchSource.FindBatchFolders(inputs);
            var batches = new List<BatchSource>(folders.Count);
            for (var i = 0; i < folders.Count; i++)
            {
                progress.Report(PhaseRead, i, folders.Count, Path.GetFileName(folders[i]));
                batches.Add(BatchSource.Open(folders[i]));
            }
            progress.Report(PhaseRead, folders.Count, folders.Count);
            foreach (var b in batches)
            {
                if (!b.HasContractFiles)
                    throw new RefusedException($"契約ファイルがありません / no contract files (plans.csv …) in {b.Folder}");
            }
            var errors = batches.SelectMany(b => b.Read.Errors).ToList();
            Directory.CreateDirectory(outDir);
            ErrorsCsv.Write(Path.Combine(outDir, "errors.csv"), errors);
            foreach (var b in batches) console.WriteLine(ReadSummary.Format(b.Read));

            // 2. One transaction per batch, as the importer role.
            var commandLine = "planlink import --input " + string.Join(' ', inputs.Select(i => $"\"{i}\""));
            try
            {
                await using var connection = await StoreConnection.OpenAsync(connectionString, StoreRole.Importer, ct);
                for (var i = 0; i < batches.Count; i++)
                {
                    progress.Report(PhaseImport, i, batches.Count, Path.GetFileName(batches[i].Folder));
                    var outcome = await PlanStore.ImportAsync(connection, batches[i], commandLine, ct);
                    console.WriteLine(outcome.Describe());
                }
                progress.Report(PhaseImport, batches.Count, batches.Count);
            }
            catch (StoreException e)
            {
                throw new RefusedException(ConnectionStrings.Mask(e.Message));
            }
            catch (Npgsql.NpgsqlException e)
            {
                throw new RefusedException($"取り込みに失敗しました（何も書き込んでいません） / import failed, nothing written for this batch: {ConnectionStrings.Mask(e.Message)}");
            }
            return errors.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
        });
        return command;
    }
}
