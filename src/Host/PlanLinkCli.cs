using System.CommandLine;
using PlanLink.Host.Commands;
using PlanLink.Ingest;

namespace PlanLink.Host;

/// <summary>The `planlink` command line: one sub-command per job of the design (../shared/design.md).</summary>
public static class PlanLinkCli
{
    public static RootCommand Build() => new("PlanLink: 障害福祉計画・協議会のための未充足ニーズと社会資源の分析 / regional analytics of unmet needs and resource gaps")
    {
        ReportCommand.Create(),
        ValidateCommand.Create(),
        ImportCommand.Create(),
        GenerateCommand.Create(),
        ForecastCommand.Create(),
        AnonymiseCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var parse = Build().Parse(args);
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (parse.Errors.Count > 0)
        {
            // Bad usage: one line, exit 2 (the design's exit codes).
            config.Error.WriteLine($"使い方が正しくありません / bad usage: {parse.Errors[0].Message} (see --help)");
            return ExitCodes.Refused;
        }
        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (RefusedException e)
        {
            config.Error.WriteLine(e.Message);
            return ExitCodes.Refused;
        }
        catch (InputRefusedException e)
        {
            // Identifiers found (IdentifierFoundException), a missing council key …: one line, never the value.
            config.Error.WriteLine(e.Message);
            return ExitCodes.Refused;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            config.Error.WriteLine($"入力を読めません / cannot read input: {e.Message}");
            return ExitCodes.Refused;
        }
    }
}

/// <summary>Exit codes of the design: 0 done, 1 done with rejected rows, 2 refused.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int RowsRejected = 1;
    public const int Refused = 2;
}

/// <summary>A refusal the user must fix: its message is one line, in Japanese and English.</summary>
public sealed class RefusedException(string message) : Exception(message);
