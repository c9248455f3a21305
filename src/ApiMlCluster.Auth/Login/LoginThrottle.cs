using System.Collections.Concurrent;
using ApiMlCluster.Auth.Providers;

namespace ApiMlCluster.Auth.Login;

/// <summary>
/// Slows down password guessing per user id on this node: after <see cref="FreeFailures"/> consecutive failures
/// the user is refused without asking the provider for a backoff that doubles from 1 s up to
/// <see cref="MaxBackoff"/>. Refusing early is the point: a flood of wrong passwords for one user then costs no
/// slow hash and no z/OSMF call, so the node keeps answering everyone else. The price is that an attacker can
/// keep one user id cooling for up to a minute at a time (the mainframe's own revoke-after-N policy still applies
/// behind it). A success clears the user's record.
/// User ids are keyed in the form the providers store them (upper-cased invariantly, as RACF ids and the file
/// provider's are), so every spelling the provider takes for one user shares one count.
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock, int maxTracked = LoginThrottle.DefaultMaxTracked)
{
    public const int FreeFailures = 5;
    public const int DefaultMaxTracked = 100_000;
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Failures> failuresByUser = new(StringComparer.Ordinal);
    private readonly Lock eviction = new();

    /// <summary>Asks <paramref name="provider"/> unless the user is cooling (then: invalid credentials), and records the answer.</summary>
    public async Task<AuthenticationOutcome> AuthenticateAsync(IAuthenticationProvider provider, LoginCredentials credentials, CancellationToken cancellationToken)
    {
        if (IsBlocked(credentials.Username))
        {
            return new AuthenticationOutcome.InvalidCredentials();
        }

        var outcome = await provider.AuthenticateAsync(credentials, cancellationToken);
        switch (outcome)
        {
            case AuthenticationOutcome.Authenticated:
                RecordSuccess(credentials.Username);
                break;
            case AuthenticationOutcome.InvalidCredentials:
                RecordFailure(credentials.Username);
                break;
        }

        return outcome;
    }

    public int Tracked => failuresByUser.Count;

    public bool IsBlocked(string userId) =>
        failuresByUser.TryGetValue(Key(userId), out var failures) && failures.BlockedUntil > clock.GetUtcNow();

    public void RecordFailure(string userId)
    {
        var now = clock.GetUtcNow();
        if (failuresByUser.Count >= maxTracked)
        {
            Evict(now);
        }

        failuresByUser.AddOrUpdate(
            Key(userId),
            _ => new Failures(1, now, DateTimeOffset.MinValue),
            (_, previous) =>
            {
                var count = previous.LastFailure < now - Forget ? 1 : previous.Count + 1;
                var blockedUntil = count < FreeFailures ? DateTimeOffset.MinValue : now + Backoff(count);
                return new Failures(count, now, blockedUntil);
            });
    }

    public void RecordSuccess(string userId) => failuresByUser.TryRemove(Key(userId), out _);

    private static string Key(string userId) => userId.ToUpperInvariant();

    /// <summary>
    /// Makes room (down to 90 % of the bound) without giving a flood of random ids the power to wipe a real target's
    /// count: forgotten records go first, then the unblocked ones with the fewest failures, least recent first.
    /// Blocked users stay.
    /// </summary>
    private void Evict(DateTimeOffset now)
    {
        lock (eviction)
        {
            if (failuresByUser.Count < maxTracked)
            {
                return;
            }

            var target = maxTracked * 9 / 10;
            var candidates = failuresByUser
                .Where(entry => entry.Value.BlockedUntil <= now)
                .OrderBy(entry => entry.Value.LastFailure < now - Forget ? 0 : 1)
                .ThenBy(entry => entry.Value.Count)
                .ThenBy(entry => entry.Value.LastFailure)
                .Select(entry => entry.Key)
                .ToList();
            foreach (var user in candidates)
            {
                if (failuresByUser.Count <= target)
                {
                    break;
                }

                failuresByUser.TryRemove(user, out _);
            }
        }
    }

    private static TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - FreeFailures, 6);
        var backoff = TimeSpan.FromSeconds(1 << exponent);
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    private sealed record Failures(int Count, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
