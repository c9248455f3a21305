using System.Net.Http;
using System.Security.Authentication;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Schemes;
using ApiMlCluster.Gateway.Sticky;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Sends one matched request to the service: chooses an instance (sticky by user, <c>X-InstanceId</c>, or round
/// robin around marked instances), forwards it with its timeouts, and when the attempt failed before the service
/// answered (refused, reset, connect timeout) or the instance answered 503, tries another instance, up to
/// <see cref="GatewayRoutingSettings.Retries"/> more times within the response timeout. Only requests that are
/// idempotent (RFC 9110: GET, HEAD, OPTIONS, PUT, DELETE) and carry no body are retried: YARP streams bodies, so
/// a body is gone after the first attempt. Connect failures mark the instance down (<see cref="InstanceHealth"/>)
/// whatever the method. Transport failures become Zowe messages; the service's own answers pass through.
/// </summary>
internal sealed class ForwardingAttempts(
    InstanceChooser chooser,
    StickyRouting sticky,
    SchemeCallers callers,
    InstanceHealth health,
    IHttpForwarder forwarder,
    GatewayHttpClient client,
    GatewayRoutingSettings settings,
    SouthboundSchemes schemes,
    TimeProvider clock)
{
    /// <summary>One immutable config per activity timeout in use (a handful: each service's, and the WebSocket idle limit).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TimeSpan, ForwarderRequestConfig> RequestConfigs = new();

    public async Task ForwardAsync(HttpContext context, EdgeRoute match)
    {
        var service = match.Service;
        var user = StickyRouting.AppliesTo(service) ? await StickyUserAsync(context, service) : null;
        // With the authentication load balancer active Zowe ignores X-InstanceId; so do we.
        var requested = user is null ? context.Request.Headers[InstanceChooser.InstanceIdHeader].ToString() : null;
        var retryable = string.IsNullOrEmpty(requested) && IsRetryable(context);
        var started = clock.GetTimestamp();
        // Only a retry needs it: most requests succeed at the first instance.
        List<string>? tried = null;
        TimeSpan? budget = null;

        for (var attempt = 0; ; attempt++)
        {
            var choice = user is null
                ? chooser.Choose(service, requested, tried)
                : await sticky.ChooseAsync(service, user, tried ?? [], context.RequestAborted);
            if (choice.Instance is not { } instance)
            {
                await (choice.Problem == InstanceChoiceProblem.UnknownInstance
                    ? WriteAsync(context, GatewayMessages.UnknownInstance)
                    : WriteAsync(context, CommonMessages.ServiceUnavailable, $"no instance of service '{service.ServiceId}' is available"));
                return;
            }

            // Per attempt: the scheme may depend on the instance's metadata, and a PassTicket is meant for one use.
            var southbound = await schemes.TranslateAsync(context, instance);
            if (southbound.Refusal is { } refusal)
            {
                await WriteAsync(context, refusal.Message, refusal.Arguments);
                return;
            }

            var timeouts = AttemptTimeouts.Of(instance.Metadata.Timeouts, settings.ConnectionTimeout);
            budget ??= timeouts.Response;
            var mayRetry = retryable && attempt < settings.Retries && HasOther(service, tried, instance) && clock.GetElapsedTime(started) < budget;
            // The shared client already caps connects at the gateway's default; only a shorter one needs the request option.
            var connectTimeout = timeouts.Connect < settings.ConnectionTimeout ? timeouts.Connect : (TimeSpan?)null;
            var attemptTransformer = new GatewayTransformer(match.TargetPath, match.Prefix, southbound, connectTimeout, mayRetry, settings.InstanceIdHeader ? instance.InstanceId : null);
            var config = RequestConfigs.GetOrAdd(UpgradeTimeout.For(context, timeouts.Response), static timeout => new ForwarderRequestConfig { ActivityTimeout = timeout });
            var error = await forwarder.SendAsync(context, instance.BaseUri.ToString(), client.Invoker, config, attemptTransformer);
            if (error == ForwarderError.None && !attemptTransformer.DroppedUnavailable)
            {
                if (choice.Trial)
                {
                    health.ReportTrialSuccess(instance);
                }

                return;
            }

            if (context.Response.HasStarted)
            {
                return;
            }

            var failure = context.GetForwarderErrorFeature()?.Exception;
            if (attemptTransformer.DroppedUnavailable)
            {
                // It answered: reachable, so a trial succeeded; only overloaded or going down.
                if (choice.Trial)
                {
                    health.ReportTrialSuccess(instance);
                }
            }
            else if (IsConnectFailure(error, failure))
            {
                health.ReportConnectFailure(instance);
            }

            var retry = mayRetry && (attemptTransformer.DroppedUnavailable || (error == ForwarderError.Request && !Has<AuthenticationException>(failure)))
                && clock.GetElapsedTime(started) < budget && !context.RequestAborted.IsCancellationRequested;
            if (!retry)
            {
                await WriteFailureAsync(context, error, failure, instance, match);
                return;
            }

            (tried ??= []).Add(instance.InstanceId);
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
        }
    }

    /// <summary>
    /// Only a verified caller (session token, PAT in scope, mapped certificate: what the schemes accept) is kept on
    /// one instance. The unverified <c>sub</c> of any token would let anyone create sticky choices, each a journal
    /// row and an entry on every node, at will; everyone else is balanced round robin.
    /// </summary>
    private async ValueTask<string?> StickyUserAsync(HttpContext context, ServiceRoutes service) =>
        (await callers.ResolveAsync(context, service.ServiceId)).Caller?.UserId;

    private static bool IsRetryable(HttpContext context)
    {
        var method = context.Request.Method;
        var idempotent = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
        return idempotent && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };
    }

    private static bool HasOther(ServiceRoutes service, List<string>? tried, RoutedInstance current)
    {
        foreach (var instance in service.Instances)
        {
            if (!ReferenceEquals(instance, current) && tried?.Contains(instance.InstanceId) != true)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnectFailure(ForwarderError error, Exception? failure)
    {
        if (error != ForwarderError.Request)
        {
            return false;
        }

        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteFailureAsync(HttpContext context, ForwarderError error, Exception? failure, RoutedInstance instance, EdgeRoute match)
    {
        var url = EdgeForwarding.Address(instance.BaseUri.ToString(), match.TargetPath, QueryString.Empty).ToString();
        return error switch
        {
            ForwarderError.None => WriteAsync(context, CommonMessages.ServiceUnavailable, $"instance '{instance.InstanceId}' of service '{match.Service.ServiceId}' is unavailable"),
            ForwarderError.RequestTimedOut => WriteAsync(context, GatewayMessages.Timeout, url),
            ForwarderError.Request when Has<AuthenticationException>(failure) => WriteAsync(context, GatewayMessages.TlsError, url, failure!.GetBaseException().Message),
            ForwarderError.Request => WriteAsync(context, CommonMessages.ServiceUnavailable, $"instance '{instance.InstanceId}' of service '{match.Service.ServiceId}' did not answer"),
            _ => Task.CompletedTask,
        };
    }

    private static bool Has<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteAsync(HttpContext context, MessageTemplate message, params object?[] arguments)
    {
        context.Response.Clear();
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(arguments));
    }
}
