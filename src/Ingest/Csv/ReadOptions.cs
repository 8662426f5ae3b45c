using System.Text;

namespace PlanLink.Ingest.Csv;

/// <summary>The encoding of the input files: detected per file, or forced.</summary>
public enum InputEncoding : byte
{
    /// <summary>UTF-8 (with or without BOM) when the file decodes as UTF-8, else CP932.</summary>
    Auto,
    Utf8,
    /// <summary>Shift_JIS as Windows writes it (code page 932).</summary>
    Cp932,
}

/// <summary>Options of <see cref="ContractReader.ReadFolders(IEnumerable{string}, ReadOptions)"/>.</summary>
public readonly record struct ReadOptions
{
    /// <summary>The encoding of every input file; <see cref="InputEncoding.Auto"/> detects it per file.</summary>
    public InputEncoding Encoding { get; init; }

    /// <summary>The longest field accepted, in characters; longer ones reject the row (a 1 MB 本人の希望 is a broken export).</summary>
    public int MaxFieldLength { get => _maxFieldLength ?? 10_000; init => _maxFieldLength = value; }

    /// <summary>The largest record, in bytes, the reader buffers: an unclosed quote early in a 500 MB
    /// export must not pull the rest of the file into memory. Lines past such a record are still counted.</summary>
    public int MaxRecordBytes { get => _maxRecordBytes ?? 16 * 1024 * 1024; init => _maxRecordBytes = value; }

    /// <summary>Called with each file's name (as in errors.csv) just before it is read: progress for the caller's display.</summary>
    public Action<string>? OnFile { get; init; }

    // Nullable backing fields, so that default(ReadOptions) has the documented defaults too.
    private readonly int? _maxFieldLength;
    private readonly int? _maxRecordBytes;

    public static ReadOptions Default { get; } = new();

    /// <summary>Parses `auto`, `utf-8`/`utf8`, `cp932`/`shift_jis`/`sjis` (the --encoding option).</summary>
    public static bool TryParseEncoding(string? text, out InputEncoding encoding)
    {
        encoding = (text ?? "auto").Trim().ToLowerInvariant() switch
        {
            "auto" or "" => InputEncoding.Auto,
            "utf-8" or "utf8" => InputEncoding.Utf8,
            "cp932" or "shift_jis" or "shift-jis" or "sjis" or "windows-31j" => InputEncoding.Cp932,
            _ => (InputEncoding)255,
        };
        return Enum.IsDefined(encoding);
    }

    internal Encoding EncodingFor(string path) => Encoding switch
    {
        InputEncoding.Utf8 => System.Text.Encoding.UTF8,
        InputEncoding.Cp932 => EncodingDetector.ShiftJis,
        _ => EncodingDetector.Detect(path),
    };
}
