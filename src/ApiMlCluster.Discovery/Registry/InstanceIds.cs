using System.Diagnostics.CodeAnalysis;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// Zowe's instance id convention, <c>host:serviceId:port</c> (static definitions: <c>STATIC-host:serviceId:port</c>).
/// The service id is the middle segment; the gateway's deterministic routing and the catalog rely on that.
/// </summary>
public static class InstanceIds
{
    public const string StaticPrefix = "STATIC-";

    public static string Of(string host, string serviceId, int port, bool isStatic = false) =>
        $"{(isStatic ? StaticPrefix : string.Empty)}{host}:{serviceId.ToLowerInvariant()}:{port}";

    /// <summary>Splits an id of the Zowe form; false (with a reason) for anything else.</summary>
    public static bool TryParse(string? instanceId, out string host, out string serviceId, out int port, [NotNullWhen(false)] out string? problem)
    {
        host = serviceId = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            problem = "instanceId is missing";
            return false;
        }

        var text = instanceId.StartsWith(StaticPrefix, StringComparison.Ordinal) ? instanceId[StaticPrefix.Length..] : instanceId;
        var lastColon = text.LastIndexOf(':');
        var firstColon = lastColon > 0 ? text.LastIndexOf(':', lastColon - 1) : -1;
        if (firstColon <= 0 || lastColon == text.Length - 1)
        {
            problem = $"instanceId '{instanceId}' is not of the form host:serviceId:port";
            return false;
        }

        // Hosts may be IPv6 literals with colons of their own; the service id and port are always the last two segments.
        host = text[..firstColon];
        serviceId = text[(firstColon + 1)..lastColon];
        if (serviceId.Length == 0 || !int.TryParse(text[(lastColon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            problem = $"instanceId '{instanceId}' is not of the form host:serviceId:port";
            return false;
        }

        problem = null;
        return true;
    }
}
