using PlanLink.Analytics.Periods;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Store;

namespace PlanLink.Host.Serve;

/// <summary>The embedded store, for a council without a database server: each accepted export's contract files
/// are copied to <c>store/current/{offices}_{period}_{sha}</c> (written under <c>store/tmp</c>, then renamed into
/// place, so a folder in current/ is always complete). The same files again are a no-op; a newer export of the
/// same offices and period moves the older one to <c>store/superseded</c>. Reports read <c>store/current</c>, as
/// <c>planlink report --input store/current</c> does.</summary>
public sealed class FolderExportStore(string root) : IExportStore
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Current => Path.Combine(Root, "current");
    public string Superseded => Path.Combine(Root, "superseded");
    private string Temporary => Path.Combine(Root, "tmp");

    public string Describe() => Current;

    public Task<string> AddAsync(BatchSource batch, CancellationToken ct)
    {
        Directory.CreateDirectory(Current);
        var prefix = $"{Safe(batch.BatchKey)}_{batch.PeriodText ?? BatchSource.ReferenceKey}_";
        var name = prefix + batch.ContentSha256[..16];
        var target = Path.Combine(Current, name);
        string line;
        if (Directory.Exists(target))
        {
            line = $"保存済みのため変更なし / already stored as {name} — nothing written";
        }
        else
        {
            var temporary = Path.Combine(Temporary, name + "." + Guid.NewGuid().ToString("N")[..8]);
            foreach (var file in batch.Files)
            {
                ct.ThrowIfCancellationRequested();
                var to = Path.Combine(temporary, file.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(Path.Combine(batch.Folder, file.FileName), to);
            }
            Directory.Move(temporary, target); // the commit point
            line = $"保存しました / stored {name}: {batch.Files.Count} files";
        }
        // Older exports of the same offices and period (also after a crash between the rename and this move).
        if (batch.BatchKey != BatchSource.ReferenceKey)
        {
            foreach (var older in Directory.EnumerateDirectories(Current, prefix + "*").Where(d => Path.GetFileName(d) != name).ToList())
            {
                Directory.CreateDirectory(Superseded);
                Directory.Move(older, Unique(Path.Combine(Superseded, Path.GetFileName(older))));
                line += $" — 旧版を置き換え / supersedes {Path.GetFileName(older)}";
            }
        }
        return Task.FromResult(line);
    }

    public ReadResult Load(FiscalQuarter? quarter)
    {
        Directory.CreateDirectory(Current);
        return ContractReader.ReadFolders([Current]);
    }

    /// <summary>Removes half-copied exports a crash left under tmp/ (they were never in current/).</summary>
    public void CleanUp()
    {
        if (Directory.Exists(Temporary)) Directory.Delete(Temporary, recursive: true);
    }

    internal static string Unique(string path)
    {
        var candidate = path;
        for (var n = 2; Directory.Exists(candidate) || File.Exists(candidate); n++) candidate = $"{path}.{n}";
        return candidate;
    }

    /// <summary>The batch key as a folder name: as is when short, else the first office, the count of the others and
    /// a hash of the whole key (a region-wide export names hundreds of offices; paths have limits).</summary>
    internal static string Safe(string key)
    {
        var safe = string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' ? c : '_'));
        if (safe.Length <= 48) return safe;
        var offices = safe.Split('+');
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8];
        return $"{offices[0]}+{offices.Length - 1}more-{hash}";
    }
}
