using ApiMlCluster.Auth.Callers;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Node.Health;

/// <summary>
/// Zowe's <c>apiml.health.protected</c> (default true): health details name the cluster, its members and their
/// addresses, so only an authenticated caller sees them (a session token, Basic credentials or a trusted client
/// certificate, as for Zowe's other diagnostics). Everyone else gets the status alone, which is all a load balancer
/// or a process supervisor needs. A failed authentication is not an error here: it just shows no details.
/// </summary>
internal sealed class DiagnosticsAccess(NodeConfig config, CallerAuthenticator callers)
{
    public async ValueTask<bool> MaySeeDetailsAsync(HttpContext context) =>
        !config.HealthProtected || (await callers.AuthenticateAsync(context)).Caller is not null;
}
