using PlanLink.Ingest.Csv;
using PlanLink.Tests.Support;

namespace PlanLink.Tests.Csv;

/// <summary>docs/data-contract.md is what offices are told to export: it must list every file, column
/// and Japanese header the reader accepts, so the page cannot drift from ContractSchema.</summary>
public class DataContractDocTests
{
    [Fact]
    public void DataContractDoc_ListsEveryFileColumnAndAlias()
    {
        var doc = File.ReadAllText(RepoRoot.Combine("docs", "data-contract.md"));
        foreach (var spec in ContractSchema.All.Append(ContractSchema.SupportCenters))
        {
            Assert.Contains($"## `{spec.FileName}`", doc);
            foreach (var column in spec.Columns)
            {
                Assert.Contains($"| `{column.Name}` | {string.Join(", ", column.Aliases)} | {(column.Required ? "●" : "")} |", doc);
            }
        }
    }
}
