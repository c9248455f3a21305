namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// A request body the codec cannot accept. <see cref="Field"/> names the offending part as a dotted path
/// (<c>instance.port.$</c>, or <c>body</c> when the document itself is unreadable) so a client author can fix
/// their registration from the message alone; the endpoint answers it with 400.
/// </summary>
internal sealed class EurekaFormatException(string field, string problem, Exception? inner = null)
    : Exception($"Invalid Eureka instance: '{field}' {problem}", inner)
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
