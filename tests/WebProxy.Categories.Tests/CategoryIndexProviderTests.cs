using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WebProxy.Categories.Snapshots;
using WebProxy.Categories.Tests.Support;
using WebProxy.Testing;

namespace WebProxy.Categories.Tests;

public sealed class CategoryIndexProviderTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly CategorySnapshotStore _store;

    public CategoryIndexProviderTests()
    {
        _store = new CategorySnapshotStore(_data.Path);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_reload_swaps_in_the_snapshot_and_raises_Changed_and_a_failed_one_keeps_the_current_index()
    {
        Save(Indexes.Of("gambling", "casino.test"));
        using var provider = new CategoryIndexProvider(_store);
        CategoryIndexChangedEventArgs? changed = null;
        provider.Changed += (_, e) => changed = e;

        Assert.True(provider.ReloadFromSnapshot().Succeeded);
        var loaded = provider.Current;
        Assert.NotEqual(0UL, loaded.MatchHost("www.casino.test"));
        Assert.Same(loaded, changed!.Current);
        Assert.Equal(0, changed.Previous.DomainCount);

        File.WriteAllText(_store.SnapshotPath, "this is not a category snapshot");
        var failed = provider.ReloadFromSnapshot();

        Assert.True(failed.Failed);
        Assert.Contains("bad magic", failed.Error, StringComparison.Ordinal);
        Assert.Same(loaded, provider.Current);
    }

    [Fact]
    public void A_throwing_Changed_handler_does_not_undo_the_swap()
    {
        Save(Indexes.Of("chat", "chat.test"));
        using var provider = new CategoryIndexProvider(_store);
        provider.Changed += (_, _) => throw new InvalidOperationException("subscriber bug");

        Assert.True(provider.ReloadFromSnapshot().Succeeded);
        Assert.Equal(1, provider.Current.DomainCount);
    }

    [Fact]
    public async Task Readers_see_the_old_or_the_new_index_never_an_exception_or_a_mix_while_reloads_happen()
    {
        var first = Indexes.Of("gambling", "casino.test", "bets.test");
        var second = Indexes.Of("chat", "chat.test");
        Save(first);
        using var provider = new CategoryIndexProvider(_store);
        provider.ReloadFromSnapshot();
        using var stop = new CancellationTokenSource();
        var reads = 0L;

        var readers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount - 1)).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var index = provider.Current;
                var casino = index.MatchHost("www.casino.test") != 0;
                var chat = index.MatchHost("chat.test") != 0;
                if (casino == chat || provider.Current.MatchHost("bets.test") is not (0 or 1))
                {
                    throw new InvalidOperationException($"Mixed answer: casino {casino}, chat {chat}.");
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 40 || (Interlocked.Read(ref reads) < 100_000 && elapsed.Elapsed < TimeSpan.FromSeconds(5)); i++)
        {
            Save(i % 2 == 0 ? second : first);
            Assert.True(provider.ReloadFromSnapshot().Succeeded);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(reads > 1000, $"only {reads} reads");
    }

    [Fact]
    public async Task The_watcher_reloads_within_two_seconds_of_a_save_and_ignores_temp_files()
    {
        using var provider = new CategoryIndexProvider(_store);
        provider.WatchSnapshot();
        var changes = 0;
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += (_, _) =>
        {
            Interlocked.Increment(ref changes);
            reloaded.TrySetResult();
        };

        await File.WriteAllBytesAsync(Path.Combine(_store.Directory, "index.snapshot.abc.tmp"), [1, 2, 3]);
        await Task.Delay(600);
        Assert.Equal(0, changes);

        Save(Indexes.Of("warez", "warez.test", "crack.test"));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(2, provider.Current.DomainCount);
        await Task.Delay(500);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Reloads_are_counted_by_result_and_the_domain_count_is_a_gauge()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var provider = new CategoryIndexProvider(_store, meterFactory: factory);
        var measurements = new List<(string Name, long Value, string? Result)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "WebProxy.Categories" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().FirstOrDefault(t => t.Key == "result").Value as string)));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measurements.Add((instrument.Name, value, null)));
        listener.Start();

        provider.ReloadFromSnapshot();
        Save(Indexes.Of("chat", "a.test", "b.test", "c.test"));
        provider.ReloadFromSnapshot();
        listener.RecordObservableInstruments();

        Assert.Contains(("webproxy.categories.reloads", 1L, "failed"), measurements);
        Assert.Contains(("webproxy.categories.reloads", 1L, "ok"), measurements);
        Assert.Contains(("webproxy.categories.domains", 3L, null), measurements);
    }

    private void Save(Policy.Categories.CategoryIndex index) => _store.Save(index, Indexes.ReportFor(index));
}
