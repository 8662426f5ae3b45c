using System.Globalization;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Synthetic;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Samples;

public sealed class SampleDataTests
{
    private static readonly string Region = RepoRoot.Combine("data-samples", "region");

    /// <summary>The generator parameters recorded in the sample's SYNTHETIC.txt.</summary>
    private static GeneratorOptions RecordedOptions()
    {
        var values = File.ReadAllLines(Path.Combine(Region, ContractReader.SyntheticMarker))
            .Select(l => l.Split(':', 2, StringSplitOptions.TrimEntries)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        return new GeneratorOptions
        {
            Seed = ulong.Parse(values["seed"], CultureInfo.InvariantCulture),
            Persons = int.Parse(values["persons"], CultureInfo.InvariantCulture),
            Municipalities = int.Parse(values["municipalities"], CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public void Read_ShippedRegion_ZeroErrorsAndThePersonsItRecords()
    {
        var read = ContractReader.ReadFolders([Region]);

        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
        Assert.True(read.Dataset.IsSynthetic);
        Assert.Equal(RecordedOptions().Persons, read.Dataset.Plans.Select(p => p.PersonKey).Distinct().Count());
        Assert.True(read.Dataset.Municipalities.Count >= 8);
    }

    [Fact]
    public void Generate_RecordedParameters_ReproducesShippedRegion()
    {
        using var folder = new TempFolder();
        SyntheticGenerator.Generate(RecordedOptions(), folder.Path);

        foreach (var path in Directory.GetFiles(Region))
        {
            var name = Path.GetFileName(path);
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(folder.File(name))), $"{name} differs: regenerate data-samples/region");
        }
    }
}
