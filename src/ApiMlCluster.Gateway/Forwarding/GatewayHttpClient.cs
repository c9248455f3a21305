namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>The node's single forwarding client, owned by the container so it is disposed with the node.</summary>
internal sealed class GatewayHttpClient(HttpMessageInvoker invoker) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = invoker;

    public void Dispose() => Invoker.Dispose();
}
