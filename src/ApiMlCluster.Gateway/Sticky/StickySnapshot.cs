using System.Collections.Immutable;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// This node's copy of the sticky choices it has heard of, read by requests without locks. Written by the node's
/// <see cref="StickyReplica"/> and by the request that asked the bucket (read-your-writes). A node that joins
/// later starts empty and asks the bucket on a miss, which is also always correct.
/// </summary>
internal sealed class StickySnapshot
{
    private readonly Lock gate = new();
    private volatile ImmutableDictionary<string, StickyChoice> choices = ImmutableDictionary.Create<string, StickyChoice>(StringComparer.Ordinal);

    public int Count => choices.Count;

    public bool TryGet(string key, out StickyChoice choice) => choices.TryGetValue(key, out choice!);

    public void Apply(StickyChoice choice)
    {
        lock (gate)
        {
            // Messages from the bucket may arrive out of order; the later choice wins.
            if (choices.TryGetValue(choice.Key, out var known) && known.ChosenAt > choice.ChosenAt)
            {
                return;
            }

            choices = choices.SetItem(choice.Key, choice);
        }
    }

    public int Prune(long chosenBefore)
    {
        lock (gate)
        {
            var expired = choices.Where(c => c.Value.ChosenAt < chosenBefore).Select(c => c.Key).ToList();
            choices = choices.RemoveRange(expired);
            return expired.Count;
        }
    }
}
