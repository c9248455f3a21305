namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// A token bucket per source address, in Zowe's rate-limiter terms: up to <see cref="Capacity"/> requests at once,
/// refilled by <see cref="Tokens"/> every <see cref="RefillDuration"/>. Capacity 0 turns the limit off.
/// </summary>
public sealed record SourceRateLimit(int Capacity, int Tokens, TimeSpan RefillDuration)
{
    public bool Enabled => Capacity > 0;

    internal static SourceRateLimit Read(ConfigReader reader, string path, SourceRateLimit defaults)
    {
        var capacity = reader.Integer($"{path}.capacity", defaults.Capacity, 0, 1_000_000);
        var tokens = reader.Integer($"{path}.tokens", Math.Min(defaults.Tokens, Math.Max(capacity, 1)), 1, 1_000_000);
        var refill = reader.Integer($"{path}.refillDuration", (int)defaults.RefillDuration.TotalSeconds, 1, 86_400);
        if (capacity > 0 && tokens > capacity)
        {
            throw new ConfigException(reader.KeyName($"{path}.tokens"), $"must not exceed capacity ({capacity}), found {tokens}");
        }

        return new SourceRateLimit(capacity, tokens, TimeSpan.FromSeconds(refill));
    }
}
