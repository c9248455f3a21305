using System.Collections.Concurrent;
using System.Diagnostics;

namespace ApiMlCluster.Chaos.Workload;

internal enum Outcome
{
    /// <summary>The answer the operation expects (which may be a 401 for a probe of a revoked token).</summary>
    Ok,

    /// <summary>A 4xx the operation did not expect.</summary>
    Rejected,

    /// <summary>A 5xx.</summary>
    ServerError,

    /// <summary>No HTTP answer: refused, reset or timed out.</summary>
    TransportError,

    /// <summary>An answer that breaks an invariant (a revoked token accepted, an acknowledged entry missing).</summary>
    Violation,
}

/// <summary>One request to one node. <see cref="T"/> is seconds since the run started.</summary>
internal sealed record Attempt(double T, int Node, string Kind, int Status, Outcome Outcome, double LatencyMs, bool Acknowledged, int Try, string? Note);

/// <summary>One client operation: its attempts, the last of which decides whether it was acknowledged.</summary>
internal sealed record Operation(double Start, double End, string Kind, bool Acknowledged, Outcome Outcome, int Tries);

/// <summary>Everything the clients did, in the order it finished; thread-safe.</summary>
internal sealed class History
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Attempt> attempts = new();
    private readonly ConcurrentQueue<Operation> operations = new();
    private readonly ConcurrentQueue<string> violations = new();

    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    public double Now => clock.Elapsed.TotalSeconds;

    public IReadOnlyCollection<Attempt> Attempts => attempts;

    public IReadOnlyCollection<Operation> Operations => operations;

    /// <summary>Invariant breaches seen by the workload itself, as they happened.</summary>
    public IReadOnlyCollection<string> Violations => violations;

    public void Add(Attempt attempt) => attempts.Enqueue(attempt);

    public void Add(Operation operation) => operations.Enqueue(operation);

    public void Violation(string text) => violations.Enqueue($"t={Now:F1}s {text}");
}
