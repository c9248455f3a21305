namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// Per-service CORS (<c>CorsUtils</c>): off unless <c>apiml.corsEnabled=true</c>; origins default to <c>*</c> when
/// <c>apiml.corsAllowedOrigins</c> is absent or empty.
/// </summary>
internal sealed record CorsSettings(bool Enabled, IReadOnlyList<string> AllowedOrigins)
{
    public static readonly CorsSettings Disabled = new(false, ["*"]);
}
