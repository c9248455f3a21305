namespace ApiMlCluster.Discovery.Eureka;

/// <summary>The two body formats the Eureka REST API speaks. Public only so xunit theories can take it as data.</summary>
public enum EurekaFormat
{
    Json,
    Xml,
}

/// <summary>Content negotiation for the Eureka endpoints.</summary>
internal static class EurekaFormats
{
    public const string JsonMediaType = "application/json";

    public const string XmlMediaType = "application/xml";

    /// <summary>
    /// The format of a response. XML only when the client asks for XML and not for JSON; everything else,
    /// including no <c>Accept</c> at all or <c>*/*</c>, gets JSON. (Netflix's own server answers XML whenever
    /// <c>Accept</c> lacks "json"; every real client sends <c>application/json</c>, so the difference only shows
    /// with hand-made requests such as curl, where JSON is the friendlier answer.)
    /// </summary>
    public static EurekaFormat ForAccept(string? accept) =>
        accept is not null
        && accept.Contains("xml", StringComparison.OrdinalIgnoreCase)
        && !accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? EurekaFormat.Xml
            : EurekaFormat.Json;

    /// <summary>The format of a request body: XML for any XML media type (<c>application/xml</c>, <c>text/xml</c>), else JSON.</summary>
    public static EurekaFormat ForContentType(string? contentType) =>
        contentType is not null && contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) ? EurekaFormat.Xml : EurekaFormat.Json;

    public static string MediaType(this EurekaFormat format) => format == EurekaFormat.Xml ? XmlMediaType : JsonMediaType;
}
