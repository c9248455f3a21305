namespace ApiMlCluster.Caching.Storage;

/// <summary>The ids of the last writes applied, oldest forgotten first.</summary>
internal sealed class RecentRequests(int capacity)
{
    private readonly HashSet<Guid> ids = [];
    private readonly Queue<Guid> order = new();

    public bool Contains(Guid id) => ids.Contains(id);

    public void Add(Guid id)
    {
        if (!ids.Add(id))
        {
            return;
        }

        order.Enqueue(id);
        if (order.Count > capacity)
        {
            ids.Remove(order.Dequeue());
        }
    }

    public IReadOnlyList<Guid> ToList() => [.. order];
}
