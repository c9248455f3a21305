using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Caching.Storage;

namespace ApiMlCluster.Bench;

/// <summary>
/// What 1,000,000 cache entries cost in memory (the bucket states that hold them, all on one node: the worst case
/// for a three-node cluster), and what a bucket's snapshot costs to write and to recover from, as the journal's
/// serializer (System.Text.Json, general defaults) writes it.
/// </summary>
internal static class CachingMemoryBench
{
    public static void Run(int entries, int valueBytes)
    {
        var buckets = BucketAddress.BucketsPerNamespace;
        var value = Encoding.UTF8.GetBytes(new string('v', valueBytes));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var states = Enumerable.Range(0, buckets).Select(_ => new BucketState(1024)).ToArray();
        for (var i = 0; i < entries; i++)
        {
            var key = $"fill-{i}";
            // A private copy per entry, as entries arriving over the network have.
            states[BucketAddress.Bucket(key)].Apply(new EntryWritten(Guid.Empty, key, (byte[])value.Clone(), 1_700_000_000_000 + i, null));
        }

        var fill = watch.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(states);
        var bytes = after - before;
        Report.Table(
            $"{entries:N0} cache entries in one namespace ({buckets} buckets), {valueBytes} B values, keys 'fill-N'",
            ["entries", "managed bytes", "bytes/entry", "largest bucket", "fill ms"],
            [[Report.Count(states.Sum(s => s.Count)), Report.Bytes(bytes), Report.Fixed((double)bytes / entries, 1), Report.Count(states.Max(s => s.Count)), Report.Ms(fill.TotalMilliseconds)]]);

        var largest = states.MaxBy(s => s.Count)!;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        watch.Restart();
        var snapshot = largest.ToSnapshot();
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, options);
        var write = watch.Elapsed;
        watch.Restart();
        var read = JsonSerializer.Deserialize<BucketSnapshot>(json, options)!;
        var recovered = BucketState.From(read, 1024);
        var recover = watch.Elapsed;
        Report.Table(
            "Snapshot of the largest bucket (what a bucket writes every ≥ size/2 events, and reads when it starts)",
            ["entries", "snapshot bytes", "serialize ms", "deserialize + rebuild ms", "recovered"],
            [[Report.Count(largest.Count), Report.Bytes(json.Length), Report.Ms(write.TotalMilliseconds), Report.Ms(recover.TotalMilliseconds), recovered.Count == largest.Count ? "ok" : $"{recovered.Count}"]]);
    }
}
