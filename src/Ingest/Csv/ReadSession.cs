namespace PlanLink.Ingest.Csv;

/// <summary>The state of one read: the files found, the errors and tallies so far.</summary>
internal sealed class ReadSession(IReadOnlyList<string> roots, ReadOptions options)
{
    public List<RowError> Errors { get; } = [];
    public List<FileTally> Tallies { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>10-digit numbers free text may hold: the office numbers read so far.</summary>
    public IReadOnlySet<string>? PublicNumbers { get; set; }
    /// <summary>The office numbers of offices.csv by value: the later files' rows share their strings.</summary>
    public IReadOnlyDictionary<long, string>? OfficeNumbers { get; set; }

    // Every file under the folders by name (in any case): found in one walk when first asked, and shared with the forks.
    private Lazy<ILookup<string, string>> _files = new(() => roots
        .SelectMany(root => Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true }))
        .Distinct().ToLookup(path => Path.GetFileName(path), StringComparer.OrdinalIgnoreCase));

    private IEnumerable<string> Find(FileSpec spec) => _files.Value[spec.FileName].Order(StringComparer.Ordinal);

    /// <summary>The bytes of every contract file found.</summary>
    public long InputBytes() => ContractSchema.All.SelectMany(Find).Sum(path => new FileInfo(path).Length);

    private string Display(string path)
    {
        var root = roots.FirstOrDefault(r => path.StartsWith(r, StringComparison.Ordinal));
        return root is null ? path : Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, path).Replace('\\', '/');
    }

    /// <summary>Parses and settles one file type whose checks need no other file type: its rows kept, and their table by key.</summary>
    public KeyTable<T, TKey> Read<T, TKey>(FileSpec spec, Func<RowFields, Func<T>> bind, Func<T, TKey> key, Action<RowFields, T>? rowCheck = null)
        where TKey : notnull =>
        Settle(Parse(spec, bind, rowCheck, []), key, null);

    /// <summary>Parses every file of a file type (see <see cref="ContractFileReader{T}.Parse"/>), in file order.</summary>
    public List<ParsedFile<T>> Parse<T>(FileSpec spec, Func<RowFields, Func<T>> bind, Action<RowFields, T>? rowCheck, IReadOnlyList<string> checkedColumns)
    {
        var parsed = new List<ParsedFile<T>>();
        var paths = Find(spec).ToList();
        try
        {
            // In a parallel read, files are announced (OnFile) in the same order as a sequential read would.
            AnnounceAfter?.GetAwaiter().GetResult();
            for (var i = 0; i < paths.Count; i++)
            {
                options.OnFile?.Invoke(Display(paths[i]));
                if (i == paths.Count - 1) Announced?.TrySetResult();
                parsed.Add(new ContractFileReader<T>(paths[i], Display(paths[i]), spec, options, this).Parse(bind, rowCheck, checkedColumns));
            }
            Announced?.TrySetResult();
        }
        catch
        {
            // A read that fails before its last file was announced stops the announcements (and reads) after it.
            Announced?.TrySetCanceled();
            throw;
        }
        return parsed;
    }

    /// <summary>Runs the reference checks of a parsed file type and keeps the first row of each key (identical
    /// re-sent rows count once): the rows kept (<see cref="KeyTable{T, TKey}.Kept"/>), in file and line order. Errors and tallies go to this session.</summary>
    /// <param name="parentKey">The index of the parent whose id leads the key, shared by adjacent rows, and the rest of
    /// the key (see <see cref="KeyTable{T, TKey}"/>), if any: the check found the parent, so asking again costs no lookup.</param>
    /// <param name="parents">How many parents there are (the rows a parent id must name).</param>
    public KeyTable<T, TKey> Settle<T, TKey>(List<ParsedFile<T>> parsed, Func<T, TKey> key, Action<T, PendingRow>? check,
        Func<T, ParentKey>? parentKey = null, int parents = 0)
        where TKey : notnull
    {
        // Sized for every parsed row up front: growing a table of millions of keys rehashes them all, more than once.
        var rows = parsed.Sum(f => f.Count);
        var kept = new KeyTable<T, TKey>(key, parentKey, parsed.Count > 0 ? parsed[0].Rows : [], rows, parents);
        foreach (var file in parsed) Tallies.Add(file.Settle(check, kept, Errors));
        kept.Complete();
        return kept;
    }

    /// <summary>Set on a session that reads one file type beside others: it announces its first file once
    /// this task completes (the announcement of the file type before it).</summary>
    public Task? AnnounceAfter { get; private init; }
    /// <summary>Completed once this session announced its last file (canceled when it failed first).</summary>
    public TaskCompletionSource? Announced { get; private init; }

    /// <summary>A session for reading one file type on another thread: same folders, options and public
    /// numbers, its own errors, tallies and warnings (merged back with <see cref="Merge"/> in file-type order).</summary>
    public ReadSession Fork(Task announceAfter) => new(roots, options)
    {
        _files = _files,
        PublicNumbers = PublicNumbers,
        OfficeNumbers = OfficeNumbers,
        AnnounceAfter = announceAfter,
        Announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
    };

    /// <summary>Appends what a forked session found, as if it had been read by this one at this point.</summary>
    public void Merge(ReadSession forked)
    {
        Errors.AddRange(forked.Errors);
        Tallies.AddRange(forked.Tallies);
        Warnings.AddRange(forked.Warnings);
    }
}
