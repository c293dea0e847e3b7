using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebProxy.Categories.Snapshots;
using WebProxy.Policy.Categories;

namespace WebProxy.Categories;

/// <summary>
/// Holds the current <see cref="CategoryIndex"/>. Readers take <see cref="Current"/> (a volatile read, no lock) and
/// use that one index for the whole decision; a reload builds a complete new index first and then swaps the
/// reference, so every reader sees either the old index or the new one, never a mix. A failed reload keeps the old
/// index. Reloads are serialised among themselves.
/// </summary>
public sealed class CategoryIndexProvider : IDisposable
{
    /// <summary>The default quiet time after the last file event before a watched reload.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(250);

    private readonly CategorySnapshotStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CategoryMetrics? _metrics;
    private readonly Lock _reloadLock = new();
    private readonly Lock _watchLock = new();
    private volatile CategoryIndex _current;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private TimeSpan _debounce;
    private bool _disposed;

    /// <param name="store">Where the snapshot lives.</param>
    /// <param name="initial">The index before the first reload; <see cref="CategoryIndex.Empty"/> when null.</param>
    /// <param name="meterFactory">For the <c>WebProxy.Categories</c> meter; null for no metrics.</param>
    /// <param name="timeProvider">The clock for the watcher's debounce.</param>
    /// <param name="logger">Where reloads are logged.</param>
    public CategoryIndexProvider(
        CategorySnapshotStore store,
        CategoryIndex? initial = null,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null,
        ILogger<CategoryIndexProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _current = initial ?? CategoryIndex.Empty;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CategoryIndexProvider>.Instance;
        _metrics = meterFactory is null ? null : new CategoryMetrics(meterFactory, this);
    }

    /// <summary>Raised after a swap, on the thread that swapped. A handler that throws is logged, not propagated.</summary>
    public event EventHandler<CategoryIndexChangedEventArgs>? Changed;

    /// <summary>The index to use now. Take it once per decision.</summary>
    public CategoryIndex Current => _current;

    /// <summary>Loads the snapshot and swaps it in; on any failure the current index stays and the result says why.</summary>
    public CategoryReloadResult ReloadFromSnapshot()
    {
        CategoryIndex previous;
        CategoryIndex next;
        lock (_reloadLock)
        {
            var loaded = _store.TryLoad();
            if (!loaded.IsLoaded)
            {
                var error = loaded.Error ?? "The category snapshot cannot be loaded.";
                _metrics?.Reloaded(ok: false);
                CategoriesLog.ReloadFailed(_logger, error);
                return new CategoryReloadResult(false, error);
            }

            next = loaded.Index;
            previous = Interlocked.Exchange(ref _current, next);
        }

        _metrics?.Reloaded(ok: true);
        CategoriesLog.Reloaded(_logger, next.DomainCount, next.UrlCount, next.ExpressionCount);
        RaiseChanged(previous, next);
        return CategoryReloadResult.Ok;
    }

    /// <summary>Makes <paramref name="index"/> current (for example one just imported in this process).</summary>
    public void Replace(CategoryIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        CategoryIndex previous;
        lock (_reloadLock)
        {
            previous = Interlocked.Exchange(ref _current, index);
        }

        RaiseChanged(previous, index);
    }

    /// <summary>
    /// Reloads whenever the snapshot file is replaced (by <c>categories update</c> in another process, or a
    /// <see cref="CategorySnapshotStore.Save"/> here), after <paramref name="debounce"/> of quiet. Temp files are
    /// ignored. Idempotent; stopped by <see cref="Dispose"/>.
    /// </summary>
    /// <param name="debounce">The quiet time; <see cref="DefaultDebounce"/> when null.</param>
    public void WatchSnapshot(TimeSpan? debounce = null)
    {
        lock (_watchLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watcher is not null)
            {
                return;
            }

            _debounce = debounce ?? DefaultDebounce;
            Directory.CreateDirectory(_store.Directory);
            _debounceTimer = _timeProvider.CreateTimer(_ => ReloadFromSnapshot(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var watcher = new FileSystemWatcher(_store.Directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Created += OnFileEvent;
            watcher.Changed += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += OnWatcherError;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
    }

    public void Dispose()
    {
        lock (_watchLock)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
            _debounceTimer?.Dispose();
            _debounceTimer = null;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // A save renames "index.snapshot.<guid>.tmp" over "index.snapshot": only events naming the final file count.
        if (string.Equals(e.Name, CategorySnapshotStore.SnapshotFileName, StringComparison.Ordinal))
        {
            ScheduleReload();
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // An overflowed event buffer may have hidden a replacement.
        CategoriesLog.WatcherError(_logger, e.GetException());
        ScheduleReload();
    }

    private void ScheduleReload()
    {
        lock (_watchLock)
        {
            _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void RaiseChanged(CategoryIndex previous, CategoryIndex current)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        var args = new CategoryIndexChangedEventArgs(previous, current);
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<CategoryIndexChangedEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // A subscriber's failure must not undo or hide a completed swap.
            catch (Exception e)
#pragma warning restore CA1031
            {
                CategoriesLog.ChangedHandlerFailed(_logger, e);
            }
        }
    }
}
