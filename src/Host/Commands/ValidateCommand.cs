using System.CommandLine;
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
        var command = new Command("validate", "エクスポートを検査する（読み込みのみ） / check exports without reporting\n例 / example: planlink validate --input exports/2026Q2 --out checks")
        {
            input, output,
        };
        command.SetAction(parse =>
        {
            var result = ContractReader.ReadFolders(parse.GetRequiredValue(input));
            var outDir = parse.GetRequiredValue(output);
            Directory.CreateDirectory(outDir);
            ErrorsCsv.Write(Path.Combine(outDir, "errors.csv"), result.Errors);
            Console.Out.WriteLine(ReadSummary.Format(result));
            return result.RowsRejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
        });
        return command;
    }
}
