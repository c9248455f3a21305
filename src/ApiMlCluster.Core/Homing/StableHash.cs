namespace ApiMlCluster.Core.Homing;

/// <summary>A hash that names where stored data lives, so it must never change.</summary>
public static class StableHash
{
    /// <summary>32-bit FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
