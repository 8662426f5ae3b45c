namespace PlanLink.Ingest.Privacy;

/// <summary>An export holds a direct identifier (domain.md §6): the whole read is refused.
/// Names where it was found and what kind, never the value itself.</summary>
public sealed class IdentifierFoundException(string file, long line, string column, IdentifierKind kind, bool inHeader)
    : InputRefusedException(inHeader
        ? $"個人を特定する列があるため取り込みを拒否しました: {file} {line}行目 列「{column}」（{kind.Japanese()}） / refused: {file} line {line} column '{column}' is {kind.English()} column; remove it (or use planlink anonymise)"
        : $"個人を特定する情報があるため取り込みを拒否しました: {file} {line}行目 列「{column}」に{kind.Japanese()}らしき記載（値は表示しません） / refused: {file} line {line} column '{column}' holds {kind.English()} (value not shown); nothing from this read was used")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Column { get; } = column;
    public IdentifierKind Kind { get; } = kind;
    /// <summary>True when the column itself is an identifier (氏名, 住所 …), false when a value was.</summary>
    public bool InHeader { get; } = inHeader;
}
