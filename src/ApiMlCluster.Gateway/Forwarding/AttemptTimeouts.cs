using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// The timeouts of one attempt on one instance, from its metadata, else the gateway's <c>apiml.connection.timeout</c>.
/// Zowe v3 reads only <c>connect-timeout</c> and uses it for both (zowe/api-layer#4546); we also honour the v2 keys:
/// connect from <c>apiml.connectTimeout</c>, response from <c>apiml.responseTimeout</c>, else <c>apiml.readTimeout</c>.
/// The response timeout is also the budget of all attempts of a request.
/// </summary>
internal readonly record struct AttemptTimeouts(TimeSpan Connect, TimeSpan Response)
{
    public static AttemptTimeouts Of(ServiceTimeouts timeouts, TimeSpan gatewayDefault)
    {
        var connect = Positive(timeouts.ConnectTimeoutV2) ?? Positive(timeouts.ConnectTimeout) ?? gatewayDefault;
        var response = Positive(timeouts.ResponseTimeout) ?? Positive(timeouts.ReadTimeout) ?? Positive(timeouts.ConnectTimeout) ?? gatewayDefault;
        return new AttemptTimeouts(connect, response);
    }

    private static TimeSpan? Positive(int? milliseconds) => milliseconds is > 0 ? TimeSpan.FromMilliseconds(milliseconds.Value) : null;
}
