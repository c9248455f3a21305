namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// Per-service timeouts in milliseconds; null when not set. v3 honours only <see cref="ConnectTimeout"/> (used for
/// both connect and response); the others are v2 (Ribbon) keys, kept so a gateway can choose to honour them.
/// </summary>
internal sealed record ServiceTimeouts
{
    public static readonly ServiceTimeouts None = new();

    /// <summary><c>connect-timeout</c>.</summary>
    public int? ConnectTimeout { get; init; }

    /// <summary><c>apiml.connectTimeout</c>.</summary>
    public int? ConnectTimeoutV2 { get; init; }

    /// <summary><c>apiml.readTimeout</c>.</summary>
    public int? ReadTimeout { get; init; }

    /// <summary><c>apiml.connectionManagerTimeout</c>.</summary>
    public int? ConnectionManagerTimeout { get; init; }

    /// <summary><c>apiml.responseTimeout</c>.</summary>
    public int? ResponseTimeout { get; init; }
}
