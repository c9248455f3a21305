namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// How clients reach the gateway: Zowe builds baseUrl and the transformed swagger/home page URLs from the
/// gateway's external scheme and <c>host:port</c> (always with the port, even 443).
/// </summary>
internal sealed record GatewayAddress(string Scheme, string Host, int Port)
{
    public string Authority => Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
