using ApiMlCluster.Core.Cluster;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Node.Errors;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// Refuses writes (every non-read request to one of the node's own endpoints: login, logout, PAT and cache changes,
/// Eureka registrations) while this node cannot reach a majority of the cluster (of its zowe.yaml haInstances, at least). Such a node is the side the
/// split-brain resolver is about to down, and the majority starts its sharded entities again within seconds: had it
/// kept journaling, two incarnations of an entity would write the shared journal, and the writes acknowledged by
/// the doomed side would be lost at the next recovery (found by the chaos suite). Reads and proxied requests go on,
/// except reads of endpoints marked with <see cref="MajorityReadsMetadata"/> (the caching service: a stale copy);
/// clients send them to another node, as they do when a node is down.
/// </summary>
internal static class WriteQuorumGate
{
    public static void UseWriteQuorumGate(this IApplicationBuilder app)
    {
        var membership = app.ApplicationServices.GetRequiredService<MembershipView>();
        app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (membership.ReachesMajority || endpoint is null)
            {
                return next(context);
            }

            if (!IsRead(context.Request.Method))
            {
                return ZoweErrorResponses.WriteAsync(context, CommonMessages.ServiceUnavailable, "this node cannot reach a majority of the cluster; send writes to another node");
            }

            return endpoint.Metadata.GetMetadata<MajorityReadsMetadata>() is null
                ? next(context)
                : ZoweErrorResponses.WriteAsync(context, CommonMessages.ServiceUnavailable, "this node cannot reach a majority of the cluster, so its copy may be stale; read at another node");
        });
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
