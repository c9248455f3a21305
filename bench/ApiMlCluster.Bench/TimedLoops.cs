using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>Concurrent request loops that run for a fixed time, with their outcomes and latencies.</summary>
internal static class TimedLoops
{
    // Per loop, far above what a loop can send in the longest allowed run; the clock ends the loops.
    private const int MaxRequestsPerLoop = 10_000_000;

    /// <summary>
    /// Runs <paramref name="concurrency"/> loops for <paramref name="duration"/>, loop i sending <paramref name="send"/>(i)
    /// back to back. <paramref name="prepare"/>(i) runs for all loops at once before the clock starts, so each loop's
    /// connection is open (and its token there) when timing begins.
    /// </summary>
    public static async Task<Phase> RunAsync(
        int concurrency,
        TimeSpan duration,
        string expected,
        Func<int, Task> prepare,
        Func<int, Task<(string Outcome, double Ms)>> send)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(prepare));

        var start = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var outcomes = new Outcomes();
            var latencies = new Latencies();
            for (var n = 0; n < MaxRequestsPerLoop && Stopwatch.GetElapsedTime(start) < duration; n++)
            {
                var (outcome, ms) = await send(i);
                outcomes.Add(outcome);
                if (outcome == expected)
                {
                    latencies.Add(ms);
                }
            }

            return (outcomes, latencies);
        })).ToList();

        var phase = new Phase(expected);
        foreach (var (outcomes, latencies) in await Task.WhenAll(loops))
        {
            phase.Outcomes.AddRange(outcomes);
            phase.Latencies.AddRange(latencies);
        }

        phase.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return phase;
    }

    public sealed class Phase(string expected)
    {
        public Outcomes Outcomes { get; } = new();

        /// <summary>Of the answers with the expected status only; failures can be fast or time out and would skew them.</summary>
        public Latencies Latencies { get; } = new();

        public double Seconds { get; set; }

        public string[] Row(string name) =>
        [
            name,
            Report.Count(Outcomes.Total),
            $"{expected}×{Outcomes.Of(expected):N0}",
            Outcomes.Except(expected),
            Report.Rate(Outcomes.Of(expected) / Seconds),
            Report.Ms(Latencies.Percentile(50)),
            Report.Ms(Latencies.Percentile(99)),
            Report.Ms(Latencies.Max),
        ];
    }
}
