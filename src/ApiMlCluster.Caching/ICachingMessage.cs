namespace ApiMlCluster.Caching;

/// <summary>Marks the caching context's cluster messages and journal events; they use <see cref="CachingSerializer"/>.</summary>
internal interface ICachingMessage;
