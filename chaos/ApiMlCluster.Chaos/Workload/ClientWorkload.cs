using ApiMlCluster.Chaos.Cluster;

namespace ApiMlCluster.Chaos.Workload;

/// <summary>
/// Several client tasks, each running one operation at a time from the weighted mix at a random node; an attempt
/// that gets no answer or a 5xx is retried at the next node, as a client with several gateway addresses (or a load
/// balancer) would, up to every node once. Bounded: each client pauses between operations.
/// </summary>
internal sealed class ClientWorkload(Operations operations, History history, int clients, int seed)
{
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(30);
    private readonly int totalWeight = Operations.Mix.Sum(m => m.Weight);
    private TaskCompletionSource? paused;
    private int inFlight;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(i => ClientAsync(new Random(HashCode.Combine(seed, i)), cancellationToken)));

    /// <summary>Stops starting operations and waits for those in flight, so checks see a quiet cluster.</summary>
    public async Task PauseAsync()
    {
        Interlocked.CompareExchange(ref paused, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
        while (Volatile.Read(ref inFlight) > 0)
        {
            await Task.Delay(20);
        }
    }

    public void Resume() => Interlocked.Exchange(ref paused, null)?.TrySetResult();

    private async Task ClientAsync(Random random, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref paused) is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            Interlocked.Increment(ref inFlight);
            try
            {
                if (Volatile.Read(ref paused) is null && operations.Plan(PickKind(random), random) is { } planned)
                {
                    await RunAsync(planned, random.Next(1, ChaosCluster.Size + 1));
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            try
            {
                await Task.Delay(ThinkTime, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(PlannedOperation planned, int firstNode)
    {
        var start = history.Now;
        var step = default(Step);
        var tries = 0;
        for (; tries < ChaosCluster.Size; tries++)
        {
            var node = ((firstNode - 1 + tries) % ChaosCluster.Size) + 1;
            var started = history.Now;
            step = await planned.Attempt(node, tries);
            history.Add(new Attempt(started, node, planned.Kind, step.Status, step.Outcome, (history.Now - started) * 1000, step.Acknowledged, tries, step.Note));
            if (!step.Retry)
            {
                break;
            }
        }

        history.Add(new Operation(start, history.Now, planned.Kind, step.Acknowledged, step.Outcome, Math.Min(tries + 1, ChaosCluster.Size)));
    }

    private string PickKind(Random random)
    {
        var roll = random.Next(totalWeight);
        foreach (var (kind, weight) in Operations.Mix)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return Operations.Mix[0].Kind;
    }
}
