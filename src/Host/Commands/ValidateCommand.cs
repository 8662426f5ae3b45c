using System.CommandLine;
using PlanLink.Host.Progress;
using PlanLink.Ingest.Csv;
using PlanLink.Reports.Output;

namespace PlanLink.Host.Commands;

/// <summary>`planlink validate`: read and check only; errors.csv lists every rejected row.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input();
        var output = CommonOptions.Out("errors.csv を書くフォルダ / folder for errors.csv", ".");
        var encoding = CommonOptions.Encoding();
        var command = new Command("validate", "エクスポートを検査する（読み込みのみ） / check exports without reporting\n例 / example: planlink validate --input exports/2026Q2 --out checks")
        {
            input, output, encoding,
        };
        command.SetAction(parse =>
        {
            var options = CommonOptions.ReadOptions(parse.GetValue(encoding));
            var outDir = parse.GetRequiredValue(output);
            var errorsCsv = Path.Combine(outDir, "errors.csv");
            // A refused read writes nothing: an errors.csv left from an earlier run must not pass for this one's.
            if (File.Exists(errorsCsv)) File.Delete(errorsCsv);
            // An identifier in any file throws IdentifierFoundException (exit 2) before anything is written.
            var folders = parse.GetRequiredValue(input);
            var result = ReportJob.ReadFolders(folders, ProgressSinks.For(parse.InvocationConfiguration.Output), options);
            Directory.CreateDirectory(outDir);
            ErrorsCsv.Write(errorsCsv, result.Errors);
            parse.InvocationConfiguration.Output.WriteLine(ReadSummary.Format(result));
            return result.Errors.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
        });
        return command;
    }
}
