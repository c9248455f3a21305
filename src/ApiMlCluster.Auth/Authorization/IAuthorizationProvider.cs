namespace ApiMlCluster.Auth.Authorization;

/// <summary>SAF access levels, weakest first: a grant of one level includes every level before it.</summary>
internal enum AccessLevel
{
    Read,
    Update,
    Control,
    Alter,
}

/// <summary>What a SAF check asks: may the user reach <paramref name="ResourceName"/> in <paramref name="ResourceClass"/> at <paramref name="Level"/>.</summary>
internal sealed record ResourceCheck(string ResourceClass, string ResourceName, AccessLevel Level);

internal enum AuthorizationDecision
{
    Allowed,
    Denied,

    /// <summary>The provider could not answer (its endpoint is down): callers answer 503, never a wrong 403.</summary>
    Unavailable,
}

/// <summary>
/// Answers SAF resource checks (<c>components.gateway.apiml.security.authorization.provider</c>): the admin calls of the
/// PAT API, <c>POST /gateway/auth/check</c> and per-route resource checks all ask through this one seam.
/// </summary>
internal interface IAuthorizationProvider
{
    ValueTask<AuthorizationDecision> CheckAsync(string userId, ResourceCheck check, CancellationToken cancellationToken);
}
