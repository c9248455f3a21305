using ApiMlCluster.Auth.Callers;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// The user id a SAF check is about, for endpoints that take a token, Basic credentials or a trusted client
/// certificate (<see cref="CallerAuthenticator"/>). A certificate caller is its mapped user (x509 mapping), as in Zowe;
/// a trusted certificate that maps to no user gets ZWEAG161E.
/// </summary>
internal sealed class SafCallers(CallerAuthenticator callers, CertificateUserMapping? certificateUsers)
{
    public static readonly MessageTemplate NoMappedUser = new(
        "ZWEAG161E", "org.zowe.apiml.zaas.security.schema.x509.mappingFailed",
        "No user was found", 401,
        Action: "Map the client certificate to a user (components.gateway.apiml.security.x509).");

    /// <summary>The user id, or the failure to answer with.</summary>
    public async ValueTask<(string? UserId, IResult? Failure)> ResolveAsync(HttpContext context)
    {
        var result = await callers.AuthenticateAsync(context);
        if (result.Caller is not { } caller)
        {
            return (null, result.Failure);
        }

        if (caller.Kind != CallerKind.Certificate)
        {
            return (caller.Name, null);
        }

        return certificateUsers is not null && context.Connection.ClientCertificate is { } certificate && certificateUsers.UserOf(certificate) is { } user
            ? (user, null)
            : (null, MessageResults.Message(NoMappedUser));
    }
}
