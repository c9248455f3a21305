using System.Diagnostics;
using ApiMlCluster.Auth.Revocation;

namespace ApiMlCluster.Bench;

/// <summary>
/// What the revocation set costs a node: managed memory of <see cref="RevocationSnapshot"/> per 100,000 revoked
/// tokens, the packed form a bucket snapshot takes, and how long a prune pass over a million entries holds a thread.
/// </summary>
internal static class RevocationMemoryBench
{
    private const int Hundred = 100_000;
    private const int Million = 1_000_000;

    public static void Run()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var random = new Random(42);

        var memory = new List<string[]>();
        foreach (var count in new[] { Hundred, Million })
        {
            var ids = RandomIds.Create(random, count);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var watch = Stopwatch.StartNew();
            var snapshot = Fill(ids, () => now + random.Next(1, 8 * 3600));
            var fill = watch.Elapsed;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(snapshot);
            GC.KeepAlive(ids);
            var bytes = after - before;
            memory.Add([
                Report.Count(snapshot.Count),
                Report.Bytes(bytes),
                Report.Fixed((double)bytes / count, 1),
                Report.Bytes(bytes * Hundred / count),
                Report.Ms(fill.TotalMilliseconds),
            ]);
        }

        Report.Table(
            "RevocationSnapshot managed memory (random ids, GC.GetTotalMemory(true) before/after, one Add at a time)",
            ["entries", "managed bytes", "bytes/entry", "per 100,000 entries", "fill time ms"],
            memory);

        var entries = RandomIds.Create(random, Hundred).Select(id => KeyValuePair.Create(id, now + random.Next(1, 8 * 3600))).ToList();
        var packWatch = Stopwatch.StartNew();
        var packed = PackedEntries.Pack(entries);
        var packMs = packWatch.Elapsed.TotalMilliseconds;
        var unpacked = PackedEntries.Unpack(packed).Count();
        Report.Table(
            "PackedEntries (bucket snapshot form)",
            ["entries", "packed size", "bytes/entry", "Pack time ms", "round trip"],
            [[Report.Count(entries.Count), Report.Bytes(packed.Length), Report.Fixed((double)packed.Length / entries.Count, 1), Report.Ms(packMs), unpacked == entries.Count ? "ok" : $"{unpacked} unpacked"]]);

        // Expiries spread over now ± 1 h, so the cutoff picks how much of the set a pass removes.
        var prune = new List<string[]>();
        foreach (var (label, cutoff) in new[] { ("none expired", now - 7200), ("half expired", now), ("all expired", now + 7200) })
        {
            var snapshot = Fill(RandomIds.Create(random, Million), () => now - 3600 + random.Next(0, 7200));
            var watch = Stopwatch.StartNew();
            var removed = snapshot.Prune(cutoff);
            prune.Add([label, Report.Count(Million), Report.Count(removed), Report.Ms(watch.Elapsed.TotalMilliseconds)]);
        }

        Report.Table("RevocationSnapshot.Prune over 1,000,000 entries", ["case", "entries", "removed", "time ms"], prune);
    }

    private static RevocationSnapshot Fill(Guid[] ids, Func<long> expiry)
    {
        var snapshot = new RevocationSnapshot();
        foreach (var id in ids)
        {
            snapshot.Apply(new ApiMlCluster.Auth.Revocation.RevokedToken(id, expiry()));
        }

        return snapshot;
    }
}
