namespace PlanLink.Ingest.Csv;

/// <summary>The state of one read: the files found, the errors and tallies so far.</summary>
internal sealed class ReadSession(IReadOnlyList<string> roots, ReadOptions options)
{
    public List<RowError> Errors { get; } = [];
    public List<FileTally> Tallies { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>10-digit numbers free text may hold: the office numbers read so far.</summary>
    public IReadOnlySet<string>? PublicNumbers { get; set; }

    private IEnumerable<string> Find(FileSpec spec) =>
        roots.SelectMany(root => Directory.EnumerateFiles(root, spec.FileName, new EnumerationOptions
        {
            RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive,
        })).Distinct().Order(StringComparer.Ordinal);

    private string Display(string path)
    {
        var root = roots.FirstOrDefault(r => path.StartsWith(r, StringComparison.Ordinal));
        return root is null ? path : Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, path).Replace('\\', '/');
    }

    public List<T> Read<T, TKey>(FileSpec spec, Func<RowFields, T> map, Func<T, TKey> key, Action<RowFields>? check = null)
        where T : class where TKey : notnull =>
        Read(spec, map, key, check is null ? null : (r, _) => check(r));

    public List<T> Read<T, TKey>(FileSpec spec, Func<RowFields, T> map, Func<T, TKey> key, Action<RowFields, T>? check)
        where T : class where TKey : notnull
    {
        var kept = new Dictionary<TKey, T>();
        var order = new List<T>();
        foreach (var path in Find(spec))
        {
            options.OnFile?.Invoke(Display(path));
            var tally = new ContractFileReader<T, TKey>(path, Display(path), spec, options, this).Read(map, key, check, kept, order);
            Tallies.Add(tally);
        }
        return order;
    }
}
