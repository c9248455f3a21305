namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// A bucket's data: the <c>cache</c> entries in write order (so the oldest is found in O(1) for removeOldest) and the
/// <c>cache-list</c> map items. Changed only by applying journaled events.
/// </summary>
internal sealed class BucketState(int rememberedRequests)
{
    private readonly Dictionary<string, LinkedListNode<CacheEntry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<CacheEntry> writeOrder = new();
    private readonly Dictionary<string, Dictionary<string, byte[]>> maps = new(StringComparer.Ordinal);
    private readonly RecentRequests requests = new(rememberedRequests);
    private int mapItemCount;

    public int Count => entries.Count;

    /// <summary>Entries plus map items: what a snapshot has to write.</summary>
    public int Size => entries.Count + mapItemCount;

    public int MapItemCount => mapItemCount;

    public CacheEntry? Oldest => writeOrder.First?.Value;

    public IEnumerable<CacheEntry> Entries => writeOrder;

    public bool WasApplied(Guid requestId) => requests.Contains(requestId);

    public CacheEntry? Find(string key) => entries.TryGetValue(key, out var node) ? node.Value : null;

    public IReadOnlyDictionary<string, byte[]>? Map(string mapKey) => maps.GetValueOrDefault(mapKey);

    public IEnumerable<MapItem> MapItems(string? mapKey) =>
        maps.Where(m => mapKey is null || m.Key == mapKey)
            .SelectMany(m => m.Value.Select(item => new MapItem(m.Key, item.Key, item.Value)));

    public void Apply(IBucketEvent @event)
    {
        switch (@event)
        {
            case EntryWritten written:
                if (written.Evicted is { } evicted)
                {
                    Remove(evicted);
                }

                Remove(written.Key);
                entries[written.Key] = writeOrder.AddLast(new CacheEntry(written.Key, written.Value, written.Created));
                break;
            case EntryDeleted deleted:
                Remove(deleted.Key);
                break;
            case EntriesCleared:
                entries.Clear();
                writeOrder.Clear();
                break;
            case MapItemWritten item:
                SetMapItem(item.MapKey, item.ItemKey, item.Value);
                break;
            case MapItemsEvicted evictedItems when maps.TryGetValue(evictedItems.MapKey, out var items):
                foreach (var key in evictedItems.ItemKeys)
                {
                    if (items.Remove(key))
                    {
                        mapItemCount--;
                    }
                }

                if (items.Count == 0)
                {
                    maps.Remove(evictedItems.MapKey);
                }

                break;
        }

        requests.Add(@event.RequestId);
    }

    public BucketSnapshot ToSnapshot() => new([.. writeOrder], [.. MapItems(null)], requests.ToList());

    public static BucketState From(BucketSnapshot snapshot, int rememberedRequests)
    {
        var state = new BucketState(rememberedRequests);
        foreach (var entry in snapshot.Entries)
        {
            state.entries[entry.Key] = state.writeOrder.AddLast(entry);
        }

        foreach (var item in snapshot.MapItems)
        {
            state.SetMapItem(item.MapKey, item.ItemKey, item.Value);
        }

        foreach (var id in snapshot.RecentRequests)
        {
            state.requests.Add(id);
        }

        return state;
    }

    private void SetMapItem(string mapKey, string itemKey, byte[] value)
    {
        if (!maps.TryGetValue(mapKey, out var map))
        {
            maps[mapKey] = map = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        if (map.TryAdd(itemKey, value))
        {
            mapItemCount++;
        }
        else
        {
            map[itemKey] = value;
        }
    }

    private void Remove(string key)
    {
        if (entries.Remove(key, out var node))
        {
            writeOrder.Remove(node);
        }
    }
}
