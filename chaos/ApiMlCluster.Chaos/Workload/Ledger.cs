namespace ApiMlCluster.Chaos.Workload;

/// <summary>A token whose revocation (logout or PAT revoke) a node acknowledged at <see cref="AckedAt"/>.</summary>
internal sealed record Revoked(string Token, double AckedAt);

/// <summary>
/// What the cluster acknowledged to the clients, and what the clients still hold: the facts the invariants are
/// checked against. Only an acknowledged write goes in; an unanswered one is remembered as "attempted" so a later
/// read that finds it is not mistaken for a phantom.
/// </summary>
internal sealed class Ledger
{
    private readonly object gate = new();
    private readonly List<string> tokens = [];
    private readonly List<string> pats = [];
    private readonly List<Revoked> loggedOut = [];
    private readonly List<Revoked> revokedPats = [];
    private readonly Dictionary<string, string> cacheAcked = [];
    private readonly Dictionary<string, string> cacheAttempted = [];
    private readonly Dictionary<string, double> registered = [];
    private int sequence;

    /// <summary>Null until the first PAT generate answers; then whether the endpoint exists.</summary>
    public bool? PatSupported { get; set; }

    public int Next() => Interlocked.Increment(ref sequence);

    public void AddToken(string token) => Locked(() => tokens.Add(token));

    public void AddPat(string pat) => Locked(() => pats.Add(pat));

    /// <summary>Takes a live token away from the pool (to log it out); null when there is none.</summary>
    public string? TakeToken(Random random) => Take(tokens, random);

    public string? TakePat(Random random) => Take(pats, random);

    public void LoggedOut(string token, double at) => Locked(() => loggedOut.Add(new Revoked(token, at)));

    public void PatRevoked(string pat, double at) => Locked(() => revokedPats.Add(new Revoked(pat, at)));

    public Revoked? AnyLoggedOut(Random random) => Pick(loggedOut, random);

    public Revoked? AnyRevokedPat(Random random) => Pick(revokedPats, random);

    public void CacheAttempt(string key, string value) => Locked(() => cacheAttempted[key] = value);

    public void CacheAcked(string key, string value) => Locked(() => cacheAcked[key] = value);

    public KeyValuePair<string, string>? AnyCacheEntry(Random random) =>
        Locked(() => cacheAcked.Count == 0 ? (KeyValuePair<string, string>?)null : cacheAcked.ElementAt(random.Next(cacheAcked.Count)));

    public void Registered(string instanceId, double at) => Locked(() => registered[instanceId] = at);

    public string? AnyRegistration(Random random) =>
        Locked(() => registered.Count == 0 ? null : registered.Keys.ElementAt(random.Next(registered.Count)));

    public IReadOnlyList<Revoked> LoggedOutTokens => Locked(() => loggedOut.ToList());

    public IReadOnlyList<Revoked> RevokedPats => Locked(() => revokedPats.ToList());

    public IReadOnlyDictionary<string, string> CacheEntries => Locked(() => new Dictionary<string, string>(cacheAcked));

    public IReadOnlyDictionary<string, string> CacheAttempts => Locked(() => new Dictionary<string, string>(cacheAttempted));

    public IReadOnlyCollection<string> Registrations => Locked(() => registered.Keys.ToList());

    private string? Take(List<string> pool, Random random) => Locked(() =>
    {
        if (pool.Count == 0)
        {
            return null;
        }

        var index = random.Next(pool.Count);
        var item = pool[index];
        pool[index] = pool[^1];
        pool.RemoveAt(pool.Count - 1);
        return item;
    });

    private Revoked? Pick(List<Revoked> list, Random random) => Locked(() => list.Count == 0 ? null : list[random.Next(list.Count)]);

    private void Locked(Action action)
    {
        lock (gate)
        {
            action();
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (gate)
        {
            return read();
        }
    }
}
