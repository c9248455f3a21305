namespace ApiMlCluster.TestSupport;

/// <summary>zowe.yaml texts for tests: loopback only, fresh ports, workspace inside the test directory.</summary>
public static class ZoweYaml
{
    private const string Zowe = """
        zowe:
          workspaceDirectory: workspace
          externalDomains: [localhost]
          network:
            server:
              listenAddresses: [127.0.0.1]
        """;

    /// <summary>Tests use the development provider unless they say otherwise (Zowe's default, zosmf, needs a z/OSMF).</summary>
    public const string DummySecurity = "{ auth: { provider: dummy } }";

    /// <summary>
    /// One node; <paramref name="ports"/> = gateway, discovery, caching-service, cluster. <paramref name="extra"/> goes under
    /// <c>cluster</c>, <paramref name="security"/> is the flow mapping of <c>components.gateway.apiml.security</c>.
    /// </summary>
    public static string SingleNode(int[] ports, string clusterName = "apiml-test", string extra = "", string security = DummySecurity, string discoverySecurity = "{}") => $$"""
        {{Zowe}}
        components:
          gateway: { port: {{ports[0]}}, apiml: { security: {{security}} } }
          discovery: { port: {{ports[1]}}, apiml: { security: {{discoverySecurity}} } }
          caching-service: { port: {{ports[2]}} }
        cluster:
          name: {{clusterName}}
          port: {{ports[3]}}
        {{extra}}
        """;

    /// <summary>
    /// Three haInstances lpar1..lpar3 on localhost sharing one workspace; <paramref name="ports"/> holds 12 ports,
    /// four per instance in the order gateway, discovery, caching-service, cluster.
    /// </summary>
    public static string ThreeNodes(int[] ports, string clusterName = "apiml-test", string failover = "fast")
    {
        string Instance(int i) => $$"""
              lpar{{i + 1}}:
                hostname: localhost
                components:
                  gateway: { port: {{ports[4 * i]}} }
                  discovery: { port: {{ports[(4 * i) + 1]}} }
                  caching-service: { port: {{ports[(4 * i) + 2]}} }
                cluster: { port: {{ports[(4 * i) + 3]}} }
            """;

        // Cluster tests drive logins and PAT generations from one address at load-test rates.
        return $$"""
            {{Zowe}}
            components:
              gateway: { apiml: { security: { auth: { provider: dummy }, rateLimit: { login: { capacity: 0 }, accessToken: { capacity: 0 } } } } }
            cluster:
              name: {{clusterName}}
              failover: {{failover}}
            haInstances:
            {{Instance(0)}}
            {{Instance(1)}}
            {{Instance(2)}}
            """;
    }
}
