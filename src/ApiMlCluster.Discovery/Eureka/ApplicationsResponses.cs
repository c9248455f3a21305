using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// The rendered <c>GET /eureka/apps</c> body of the current registry view, per format. Every Eureka client fetches
/// the whole registry every 30 s, and rendering 10,000 instances takes about half a second; between changes the
/// bytes are the same, so they are rendered once per view (Eureka's own server caches this response too).
/// </summary>
internal sealed class ApplicationsResponses
{
    private volatile Rendered? json;
    private volatile Rendered? xml;

    public byte[] Get(RegistryView view, EurekaFormat format)
    {
        var cached = format == EurekaFormat.Xml ? xml : json;
        if (cached is not null && ReferenceEquals(cached.View, view))
        {
            return cached.Body;
        }

        var applications = view.Registered
            .Select(s => new EurekaApplication(s.App, s.Instances.Values.Select(i => new EurekaInstanceEntry(i, DeltaEntry.Added)).ToList()))
            .ToList();
        var hash = EurekaCodec.AppsHashCode(view.Registered.SelectMany(s => s.Instances.Values));
        var rendered = new Rendered(view, EurekaCodec.WriteApplications(new EurekaApplications(view.ChangeCount, hash, applications), format));
        if (format == EurekaFormat.Xml)
        {
            xml = rendered;
        }
        else
        {
            json = rendered;
        }

        return rendered.Body;
    }

    private sealed record Rendered(RegistryView View, byte[] Body);
}
