using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// safIdt: <c>X-SAF-Token: &lt;IDT&gt;</c> for the service's APPLID, obtained from the SAF IDT provider with a PassTicket.
/// IDTs are cached per user and APPLID until a minute before the expiry they carry; one without an expiry is not reused.
/// </summary>
internal sealed class SafIdtScheme(
    CredentialCookies credentials,
    PassTicketIssuer tickets,
    SafIdtProvider? provider,
    TimeProvider clock,
    ILogger<SafIdtScheme> log,
    int capacity = SafIdtScheme.DefaultCapacity)
{
    public const string Header = "X-SAF-Token";
    public const int DefaultCapacity = 10_000;
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string User, string ApplId), SafIdtAnswer> cache = new();

    public async ValueTask<SouthboundCredentials> TranslateAsync(SchemeCaller caller, string? applId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(applId))
        {
            return SouthboundCredentials.Failed(credentials, SchemeMessages.MissingApplicationName.LogForm());
        }

        if (provider is null)
        {
            return Failed("no SAF IDT provider is configured (components.gateway.apiml.security.saf.urls.authenticate)");
        }

        var key = (caller.UserId.ToUpperInvariant(), applId.Trim().ToUpperInvariant());
        if (cache.TryGetValue(key, out var cached) && cached.ExpiresAt - ExpiryMargin > clock.GetUtcNow())
        {
            return Success(cached.Token!);
        }

        var ticket = tickets.Issue(caller.UserId, applId);
        if (ticket.Ticket is null)
        {
            return SouthboundCredentials.Failed(credentials, ticket.Failure!);
        }

        var answer = await provider.GenerateAsync(caller.UserId, ticket.Ticket, applId, cancellationToken);
        if (answer.Token is not { } idt)
        {
            log.LogWarning("No SAF IDT for {User} and {ApplId}: {Reason}", caller.UserId, applId, answer.Failure);
            return Failed(answer.Failure!);
        }

        if (answer.ExpiresAt is { } expiresAt && expiresAt - ExpiryMargin > clock.GetUtcNow())
        {
            if (cache.Count >= capacity)
            {
                cache.Clear();
            }

            cache[key] = answer;
        }

        return Success(idt);
    }

    private SouthboundCredentials Success(string idt) => SouthboundCredentials.Replaced(credentials, null, KeyValuePair.Create(Header, idt));

    private SouthboundCredentials Failed(string reason) => SouthboundCredentials.Failed(credentials, SchemeMessages.SafIdtFailed.LogForm(reason));
}
