using CsvHelper;

namespace PlanLink.Ingest.Csv;

/// <summary>Streams the rows of one contract file (UTF-8 with BOM, English headers), so that a writer
/// of millions of rows never holds them in memory. Rows come from <see cref="ContractWriter"/>'s <c>Fields</c>.</summary>
public sealed class ContractFileWriter : IDisposable
{
    private readonly CsvWriter _csv;

    public ContractFileWriter(string folder, FileSpec spec)
    {
        Spec = spec;
        _csv = CsvWriter.ToFile(Path.Combine(folder, spec.FileName), CsvWriterOptions.Default with { WriteByteOrderMark = true });
        foreach (var name in spec.ColumnNames) _csv.WriteField(name);
        _csv.EndRecord();
    }

    public FileSpec Spec { get; }

    /// <summary>Data rows written so far (the header not counted).</summary>
    public long Rows { get; private set; }

    public void Write(string?[] fields)
    {
        foreach (var value in fields) _csv.WriteField(value);
        _csv.EndRecord();
        Rows++;
    }

    public void Dispose() => _csv.Dispose();
}
