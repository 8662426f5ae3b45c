using System.CommandLine;
using PlanLink.Ingest.Anonymise;
using PlanLink.Ingest.Csv;
using PlanLink.Reports.Output;

namespace PlanLink.Host.Commands;

/// <summary>`planlink anonymise`: the office side. Turns a raw export (names, 受給者証番号, birth dates)
/// into the anonymised contract with the council's key, then reads the output back as `validate` would.</summary>
internal static class AnonymiseCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input", "-i") { Description = "事業所の生データのフォルダ / the office's raw export folder (docs/anonymiser.md)", Required = true };
        var output = CommonOptions.Out("匿名化した出力のフォルダ / folder for the anonymised export");
        var keyFile = new Option<string>("--key-file") { Description = "協議会の秘密鍵ファイル（32バイト以上） / the council's secret key file (at least 32 bytes)", Required = true };
        var encoding = CommonOptions.Encoding();
        var command = new Command("anonymise", "生データを匿名化して提出用ファイルにする / turn a raw office export into the anonymised contract\n例 / example: planlink anonymise --input raw --out export --key-file council.key")
        {
            input, output, keyFile, encoding,
        };
        command.SetAction(parse =>
        {
            var options = CommonOptions.ReadOptions(parse.GetValue(encoding));
            var key = CouncilKey.Load(parse.GetValue(keyFile));
            var outDir = parse.GetRequiredValue(output);
            var inDir = parse.GetRequiredValue(input);
            if (Path.GetFullPath(inDir).TrimEnd('/', '\\') == Path.GetFullPath(outDir).TrimEnd('/', '\\'))
                throw new RefusedException("出力先は入力と別のフォルダにしてください / --out must differ from --input");
            var result = Anonymiser.Run(inDir, outDir, key, options);
            var console = parse.InvocationConfiguration.Output;
            foreach (var w in result.Warnings.Distinct()) console.WriteLine($"警告 / warning: {w}");
            foreach (var t in result.Tallies) console.WriteLine($"  {t.File}: 読込 read {t.Read} → 出力 written {t.Accepted}");
            // The output must be a valid contract export: read it back (this also re-runs the identifier screen).
            var check = ContractReader.ReadFolders([outDir], options);
            var errors = result.Errors.Concat(check.Errors).ToList();
            ErrorsCsv.Write(Path.Combine(outDir, "errors.csv"), errors);
            console.WriteLine(ReadSummary.Format(check));
            return errors.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Done;
        });
        return command;
    }
}
