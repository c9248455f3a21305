using System.Globalization;

namespace ApiMlCluster.Core.Configuration;

public static partial class ZoweConfigLoader
{
    private static GatewayRoutingSettings ReadGatewayRouting(ConfigReader reader)
    {
        const string apiml = "components.gateway.apiml";
        var defaults = new GatewayRoutingSettings();
        return new GatewayRoutingSettings
        {
            ConnectionTimeout = TimeSpan.FromMilliseconds(Whole(reader, $"{apiml}.connection.timeout", (int)defaults.ConnectionTimeout.TotalMilliseconds, 1)),
            Retries = Whole(reader, $"{apiml}.connection.retries", defaults.Retries, 0),
            FailedInstanceProbation = TimeSpan.FromSeconds(Whole(reader, $"{apiml}.connection.failedInstanceProbation", (int)defaults.FailedInstanceProbation.TotalSeconds, 1)),
            InstanceIdHeader = reader.Bool($"{apiml}.routing.instanceIdHeader", false),
            StickyExpiration = TimeSpan.FromHours(Whole(reader, $"{apiml}.lb.cacheRecordExpirationTimeInHours", (int)defaults.StickyExpiration.TotalHours, 1)),
            AllowEncodedSlashes = reader.Bool($"{apiml}.service.allowEncodedSlashes", defaults.AllowEncodedSlashes),
            CorsEnabled = reader.Bool($"{apiml}.service.corsEnabled", defaults.CorsEnabled),
        };
    }

    private static int Whole(ConfigReader reader, string path, int fallback, int minimum)
    {
        var text = reader.String(path);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new ConfigException(reader.KeyName(path), $"expected a whole number of at least {minimum}, found '{text}'");
        }

        return value;
    }
}
