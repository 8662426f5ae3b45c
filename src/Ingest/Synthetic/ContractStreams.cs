using PlanLink.Ingest.Csv;

namespace PlanLink.Ingest.Synthetic;

/// <summary>The six per-person contract files, open for streaming while persons are generated.</summary>
internal sealed class ContractStreams(string folder) : IDisposable
{
    public ContractFileWriter Plans { get; } = new(folder, ContractSchema.Plans);
    public ContractFileWriter Needs { get; } = new(folder, ContractSchema.Needs);
    public ContractFileWriter Services { get; } = new(folder, ContractSchema.Services);
    public ContractFileWriter SupportPlans { get; } = new(folder, ContractSchema.SupportPlans);
    public ContractFileWriter SupportGoals { get; } = new(folder, ContractSchema.SupportGoals);
    public ContractFileWriter Monitoring { get; } = new(folder, ContractSchema.Monitoring);

    public IEnumerable<ContractFileWriter> All => [Plans, Needs, Services, SupportPlans, SupportGoals, Monitoring];

    public void Dispose()
    {
        foreach (var writer in All) writer.Dispose();
    }
}
