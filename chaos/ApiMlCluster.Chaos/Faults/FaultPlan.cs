namespace ApiMlCluster.Chaos.Faults;

internal enum FaultKind
{
    /// <summary>SIGKILL of one node, then a restart.</summary>
    Kill,

    /// <summary>SIGTERM (graceful leave) of one node, then a restart.</summary>
    Term,

    /// <summary>One node cut off from the other two at the cluster transport, then healed.</summary>
    Partition,

    /// <summary>Every node stopped, then all started again.</summary>
    ColdRestart,
}

/// <summary>A fault to inject: on which node (ignored by a cold restart) and how long it lasts before recovery starts.</summary>
internal sealed record PlannedFault(int Index, FaultKind Kind, int Node, TimeSpan Hold)
{
    public string Label => Kind == FaultKind.ColdRestart ? $"#{Index} cold restart" : $"#{Index} {Name(Kind)} lpar{Node}";

    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.Kill => "SIGKILL+restart",
        FaultKind.Term => "SIGTERM+restart",
        FaultKind.Partition => "partition+heal",
        _ => "cold restart",
    };
}

/// <summary>
/// The seeded fault schedule: the first faults cover every kind in a shuffled order (SIGKILL, SIGTERM and the
/// partition first, so even a three-fault run has each), the rest are drawn with weights. Same seed, same plan.
/// </summary>
internal static class FaultPlan
{
    /// <summary>Longer than failure detection plus the resolver's stable-after (failover: fast), so the minority is downed.</summary>
    public static readonly TimeSpan PartitionHold = TimeSpan.FromSeconds(12);

    public static IReadOnlyList<PlannedFault> Create(int count, int seed, bool partitionPossible)
    {
        var random = new Random(seed);
        var basics = new List<FaultKind> { FaultKind.Kill, FaultKind.Term };
        if (partitionPossible)
        {
            basics.Add(FaultKind.Partition);
        }

        var kinds = Shuffle(basics, random).Append(FaultKind.ColdRestart).ToList();
        while (kinds.Count < count)
        {
            var roll = random.Next(100);
            kinds.Add(roll switch
            {
                < 40 => FaultKind.Kill,
                < 65 => FaultKind.Term,
                < 90 when partitionPossible => FaultKind.Partition,
                < 90 => FaultKind.Kill,
                _ => FaultKind.ColdRestart,
            });
        }

        return [.. kinds.Take(count).Select((kind, i) => new PlannedFault(i + 1, kind, random.Next(1, 4), kind switch
        {
            FaultKind.Kill => TimeSpan.FromSeconds(random.Next(2, 5)),
            FaultKind.Term => TimeSpan.FromSeconds(random.Next(1, 3)),
            FaultKind.Partition => PartitionHold + TimeSpan.FromSeconds(random.Next(0, 2)),
            _ => TimeSpan.Zero,
        }))];
    }

    private static List<FaultKind> Shuffle(List<FaultKind> kinds, Random random)
    {
        for (var i = kinds.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
        }

        return kinds;
    }
}
