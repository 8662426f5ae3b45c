using System.CommandLine;

namespace PlanLink.Host.Commands;

/// <summary>`planlink report`: the quarterly council report. Not yet implemented.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "四半期報告を作成する / write the quarterly report (not yet implemented)");
        command.SetAction(int (_) => throw new RefusedException("report はまだありません / report is not implemented yet"));
        return command;
    }
}
