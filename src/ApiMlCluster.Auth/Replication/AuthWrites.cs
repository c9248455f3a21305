using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Replication;

/// <summary>How a write to a replicated log ended, as the endpoints answer it.</summary>
internal enum WriteOutcome
{
    /// <summary>Durable and applied by every reachable node.</summary>
    Done,

    /// <summary>This node's log held it already before this call (a second logout of one token); applied everywhere.</summary>
    AlreadyDone,

    /// <summary>The journal refused it, or did not answer: nothing was acknowledged.</summary>
    Failed,
}

/// <summary>
/// The endpoints' way into the replicated logs: appends to this node's writers (never to another node), with one
/// resend when an ask goes unanswered, and the session credentials this node's store holds.
/// </summary>
internal sealed class AuthWrites(AuthActorsHolder actors, AuthStores stores, CredentialSealer sealer, ILogger<AuthWrites> log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Task<WriteOutcome> RevokeAsync(Guid tokenId, long expiresAt) =>
        AppendAsync(a => a.Revocations, new Append<RevokedToken>(new RevokedToken(tokenId, expiresAt)));

    public Task<WriteOutcome> AddRuleAsync(RuleEntry rule) =>
        AppendAsync(a => a.Rules, new Append<RuleEntry>(rule));

    /// <summary>Drops rules past their age from this node's store and, durably, its writer; other writers drop theirs at their next prune.</summary>
    public async Task<(WriteOutcome Outcome, int Removed)> EvictRulesAsync(DateTimeOffset now)
    {
        var removed = stores.Rules.Prune(RuleLog.Instance.Cutoff(now, new ReplicationSettings()));
        var answer = await AskAsync(a => a.Rules, PruneNow.Instance);
        return (answer is Pruned ? WriteOutcome.Done : WriteOutcome.Failed, removed);
    }

    /// <summary>Records a login's southbound credentials, sealed; logins without any record nothing.</summary>
    public Task<WriteOutcome> StartSessionAsync(Guid sessionId, string userId, long expiresAt, IReadOnlyDictionary<string, string> southbound) =>
        southbound.Count == 0
            ? Task.FromResult(WriteOutcome.Done)
            : AppendAsync(a => a.Sessions, new Append<SessionRecord>(new SessionRecord(sessionId, userId, expiresAt, sealer.Seal(sessionId, southbound), EndedAt: null)));

    /// <summary>Ends a session that has credentials and returns them (to end the provider's session), or null when it has none.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> EndSessionAsync(Guid sessionId, long now)
    {
        if (stores.Sessions.Find(sessionId) is not { EndedAt: null } record || sealer.Open(sessionId, record.SealedCredentials) is not { } credentials)
        {
            return null;
        }

        // The token is revoked already, so the record only tells other nodes to drop the credentials; a failure is logged, not answered.
        if (await AppendAsync(a => a.Sessions, new Append<SessionRecord>(record with { EndedAt = now })) == WriteOutcome.Failed)
        {
            log.LogWarning("The end of session {Session} was not recorded; its credentials expire with it", sessionId);
        }

        return credentials;
    }

    /// <summary>The southbound credentials of a live session, from this node's store (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> SessionCredentials(Guid sessionId) =>
        stores.Sessions.Find(sessionId) is { EndedAt: null } record && sealer.Open(sessionId, record.SealedCredentials) is { } credentials
            ? credentials
            : new Dictionary<string, string>();

    private async Task<WriteOutcome> AppendAsync(Func<AuthActors, IActorRef> writer, object append)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            switch (await AskAsync(writer, append))
            {
                case Appended { AlreadyPresent: false }:
                    return WriteOutcome.Done;
                case Appended:
                    // After a resend, "already there" is this call's first attempt, journaled after all.
                    return attempt == 1 ? WriteOutcome.AlreadyDone : WriteOutcome.Done;
                case AppendFailed failed:
                    log.LogWarning("{Write} failed: {Reason}", append.GetType().GetGenericArguments()[0].Name, failed.Reason);
                    return WriteOutcome.Failed;
            }

            log.LogInformation("{Write} sent again (attempt {Attempt})", append.GetType().GetGenericArguments()[0].Name, attempt + 1);
        }

        return WriteOutcome.Failed;
    }

    private async Task<object?> AskAsync(Func<AuthActors, IActorRef> writer, object message)
    {
        try
        {
            var started = await actors.Actors.WaitAsync(Timeout);
            return await writer(started).Ask<object>(message, Timeout);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            log.LogWarning("{Message} got no answer in {Timeout}", message.GetType().Name, Timeout);
            return null;
        }
    }
}
