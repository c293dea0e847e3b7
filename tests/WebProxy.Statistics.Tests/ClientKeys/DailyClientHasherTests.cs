using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebProxy.Statistics.ClientKeys;
using WebProxy.Statistics.Tests.Support;

namespace WebProxy.Statistics.Tests.ClientKeys;

public sealed class DailyClientHasherTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public void The_same_client_on_the_same_day_gets_the_same_hash()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 6, 0, 0, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);

        var morning = hasher.Hash("alice", out var morningDay);
        clock.Advance(TimeSpan.FromHours(15)); // 23:00 local (CEST)
        var evening = hasher.Hash("alice", out var eveningDay);

        Assert.Equal(morning, evening);
        Assert.Equal(new DateOnly(2026, 6, 10), morningDay);
        Assert.Equal(morningDay, eveningDay);
        Assert.NotEqual(morning, hasher.Hash("bob", out _));
        Assert.NotEqual(morning, hasher.Hash("10.0.0.7", out _));
    }

    [Fact]
    public void The_next_day_the_same_client_gets_a_different_hash()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 21, 59, 0, TimeSpan.Zero)); // 23:59 local
        using var hasher = new DailyClientHasher(clock, Amsterdam);

        var today = hasher.Hash("alice", out var day1);
        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 local, the next day
        var tomorrow = hasher.Hash("alice", out var day2);

        Assert.NotEqual(today, tomorrow);
        Assert.Equal(new DateOnly(2026, 6, 10), day1);
        Assert.Equal(new DateOnly(2026, 6, 11), day2);
    }

    [Fact]
    public void Yesterdays_hash_cannot_be_matched_with_todays_key()
    {
        // Someone who holds yesterday's sketch and guesses every identity on today's hasher finds no match: the
        // key that made yesterday's value is gone.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);
        var guesses = Enumerable.Range(0, 5000).Select(i => $"person-{i}")
            .Concat(Enumerable.Range(0, 5000).Select(i => $"10.0.{i / 256}.{i % 256}"))
            .ToArray();
        var yesterday = new[] { "person-42", "10.0.3.7" }.Select(id => hasher.Hash(id, out _)).ToHashSet();

        clock.Advance(TimeSpan.FromDays(1));
        var matches = guesses.Count(id => yesterday.Contains(hasher.Hash(id, out _)));

        Assert.Equal(0, matches);
    }

    [Fact]
    public void Two_hashers_on_the_same_day_use_unrelated_keys()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        using var first = new DailyClientHasher(clock, Amsterdam);
        using var second = new DailyClientHasher(clock, Amsterdam);

        Assert.NotEqual(first.Hash("alice", out _), second.Hash("alice", out _));
    }

    [Fact]
    public void A_scope_gives_the_same_client_unrelated_hashes_per_site()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);

        var a = hasher.Hash("example.nl", "alice", out _);
        var b = hasher.Hash("example.org", "alice", out _);

        Assert.NotEqual(a, b);
        Assert.Equal(a, hasher.Hash("example.nl", "alice", out _));
        Assert.NotEqual(hasher.Hash("ab", "c", out _), hasher.Hash("a", "bc", out _));
        Assert.NotEqual(hasher.Hash("", "alice", out _), hasher.Hash("x", "alice", out _));
        Assert.Equal(hasher.Hash("alice", out _), hasher.Hash("", "alice", out _));
    }

    [Fact]
    public void Long_identities_hash_like_short_ones()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);
        var longId = new string('é', 2000);

        Assert.Equal(hasher.Hash(longId, out _), hasher.Hash(longId, out _));
        Assert.NotEqual(hasher.Hash(longId, out _), hasher.Hash(longId.AsSpan(1), out _));
    }

    [Fact]
    public void A_scope_longer_than_65535_bytes_is_refused()
    {
        using var hasher = new DailyClientHasher(new FakeTimeProvider(), Amsterdam);

        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.Hash(new string('a', 65_536), "alice", out _));
    }

    [Fact]
    public void The_spring_forward_day_of_23_hours_is_one_day()
    {
        // 2026-03-29 in Amsterdam: 02:00 CET becomes 03:00 CEST; the day runs from 23:00 UTC to 22:00 UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero)); // 00:00 CET
        using var hasher = new DailyClientHasher(clock, Amsterdam);

        var first = hasher.Hash("alice", out var firstDay);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 29, 21, 59, 59, TimeSpan.Zero)); // 23:59:59 CEST
        var last = hasher.Hash("alice", out var lastDay);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero)); // 00:00 CEST on the 30th
        var next = hasher.Hash("alice", out var nextDay);

        Assert.Equal(new DateOnly(2026, 3, 29), firstDay);
        Assert.Equal(firstDay, lastDay);
        Assert.Equal(first, last);
        Assert.Equal(new DateOnly(2026, 3, 30), nextDay);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void The_fall_back_day_of_25_hours_is_one_day_including_the_repeated_hour()
    {
        // 2026-10-25 in Amsterdam: 03:00 CEST becomes 02:00 CET; the day runs from 22:00 UTC to 23:00 UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero)); // 00:00 CEST
        using var hasher = new DailyClientHasher(clock, Amsterdam);

        var first = hasher.Hash("alice", out var firstDay);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)); // 02:30 CEST
        var summer = hasher.Hash("alice", out _);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)); // 02:30 CET, the hour again
        var winter = hasher.Hash("alice", out _);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 22, 59, 59, TimeSpan.Zero)); // 23:59:59 CET
        var last = hasher.Hash("alice", out var lastDay);
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero)); // 00:00 CET on the 26th
        var next = hasher.Hash("alice", out var nextDay);

        Assert.Equal(new DateOnly(2026, 10, 25), firstDay);
        Assert.Equal(firstDay, lastDay);
        Assert.All(new[] { summer, winter, last }, hash => Assert.Equal(first, hash));
        Assert.Equal(new DateOnly(2026, 10, 26), nextDay);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void A_clock_set_back_keeps_the_newest_key_and_day()
    {
        var clock = new SettableTimeProvider(new DateTimeOffset(2026, 6, 11, 0, 30, 0, TimeSpan.FromHours(2)));
        using var hasher = new DailyClientHasher(clock, Amsterdam);
        var today = hasher.Hash("alice", out var day);

        clock.Now = new DateTimeOffset(2026, 6, 10, 23, 30, 0, TimeSpan.FromHours(2));
        var afterSetBack = hasher.Hash("alice", out var dayAfterSetBack);

        Assert.Equal(today, afterSetBack);
        Assert.Equal(new DateOnly(2026, 6, 11), day);
        Assert.Equal(day, dayAfterSetBack);
    }

    [Fact]
    public void The_hash_is_the_leftmost_64_bits_of_HMAC_SHA256_over_the_scope_length_scope_and_client()
    {
        using var hasher = new DailyClientHasher(new FakeTimeProvider(), Amsterdam);
        hasher.Hash("warm-up", out _);
        var key = (byte[])KeyBytes(hasher).Clone();

        for (var i = 0; i < 3; i++) // the pooled HMAC context resets between uses
        {
            Assert.Equal(Reference(key, "", "10.0.0.7"), hasher.Hash("10.0.0.7", out _));
            Assert.Equal(Reference(key, "bücher.example", "j.de.vries"), hasher.Hash("bücher.example", "j.de.vries", out _));
        }

        static ulong Reference(byte[] key, string scope, string client)
        {
            var scopeBytes = Encoding.UTF8.GetBytes(scope);
            byte[] message = [(byte)(scopeBytes.Length >> 8), (byte)scopeBytes.Length, .. scopeBytes, .. Encoding.UTF8.GetBytes(client)];
            return BinaryPrimitives.ReadUInt64BigEndian(HMACSHA256.HashData(key, message));
        }
    }

    [Fact]
    public void The_old_key_is_zeroed_and_its_HMAC_contexts_freed_when_the_day_changes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);
        hasher.Hash("alice", out _);
        var oldKey = KeyBytes(hasher);
        var oldContexts = Contexts(hasher);
        var pooled = oldContexts.ToArray();
        Assert.Contains(oldKey, b => b != 0);
        Assert.NotEmpty(pooled);

        clock.Advance(TimeSpan.FromDays(1));
        hasher.Hash("alice", out _);

        Assert.All(oldKey, b => Assert.Equal(0, b));
        Assert.NotSame(oldKey, KeyBytes(hasher));
        Assert.True(oldContexts.IsEmpty);
        Assert.All(pooled, context => Assert.Throws<ObjectDisposedException>(() => context.AppendData([1])));
    }

    [Fact]
    public void Dispose_zeroes_the_key_and_ends_hashing()
    {
        var hasher = new DailyClientHasher(new FakeTimeProvider(), Amsterdam);
        hasher.Hash("alice", out _);
        var key = KeyBytes(hasher);

        hasher.Dispose();

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => hasher.Hash("alice", out _));
    }

    [Fact]
    public void The_key_is_no_property_and_not_in_ToString()
    {
        using var hasher = new DailyClientHasher(new FakeTimeProvider(), Amsterdam);
        hasher.Hash("alice", out _);
        var key = KeyBytes(hasher);
        var text = hasher.ToString() ?? string.Empty;

        foreach (var type in new[] { typeof(DailyClientHasher), typeof(DayKey) })
        {
            var properties = type.GetProperties(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
            Assert.DoesNotContain(properties, p => p.PropertyType == typeof(byte[])
                || p.PropertyType.Name.Contains("Span", StringComparison.Ordinal)
                || p.PropertyType.Name.Contains("Memory", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(Convert.ToHexString(key), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(key), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoding.Latin1.GetString(key), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashing_allocates_nothing()
    {
        using var hasher = new DailyClientHasher(new FakeTimeProvider(), Amsterdam);

        Assert.Equal(0, Allocations.SteadyState(() => hasher.Hash("10.20.30.40", out _)));
        Assert.Equal(0, Allocations.SteadyState(() => hasher.Hash("example.nl", "alice", out _)));
    }

    [Fact]
    public void Threads_hashing_across_midnight_get_exactly_one_hash_per_day()
    {
        // A hash made with a key being zeroed at that moment would be a third value; the retry protocol in DayKey
        // must prevent it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 21, 59, 59, TimeSpan.Zero));
        using var hasher = new DailyClientHasher(clock, Amsterdam);
        var results = new ConcurrentBag<(DateOnly Day, ulong Hash)>();
        using var start = new Barrier(5);
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 20_000; i++)
            {
                var hash = hasher.Hash("alice", out var day);
                results.Add((day, hash));
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        start.SignalAndWait();
        Thread.Sleep(5);
        clock.Advance(TimeSpan.FromSeconds(2));
        threads.ForEach(t => t.Join());

        var perDay = results.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Select(r => r.Hash).Distinct().Count());
        Assert.All(perDay.Values, distinct => Assert.Equal(1, distinct));
        Assert.Contains(new DateOnly(2026, 6, 11), perDay.Keys);
    }

    private static byte[] KeyBytes(DailyClientHasher hasher) => (byte[])PrivateField(CurrentKey(hasher), "_key");

    private static ConcurrentQueue<IncrementalHash> Contexts(DailyClientHasher hasher) =>
        (ConcurrentQueue<IncrementalHash>)PrivateField(CurrentKey(hasher), "_contexts");

    private static DayKey CurrentKey(DailyClientHasher hasher) => (DayKey)PrivateField(hasher, "_current");

    private static object PrivateField(object instance, string name) =>
        instance.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(instance)!;

    /// <summary>A clock that may be set back, which <see cref="FakeTimeProvider"/> refuses.</summary>
    private sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
