using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// The gateway-wide request rules from zowe.yaml <c>components.gateway.apiml.service.*</c>, with Zowe's defaults:
/// encoded slashes allowed (docs "configuration-url-handling"), CORS off.
/// </summary>
internal sealed record EdgeSettings(bool AllowEncodedSlashes, bool CorsEnabled)
{
    public static readonly EdgeSettings Default = new(AllowEncodedSlashes: true, CorsEnabled: false);

    public static EdgeSettings Read(NodeConfig config)
    {
        const string service = "components.gateway.apiml.service";
        var reader = new ConfigReader(config.Effective, null, null);
        return new EdgeSettings(
            reader.Bool($"{service}.allowEncodedSlashes", Default.AllowEncodedSlashes),
            reader.Bool($"{service}.corsEnabled", Default.CorsEnabled));
    }
}
