using System.Security.Cryptography;
using System.Text;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Store;

/// <summary>One export folder ready to import: its files with SHA-256, and what <see cref="ContractReader"/>
/// read from it (validated and screened before anything is written).</summary>
/// <remarks>A batch is a folder that directly holds contract files, read with everything below it. Its key is
/// the set of consultation offices of its plans.csv rows (normally one; several are joined with '+'), else the
/// provider offices of support_plans.csv, else <c>reference</c>; its period is the fiscal quarter of its latest
/// plan_date, since, monitoring_date or support plan date.</remarks>
public sealed class BatchSource
{
    private BatchSource(string folder, IReadOnlyList<ImportedFile> files, string contentSha256, ReadResult read)
    {
        Folder = folder;
        Files = files;
        ContentSha256 = contentSha256;
        Read = read;
        var dataset = read.Dataset;
        OfficeIds = dataset.Plans.Select(p => p.OfficeId).Distinct().Order(StringComparer.Ordinal).ToList();
        if (OfficeIds.Count == 0)
            OfficeIds = dataset.SupportPlans.Select(p => p.ProviderOfficeId).Distinct().Order(StringComparer.Ordinal).ToList();
        BatchKey = OfficeIds.Count == 0 ? ReferenceKey : string.Join('+', OfficeIds);
        var latest = dataset.Plans.Select(p => p.PlanDate)
            .Concat(dataset.Services.Select(s => s.Since))
            .Concat(dataset.Monitoring.Select(m => m.MonitoringDate))
            .Concat(dataset.SupportPlans.Select(s => s.PlanDate))
            .DefaultIfEmpty().Max();
        if (latest != default) Period = FiscalQuarterOf(latest);
    }

    /// <summary>The batch key of an export holding reference data (offices, municipalities) only.</summary>
    public const string ReferenceKey = "reference";

    public string Folder { get; }
    public IReadOnlyList<ImportedFile> Files { get; }
    /// <summary>SHA-256 over the sorted (relative path, file SHA-256) pairs: equal files, equal batch.</summary>
    public string ContentSha256 { get; }
    public ReadResult Read { get; }
    public IReadOnlyList<string> OfficeIds { get; }
    public string BatchKey { get; }
    public (int FiscalYear, int Quarter)? Period { get; }
    public string? PeriodText => Period is { } p ? $"{p.FiscalYear}Q{p.Quarter}" : null;
    public PlanDataset Dataset => Read.Dataset;
    public bool HasContractFiles => Files.Count > 0;

    /// <summary>The Japanese fiscal quarter of a date (April–March; Q1 = April–June). Kept local so Ingest does
    /// not depend on Analytics; it agrees with <c>PlanLink.Analytics.Periods.FiscalQuarter.Of</c>.</summary>
    public static (int FiscalYear, int Quarter) FiscalQuarterOf(DateOnly date) =>
        (date.Month >= 4 ? date.Year : date.Year - 1, (date.Month + 8) % 12 / 3 + 1);

    /// <summary>The batch folders under the given inputs: an input that directly holds a contract file is one
    /// batch (with its subfolders); otherwise each subfolder is looked at the same way. An input with no
    /// contract file at all is returned as is (and then refused as empty).</summary>
    public static IReadOnlyList<string> FindBatchFolders(IEnumerable<string> inputs)
    {
        var found = new List<string>();
        foreach (var input in inputs.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(input)) throw new DirectoryNotFoundException($"入力フォルダがありません / input folder not found: {input}");
            var before = found.Count;
            Collect(input, found);
            if (found.Count == before) found.Add(input);
        }
        return found.Distinct().ToList();
    }

    private static void Collect(string folder, List<string> found)
    {
        if (ContractFiles(folder, recursive: false).Any())
        {
            found.Add(folder);
            return;
        }
        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)) Collect(sub, found);
    }

    private static IEnumerable<string> ContractFiles(string folder, bool recursive) =>
        ContractSchema.All.SelectMany(spec => Directory.EnumerateFiles(folder, spec.FileName, new EnumerationOptions
        {
            RecurseSubdirectories = recursive, MatchCasing = MatchCasing.CaseInsensitive,
        })).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Hashes the folder's contract files, then reads and validates them with <see cref="ContractReader"/>.</summary>
    public static BatchSource Open(string folder)
    {
        folder = Path.GetFullPath(folder);
        var hashed = new List<(string Path, string Relative, string Sha, long Bytes)>();
        foreach (var path in ContractFiles(folder, recursive: true))
        {
            using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            hashed.Add((path, Path.GetRelativePath(folder, path).Replace('\\', '/'), sha, stream.Length));
        }
        var read = ContractReader.ReadFolders([folder]);
        // ContractReader names a file relative to the folder's parent: match its tallies by that name.
        var parent = Path.GetDirectoryName(folder) ?? folder;
        var tallies = read.Tallies.ToDictionary(t => t.File, StringComparer.Ordinal);
        var files = hashed.Select(h =>
        {
            tallies.TryGetValue(Path.GetRelativePath(parent, h.Path).Replace('\\', '/'), out var t);
            return new ImportedFile(h.Relative, h.Sha, h.Bytes, t?.Read ?? 0, t?.Accepted ?? 0, t?.Rejected ?? 0);
        }).OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
        var manifest = new StringBuilder();
        foreach (var f in files) manifest.Append(f.FileName).Append('\0').Append(f.Sha256).Append('\n');
        var content = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
        return new BatchSource(folder, files, content, read);
    }
}
