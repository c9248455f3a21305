using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Header edits on a proxied request that skip the work when the client did not send the header. YARP's base
/// transform copies only what the client sent, and asking Kestrel's request headers is nearly free, while every
/// <see cref="HttpHeaders.Remove(string)"/> parses the name again; a request passes about twenty such edits.
/// Only for headers nothing earlier in the transform adds.
/// </summary>
internal static class ProxiedHeaders
{
    public static void RemoveSent(this HttpRequestHeaders proxied, IHeaderDictionary sent, string name)
    {
        if (sent.ContainsKey(name))
        {
            proxied.Remove(name);
        }
    }

    /// <summary>The header with <paramref name="value"/> only, whatever the client sent under its name.</summary>
    public static void Replace(this HttpRequestHeaders proxied, IHeaderDictionary sent, string name, string? value)
    {
        proxied.RemoveSent(sent, name);
        proxied.TryAddWithoutValidation(name, value);
    }
}
