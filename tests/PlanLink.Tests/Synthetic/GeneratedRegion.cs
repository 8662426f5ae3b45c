using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;
using PlanLink.Ingest.Synthetic;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Synthetic;

/// <summary>One small generated region, read back once for all the tests of its content.</summary>
public sealed class GeneratedRegion : IDisposable
{
    public static readonly GeneratorOptions Options = new() { Persons = 400, Seed = 7 };

    private readonly TempFolder _folder = new();

    public GeneratedRegion()
    {
        Summary = SyntheticGenerator.Generate(Options, _folder.Path);
        Read = ContractReader.ReadFolders([_folder.Path]);
    }

    public string Folder => _folder.Path;
    public GenerationSummary Summary { get; }
    public ReadResult Read { get; }
    public PlanDataset Data => Read.Dataset;

    public void Dispose() => _folder.Dispose();
}
