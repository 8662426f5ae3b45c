using System.Text;
using PlanLink.Ingest.Csv;

namespace PlanLink.Host.Commands;

/// <summary>The end-of-read reconciliation printed by every command that reads exports:
/// rows read = accepted + rejected, per file.</summary>
internal static class ReadSummary
{
    public static string Format(ReadResult result)
    {
        var text = new StringBuilder();
        foreach (var w in result.Warnings.Distinct()) text.AppendLine($"警告 / warning: {w}");
        text.AppendLine("ファイル / file: 読込 read = 採用 accepted + 却下 rejected (重複 duplicates)");
        foreach (var t in result.Tallies)
            text.AppendLine($"  {t.File}: {t.Read} = {t.Accepted} + {t.Rejected} ({t.Duplicates})");
        var read = result.Tallies.Sum(t => t.Read);
        var rejected = result.RowsRejected;
        text.Append($"合計 / total: {read} = {read - rejected} + {rejected}");
        if (result.Errors.Count > 0) text.Append(" — 却下した行とファイルは errors.csv を参照 / see errors.csv for rejected rows and files");
        return text.ToString();
    }
}
