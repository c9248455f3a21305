using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// The seam where personal access tokens join the schemes (contract §2): between the session token and the client
/// certificate in precedence. Null means the request carries no PAT, so the next source is tried.
/// </summary>
internal interface IPersonalAccessTokens
{
    ValueTask<CallerResolution?> ResolveAsync(HttpRequest request, string serviceId);
}

/// <summary>PATs are not built yet: no request carries one.</summary>
internal sealed class NoPersonalAccessTokens : IPersonalAccessTokens
{
    public ValueTask<CallerResolution?> ResolveAsync(HttpRequest request, string serviceId) => ValueTask.FromResult<CallerResolution?>(null);
}
