using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>
/// This node's current <see cref="RouteTable"/>, rebuilt from the registry snapshot whenever it changes. Requests
/// read <see cref="Current"/> and never wait; the rebuild runs on the thread that changed the registry.
/// </summary>
internal sealed class RouteTableHolder : IDisposable
{
    private readonly Lock gate = new();
    private readonly RegistrySnapshot registry;
    private readonly IReadOnlySet<string> ignoredServices;
    private volatile RouteTable current = RouteTable.Empty;

    public RouteTableHolder(RegistrySnapshot registry, IReadOnlySet<string> ignoredServices)
    {
        this.registry = registry;
        this.ignoredServices = ignoredServices;
        registry.Changed += OnChanged;
        OnChanged(registry.Current);
    }

    public RouteTable Current => current;

    public void Dispose() => registry.Changed -= OnChanged;

    private void OnChanged(RegistryView _)
    {
        lock (gate)
        {
            // Two writers may raise Changed out of order; always build from the newest view.
            var view = registry.Current;
            if (!ReferenceEquals(view, current.View))
            {
                current = RouteTable.Build(view, ignoredServices, current);
            }
        }
    }
}
