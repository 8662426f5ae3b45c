using System.CommandLine;
using PlanLink.Ingest.Csv;

namespace PlanLink.Host.Commands;

/// <summary>Options shared by several commands, so each is spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Input(bool required = true) => new("--input", "-i")
    {
        Description = "エクスポートのフォルダ（下位フォルダも読む） / export folder(s), read recursively",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string> Out(string description, string? defaultValue = null)
    {
        var option = new Option<string>("--out", "-o") { Description = description, Required = defaultValue is null };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>--encoding auto|utf-8|cp932: the encoding of the input CSV files.</summary>
    public static Option<string> Encoding() => new("--encoding")
    {
        Description = "入力の文字コード（auto / utf-8 / cp932） / input encoding: auto (detect per file), utf-8 or cp932 (Shift_JIS)",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The reader options for an --encoding value; an unknown one is refused (exit 2).</summary>
    public static ReadOptions ReadOptions(string? encoding) =>
        Ingest.Csv.ReadOptions.TryParseEncoding(encoding, out var e)
            ? Ingest.Csv.ReadOptions.Default with { Encoding = e }
            : throw new RefusedException($"文字コードは auto / utf-8 / cp932 のいずれかです / --encoding must be auto, utf-8 or cp932, not '{encoding}'");
}
