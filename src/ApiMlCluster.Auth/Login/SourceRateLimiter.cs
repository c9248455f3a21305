using System.Globalization;
using System.Threading.RateLimiting;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Login;

/// <summary>
/// An endpoint filter that refuses a source address over its token bucket with 429 ZWESG429E and
/// <c>Retry-After</c>, before the endpoint reads the body or asks a provider. Per node: a client spread over the
/// nodes gets each node's allowance. Sources are counted as <see cref="SourceAddress"/> says (IPv6 by /64). Buckets
/// of idle sources are dropped by the limiter itself.
/// </summary>
internal sealed class SourceRateLimiter : IEndpointFilter, IDisposable
{
    private readonly SourceRateLimit settings;
    private readonly string what;
    private readonly PartitionedRateLimiter<HttpContext> limiter;

    public SourceRateLimiter(SourceRateLimit settings, string what)
    {
        this.settings = settings;
        this.what = what;
        limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(SourceAddress.Of(context.Connection.RemoteIpAddress), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Capacity,
                TokensPerPeriod = settings.Tokens,
                ReplenishmentPeriod = settings.RefillDuration,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!settings.Enabled)
        {
            return await next(context);
        }

        using var lease = limiter.AttemptAcquire(context.HttpContext);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.RefillDuration;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return MessageResults.Message(
            CommonMessages.TooManyRequests,
            $"more than {settings.Capacity} {what} at once or {settings.Tokens} per {settings.RefillDuration.TotalSeconds:0} s from this address; retry in {seconds} s");
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>The node's per-source limits on the auth endpoints that cost the most: logins and PAT generations.</summary>
internal sealed class SourceRateLimiters(AuthSettings settings) : IDisposable
{
    public SourceRateLimiter Login { get; } = new(settings.LoginRateLimit, "logins");

    public SourceRateLimiter AccessTokens { get; } = new(settings.AccessTokenRateLimit, "token generations");

    public void Dispose()
    {
        Login.Dispose();
        AccessTokens.Dispose();
    }
}
