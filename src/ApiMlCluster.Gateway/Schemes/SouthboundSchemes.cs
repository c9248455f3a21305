using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// Translates the caller's credentials for the chosen instance's <c>apiml.authentication.scheme</c> (contract §5.2).
/// Failures still reach the service, which decides (§5.3), but without the caller's API ML credentials (token cookie,
/// PAT, Authorization): no scheme passes them on unless it sends them on purpose, and bypass only with
/// <c>apiml.authentication.passCredentials</c>. Only a node that cannot judge tokens yet refuses.
/// bypass, zoweJwt, x509 and httpBasicPassTicket read local state only; zosmf reads a session once per node, safIdt
/// asks the SAF IDT provider once per user, APPLID and IDT lifetime.
/// </summary>
internal sealed class SouthboundSchemes(
    SchemeCallers callers,
    CredentialCookies credentials,
    ZoweJwtScheme zoweJwt,
    PassTicketScheme passTicket,
    ZosmfScheme zosmf,
    X509Scheme x509,
    SafIdtScheme safIdt)
{
    public ValueTask<SouthboundCredentials> TranslateAsync(HttpContext context, RoutedInstance instance)
    {
        var authentication = instance.Metadata.Authentication;
        return authentication.EffectiveScheme switch
        {
            AuthenticationScheme.Bypass => ValueTask.FromResult(authentication.PassCredentials ? SouthboundCredentials.Unchanged : SouthboundCredentials.Replaced(credentials, null)),
            AuthenticationScheme.X509 => ValueTask.FromResult(x509.Translate(context, authentication)),
            var scheme => TranslateForCallerAsync(context, instance, scheme, authentication.Applid),
        };
    }

    private async ValueTask<SouthboundCredentials> TranslateForCallerAsync(HttpContext context, RoutedInstance instance, AuthenticationScheme scheme, string? applId)
    {
        var resolution = await callers.ResolveAsync(context, instance.Instance.ServiceId);
        if (resolution.NotReady)
        {
            return SouthboundCredentials.Refused(CommonMessages.ServiceUnavailable, CommonMessages.CannotJudgeTokens);
        }

        if (resolution.Caller is not { } caller)
        {
            return SouthboundCredentials.Failed(credentials, resolution.Failure!);
        }

        return scheme switch
        {
            AuthenticationScheme.ZoweJwt => zoweJwt.Translate(caller),
            AuthenticationScheme.HttpBasicPassTicket => passTicket.Translate(caller, applId),
            AuthenticationScheme.Zosmf => await zosmf.TranslateAsync(caller, context.RequestAborted),
            AuthenticationScheme.SafIdt => await safIdt.TranslateAsync(caller, applId, context.RequestAborted),
            _ => SouthboundCredentials.Unchanged,
        };
    }
}
