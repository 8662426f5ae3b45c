using System.CommandLine;
using PlanLink.Ingest.Synthetic;

namespace PlanLink.Host.Commands;

/// <summary>`planlink generate`: a fictional region's exports (合成データ) for demos, tests and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Out("出力フォルダ / output folder");
        var persons = new Option<int>("--persons", "-n") { Description = "計画のある人数 / persons with plans", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "乱数の種（同じ種なら同じファイル） / random seed: same seed, same files", DefaultValueFactory = _ => 1 };
        var municipalities = new Option<int>("--municipalities", "-m")
        {
            Description = "市町村数（8 = 1県、全国規模は 1741） / municipalities: 8 = one prefecture, national scale 1741",
            DefaultValueFactory = _ => 8,
        };
        var command = new Command("generate", "合成データを生成する / generate synthetic data (合成データ)\n" +
            "例 / example: planlink generate --out data-samples/region --persons 2000 --seed 1\n" +
            "全国規模 / national scale: planlink generate --out national --persons 1500000 --municipalities 1741")
        {
            output, persons, seed, municipalities,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                Persons = parse.GetValue(persons), Seed = parse.GetValue(seed), Municipalities = parse.GetValue(municipalities),
            };
            if (options.Persons < 1) throw new RefusedException("--persons は 1 以上です / --persons must be at least 1");
            if (options.Municipalities < 8) throw new RefusedException("--municipalities は 8 以上です / --municipalities must be at least 8");
            var folder = parse.GetRequiredValue(output);
            var summary = SyntheticGenerator.Generate(options, folder);
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"合成データを書きました / wrote synthetic data: {Path.GetFullPath(folder)}");
            writer.WriteLine($"  seed {options.Seed}, {options.Persons} 人 persons, {summary.Prefectures} 都道府県 prefectures, " +
                $"{summary.Regions} 圏域 regions, {summary.Municipalities} 市町村 municipalities");
            foreach (var (file, rows) in summary.RowsPerFile.OrderBy(p => p.Key, StringComparer.Ordinal))
                writer.WriteLine($"  {file}: {rows} 行 rows");
            return ExitCodes.Done;
        });
        return command;
    }
}
