using ApiMlCluster.Core.Http;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Auth.AccessTokens;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Auth.Endpoints;

/// <summary>
/// Zowe's authentication API on the gateway port, under <c>/gateway/api/v1/auth</c> and its v2 alias
/// <c>/gateway/auth</c>. A wrong method gets ZWEAG101E, not the generic 405.
/// </summary>
internal static class AuthEndpoints
{
    public static readonly string[] Prefixes = ["/gateway/api/v1/auth", "/gateway/auth"];

    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static void MapAuthEndpoints(this IEndpointRouteBuilder routes, int gatewayPort, bool allowTokenRefresh, bool personalAccessTokens)
    {
        var limits = routes.ServiceProvider.GetRequiredService<SourceRateLimiters>();
        foreach (var prefix in Prefixes)
        {
            var group = routes.MapGroup(prefix).RequireLocalPort(gatewayPort);
            Map(group, "/login", "POST", (AuthService auth, HttpContext context) => auth.LoginAsync(context)).AddEndpointFilter(limits.Login);
            Map(group, "/logout", "POST", (AuthService auth, HttpContext context) => auth.LogoutAsync(context));
            Map(group, "/query", "GET", (AuthService auth, HttpContext context) => auth.QueryAsync(context));
            if (allowTokenRefresh)
            {
                Map(group, "/refresh", "POST", (AuthService auth, HttpContext context) => auth.RefreshAsync(context)).AddEndpointFilter(limits.Login);
            }

            Map(group, "/check", "POST", (AuthorizationCheckEndpoint check, HttpContext context) => check.CheckAsync(context));
            Map(group, "/keys/public/all", "GET", (JwtSigningKeys keys) => Results.Text(keys.AllKeysJwks(), "application/json"));
            Map(group, "/keys/public/current", "GET", (JwtSigningKeys keys) => Results.Text(keys.CurrentKeyJwks(), "application/json"));
            Map(group, "/keys/public", "GET", (JwtSigningKeys keys) => Results.Text(keys.CurrentKeyPem(), "text/plain"));

            // Disabled, they do not exist (404), as in Zowe where the PAT filters are not installed then.
            if (personalAccessTokens)
            {
                Map(group, "/access-token/generate", "POST", (AccessTokenService pat, HttpContext context) => pat.GenerateAsync(context)).AddEndpointFilter(limits.AccessTokens);
                Map(group, "/access-token/validate", "POST", (AccessTokenService pat, HttpContext context) => pat.ValidateAsync(context));
                Map(group, "/access-token/revoke", "DELETE", (AccessTokenService pat, HttpContext context) => pat.RevokeAsync(context));
                Map(group, "/access-token/revoke/tokens", "DELETE", (AccessTokenService pat, HttpContext context) => pat.RevokeOwnAsync(context));
                Map(group, "/access-token/revoke/tokens/user", "DELETE", (AccessTokenService pat, HttpContext context) => pat.RevokeUserAsync(context));
                Map(group, "/access-token/revoke/tokens/scope", "DELETE", (AccessTokenService pat, HttpContext context) => pat.RevokeScopeAsync(context));
                Map(group, "/access-token/evict", "DELETE", (AccessTokenService pat, HttpContext context) => pat.EvictAsync(context));
            }
        }
    }

    private static RouteHandlerBuilder Map(RouteGroupBuilder group, string path, string method, Delegate handler)
    {
        var endpoint = group.MapMethods(path, [method], handler);
        group.MapMethods(path, AllMethods.Where(m => m != method), (HttpContext context) =>
            MessageResults.Message(AuthMessages.InvalidMethod, context.Request.Method, AuthService.MessagePath + path.TrimStart('/')));
        return endpoint;
    }
}
