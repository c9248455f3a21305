namespace ApiMlCluster.Gateway.Sticky;

/// <summary>A command about the sticky choice of one user and service (<see cref="StickyKeys"/>), to the bucket of its key.</summary>
internal interface IStickyCommand : IGatewayMessage
{
    string Key { get; }
}

/// <summary>
/// Asks for the user's instance of a service, proposing one for when there is no valid choice yet: none, expired
/// after <paramref name="TtlMs"/>, or equal to <paramref name="Invalid"/> (an instance the asking node found gone
/// or marked down). Answered with the <see cref="StickyChoice"/> that holds afterwards.
/// </summary>
internal sealed record ChooseStickyInstance(string Key, string Proposed, string? Invalid, long TtlMs) : IStickyCommand;

/// <summary>The user's instance of a service, chosen at <paramref name="ChosenAt"/> (Unix ms of the entity's clock).</summary>
internal sealed record StickyChoice(string Key, string InstanceId, long ChosenAt) : IGatewayMessage;

/// <summary>Journal event of a sticky bucket: a new choice for one key.</summary>
internal sealed record StickyChoiceRecorded(StickyChoice Choice) : IGatewayMessage;

/// <summary>Snapshot of a sticky bucket: its unexpired choices.</summary>
internal sealed record StickyBucketSnapshot(IReadOnlyList<StickyChoice> Choices) : IGatewayMessage;

/// <summary>Local only: a bucket asks its node's replica to give a new choice to every member.</summary>
internal sealed record PublishStickyChoice(StickyChoice Choice);

/// <summary>Local only: the host's request that the bucket stop once its pending choice is stored.</summary>
internal sealed record StopStickyBucket
{
    public static readonly StopStickyBucket Instance = new();
}
