namespace PlanLink.Ingest.Synthetic;

/// <summary>What the generator wrote: data rows per contract file and the size of the region.</summary>
public sealed record GenerationSummary(
    GeneratorOptions Options,
    IReadOnlyDictionary<string, long> RowsPerFile,
    int Prefectures,
    int Regions,
    int Municipalities);
