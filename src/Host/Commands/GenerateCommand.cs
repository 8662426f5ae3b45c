using System.CommandLine;

namespace PlanLink.Host.Commands;

/// <summary>`planlink generate`: synthetic multi-office data (合成データ). Not yet implemented.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "合成データを生成する / generate synthetic data (not yet implemented)");
        command.SetAction(int (_) => throw new RefusedException("generate はまだありません / generate is not implemented yet"));
        return command;
    }
}
