using System.CommandLine;
using PlanLink.Host.Commands;
using PlanLink.Ingest;

namespace PlanLink.Host;

/// <summary>The `planlink` command line: one sub-command per job of the design (../shared/design.md).</summary>
public static class PlanLinkCli
{
    public const string VerboseName = "--verbose";

    /// <summary>--verbose: stack traces with errors (a global option, valid after any command).</summary>
    private static Option<bool> Verbose() => new(VerboseName, "-v")
    {
        Description = "エラーの詳細（スタックトレース）も表示する / show details (stack traces) with errors",
        Recursive = true,
    };

    public static RootCommand Build() => new("""
        PlanLink: 障害福祉計画・協議会のための未充足ニーズと社会資源の分析 / regional analytics of unmet needs and resource gaps
        例 / example: planlink report --input data-samples/region --out out
        終了コード / exit codes: 0 完了 done, 1 完了・却下した行あり (errors.csv) done with rejected rows, 2 中止 refused
        """)
    {
        ReportCommand.Create(),
        ValidateCommand.Create(),
        ImportCommand.Create(),
        GenerateCommand.Create(),
        ForecastCommand.Create(),
        AnonymiseCommand.Create(),
        ServeCommand.Create(),
        Verbose(),
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
        // serve is a generic host with its own SIGINT/SIGTERM handling (and systemd's): let it have the signals.
        if (parse.CommandResult.Command.Name == "serve") config.ProcessTerminationTimeout = null;
        var verbose = parse.Errors.Count == 0 && parse.GetValue<bool>(VerboseName);
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
            return Refuse(config.Error, e.Message, e, verbose);
        }
        catch (InputRefusedException e)
        {
            // Identifiers found (IdentifierFoundException), a missing council key …: one line, never the value.
            return Refuse(config.Error, e.Message, e, verbose);
        }
        catch (Ingest.Store.StoreException e)
        {
            return Refuse(config.Error, ConnectionStrings.Mask(e.Message), e, verbose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(config.Error, $"入力を読めません / cannot read input: {e.Message}", e, verbose);
        }
        catch (OperationCanceledException e)
        {
            return Refuse(config.Error, "中断しました（書きかけの取り込みは残りません） / cancelled: no half-written import is left", e, verbose);
        }
        catch (Exception e)
        {
            // A fault of PlanLink, not of the input: still one line (no stack trace unless --verbose).
            return Refuse(config.Error,
                $"予期しないエラー / unexpected error: {ConnectionStrings.Mask(OneLine(e.Message))} ({e.GetType().Name}; --verbose で詳細 / run with --verbose for details)", e, verbose);
        }
    }

    /// <summary>Writes the one-line reason (and, with --verbose, the exception) and returns exit code 2.</summary>
    private static int Refuse(TextWriter error, string message, Exception e, bool verbose)
    {
        error.WriteLine(OneLine(message));
        if (verbose) error.WriteLine(ConnectionStrings.Mask(e.ToString()));
        return ExitCodes.Refused;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
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
