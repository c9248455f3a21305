namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// How the gateway treats requests and services' instances (<c>components.gateway.apiml.*</c>): timeouts, retries,
/// how long a failed instance is avoided, how long a user's sticky instance is remembered, and the request rules.
/// </summary>
public sealed record GatewayRoutingSettings
{
    /// <summary><c>apiml.connection.timeout</c> (ms, Zowe default 60000): connect and response timeout of services that set none.</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>apiml.connection.retries</c>: further attempts on other instances after the first (Zowe's Retry filter: 5).</summary>
    public int Retries { get; init; } = 5;

    /// <summary>
    /// <c>apiml.connection.failedInstanceProbation</c> (seconds, ours): how long an instance that refused a connection
    /// gets no traffic before one trial request may go to it.
    /// </summary>
    public TimeSpan FailedInstanceProbation { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>apiml.routing.instanceIdHeader</c>: answer with <c>X-InstanceId</c> naming the instance routed to.</summary>
    public bool InstanceIdHeader { get; init; }

    /// <summary><c>apiml.lb.cacheRecordExpirationTimeInHours</c> (default 8): how long a user's instance choice lasts.</summary>
    public TimeSpan StickyExpiration { get; init; } = TimeSpan.FromHours(8);

    /// <summary><c>apiml.service.allowEncodedSlashes</c> (Zowe default true, docs "configuration-url-handling").</summary>
    public bool AllowEncodedSlashes { get; init; } = true;

    /// <summary><c>apiml.service.corsEnabled</c> (default false): CORS for services whose metadata enables it.</summary>
    public bool CorsEnabled { get; init; }
}
