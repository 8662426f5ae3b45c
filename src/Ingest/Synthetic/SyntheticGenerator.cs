using System.Globalization;
using System.Text;
using PlanLink.Ingest.Csv;

namespace PlanLink.Ingest.Synthetic;

/// <summary>Writes a fictional region (合成データ) as the eight contract files plus the
/// <see cref="ContractReader.SyntheticMarker"/>: reference data first, then each person's rows as they
/// are made, so memory stays bounded at national scale. One set of options gives byte-identical files.</summary>
public static class SyntheticGenerator
{
    public static GenerationSummary Generate(GeneratorOptions options, string folder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persons, 1, nameof(options.Persons));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Municipalities, RegionBuilder.FirstPrefectureSize, nameof(options.Municipalities));
        Directory.CreateDirectory(folder);
        var region = RegionBuilder.Build(options);
        var municipalities = region.Areas.Select(a => a.Municipality).ToList();
        ContractWriter.WriteFile(folder, ContractSchema.Municipalities, municipalities, ContractWriter.Fields);
        ContractWriter.WriteFile(folder, ContractSchema.Offices, region.Offices, ContractWriter.Fields);
        var rows = new Dictionary<string, long>
        {
            [ContractSchema.Municipalities.FileName] = municipalities.Count,
            [ContractSchema.Offices.FileName] = region.Offices.Count,
        };
        using (var streams = new ContractStreams(folder))
        {
            var builder = new PersonBuilder(region, options, streams);
            for (var i = 0; i < options.Persons; i++) builder.Build(i);
            foreach (var writer in streams.All) rows[writer.Spec.FileName] = writer.Rows;
        }
        File.WriteAllText(Path.Combine(folder, ContractReader.SyntheticMarker), Marker(options), new UTF8Encoding(false));
        return new GenerationSummary(options, rows, region.Prefectures, region.Regions, municipalities.Count);
    }

    private static string Marker(GeneratorOptions o) => string.Create(CultureInfo.InvariantCulture, $"""
        合成データ / SYNTHETIC DATA
        このフォルダのデータは planlink generate で作った架空のデータです。実在の人物・事業所・市町村とは関係ありません。
        The data in this folder is fictional, made by `planlink generate`; no real person, office or municipality is described.

        seed: {o.Seed}
        persons: {o.Persons}
        municipalities: {o.Municipalities}
        history: {o.HistoryStart:yyyy-MM-dd} .. {o.HistoryEnd:yyyy-MM-dd}
        command: planlink generate --out DIR --persons {o.Persons} --seed {o.Seed} --municipalities {o.Municipalities}

        """).ReplaceLineEndings("\n");
}
