using ApiMlCluster.Auth.AccessTokens;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// The seam where personal access tokens join the schemes (contract §2): between the session token and the client
/// certificate in precedence.
/// </summary>
internal interface IPersonalAccessTokens
{
    /// <summary>The caller from a PAT in cookie <c>personalAccessToken</c> or header <c>PRIVATE-TOKEN</c>; null when the request carries none.</summary>
    ValueTask<CallerResolution?> ResolveAsync(HttpRequest request, string serviceId);

    /// <summary>The caller from a PAT found where a session token goes (<c>Authorization: Bearer</c>).</summary>
    ValueTask<CallerResolution> ResolveTokenAsync(string jwt, string serviceId);
}

/// <summary>PATs switched off (<c>personalAccessToken.enabled: false</c>): the PAT slots are ignored, and a PAT sent as Bearer is not a valid token.</summary>
internal sealed class NoPersonalAccessTokens : IPersonalAccessTokens
{
    public ValueTask<CallerResolution?> ResolveAsync(HttpRequest request, string serviceId) => ValueTask.FromResult<CallerResolution?>(null);

    public ValueTask<CallerResolution> ResolveTokenAsync(string jwt, string serviceId) =>
        ValueTask.FromResult(CallerResolution.Fail(SchemeMessages.InvalidToken.LogForm()));
}

/// <summary>
/// Judges PATs from local state only (<see cref="PersonalAccessTokenCheck"/>: validator cache, revocation snapshot,
/// rule snapshot). A PAT is good only for the services in its scopes; anything else is a scheme failure the service
/// is told about, and a node that has not loaded the revocations and rules yet cannot judge.
/// </summary>
internal sealed class LocalPersonalAccessTokens(PersonalAccessTokenCheck check) : IPersonalAccessTokens
{
    public ValueTask<CallerResolution?> ResolveAsync(HttpRequest request, string serviceId)
    {
        var token = request.Cookies[CredentialCookies.PersonalAccessTokenCookie] is { Length: > 0 } cookie
            ? cookie
            : request.Headers[CredentialCookies.PersonalAccessTokenHeader].ToString() is { Length: > 0 } header ? header.Trim() : null;
        return token is null ? ValueTask.FromResult<CallerResolution?>(null) : Resolve(token, serviceId);

        async ValueTask<CallerResolution?> Resolve(string jwt, string service) => await ResolveTokenAsync(jwt, service);
    }

    public async ValueTask<CallerResolution> ResolveTokenAsync(string jwt, string serviceId)
    {
        var result = await check.CheckAsync(jwt, serviceId);
        return result.Status switch
        {
            PatStatus.Valid => CallerResolution.Of(new SchemeCaller(result.Claims!.UserId, CallerSource.PersonalAccessToken, Claims: result.Claims)),
            PatStatus.NotReady => CallerResolution.Unjudgeable,
            PatStatus.Expired => CallerResolution.Fail(SchemeMessages.ExpiredToken.LogForm()),
            _ => CallerResolution.Fail(SchemeMessages.InvalidToken.LogForm()),
        };
    }
}
