namespace ApiMlCluster.Gateway.Sticky;

/// <summary>One sticky choice per user and service, as Zowe keys its load balancer cache (<c>lb.&lt;user&gt;:&lt;service&gt;</c>, lower case).</summary>
internal static class StickyKeys
{
    public static string Of(string user, string serviceId) => $"{user.ToLowerInvariant()}:{serviceId.ToLowerInvariant()}";
}
