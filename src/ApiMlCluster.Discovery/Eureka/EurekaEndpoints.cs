using System.Collections.Immutable;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// The Eureka REST API on the discovery port, under <c>/eureka</c> (and <c>/eureka/v2</c>, the default path of
/// some clients). Writes go to the service's entity; reads come from this node's snapshot without an actor.
/// </summary>
internal static class EurekaEndpoints
{
    public static readonly string[] Prefixes = ["/eureka", "/eureka/v2"];

    public static void MapEurekaEndpoints(this IEndpointRouteBuilder routes, int discoveryPort)
    {
        foreach (var prefix in Prefixes)
        {
            var group = routes.MapGroup(prefix).RequireLocalPort(discoveryPort).AddEndpointFilter<ClientCertificateRequirement>();
            group.MapPost("/apps/{app}", RegisterAsync);
            group.MapPut("/apps/{app}/{instanceId}", RenewAsync);
            group.MapDelete("/apps/{app}/{instanceId}", (string app, string instanceId, RegistryWriter writer, RegistrationAccess access, HttpContext context) =>
                SendAsync(writer, access, context, app, by => new Cancel(app.ToUpperInvariant(), instanceId, by), Results.Ok()));
            group.MapPut("/apps/{app}/{instanceId}/status", OverrideStatusAsync);
            group.MapDelete("/apps/{app}/{instanceId}/status", (string app, string instanceId, RegistryWriter writer, RegistrationAccess access, HttpContext context) =>
                SendAsync(writer, access, context, app, by => new RemoveStatusOverride(app.ToUpperInvariant(), instanceId, by), Results.Ok()));
            group.MapPut("/apps/{app}/{instanceId}/metadata", UpdateMetadataAsync);
            group.MapGet("/apps", (RegistrySnapshot snapshot, ApplicationsResponses responses, HttpContext context) =>
                Body(responses.Get(snapshot.Current, ResponseFormat(context)), context));
            group.MapGet("/apps/delta", (RegistrySnapshot snapshot, HttpContext context) => Delta(snapshot, context));
            group.MapGet("/apps/{app}", GetApplication);
            group.MapGet("/apps/{app}/{instanceId}", (string app, string instanceId, RegistrySnapshot snapshot, HttpContext context) =>
                snapshot.Current.Find(app)?.Instances.GetValueOrDefault(instanceId) is { } instance
                    ? Body(EurekaCodec.WriteInstance(instance, ResponseFormat(context)), context)
                    : MessageResults.Message(EurekaMessages.UnknownInstance, instanceId, app.ToUpperInvariant()));
            group.MapGet("/instances/{instanceId}", (string instanceId, RegistrySnapshot snapshot, HttpContext context) =>
                snapshot.Current.FindInstance(instanceId) is { } instance
                    ? Body(EurekaCodec.WriteInstance(instance, ResponseFormat(context)), context)
                    : MessageResults.Message(EurekaMessages.UnknownInstance, instanceId, "?"));
        }
    }

    private static async Task<IResult> RegisterAsync(
        string app, HttpContext context, RegistryWriter writer, RegistrationPreparation preparation, RegistrationAccess access, RegistrationGate gate)
    {
        if (!RegistrationRules.IsValidApp(app))
        {
            return MessageResults.Message(EurekaMessages.InvalidRegistration, app, "the application name may only contain letters, digits, '.', '_' and '-'");
        }

        var body = await RequestBodies.ReadAsync(context.Request, RegistrationRules.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return MessageResults.Message(EurekaMessages.BodyTooLarge, RegistrationRules.MaxBodyBytes);
        }

        InstanceInfo instance;
        try
        {
            instance = EurekaCodec.ReadInstance(body, RequestFormat(context));
        }
        catch (EurekaFormatException e)
        {
            return MessageResults.Message(EurekaMessages.InvalidRegistration, app, e.Message);
        }

        if (RegistrationRules.Check(app, instance) is { } problem)
        {
            return MessageResults.Message(EurekaMessages.InvalidRegistration, app, problem);
        }

        // Judged on the prepared instance: the service id it will really have, with the static definitions' additions.
        instance = preparation.Prepare(instance);
        var decision = access.Decide(context.Connection.ClientCertificate, instance.ServiceId);
        if (decision.Refusal is { } refusal)
        {
            return MessageResults.Message(EurekaMessages.NotOwner, decision.Subject, instance.App, refusal);
        }

        if (gate.Check(instance, decision.By) is { } refused)
        {
            return MessageResults.Message(refused.Message, refused.Arguments);
        }

        return await SendAsync(writer, new Register(instance.App, instance, decision.By), context, Results.NoContent());
    }

    private static Task<IResult> RenewAsync(string app, string instanceId, HttpContext context, RegistryWriter writer, RegistrationAccess access)
    {
        long? lastDirty = null;
        if (context.Request.Query["lastDirtyTimestamp"] is { Count: > 0 } values)
        {
            if (!long.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return Task.FromResult(MessageResults.Message(EurekaMessages.InvalidRequest, context.Request.Path.Value, "lastDirtyTimestamp is not a number"));
            }

            lastDirty = parsed;
        }

        return SendAsync(writer, access, context, app, by => new Renew(app.ToUpperInvariant(), instanceId, lastDirty, by), Results.Ok());
    }

    private static Task<IResult> OverrideStatusAsync(string app, string instanceId, HttpContext context, RegistryWriter writer, RegistrationAccess access)
    {
        if (!InstanceStatuses.TryParse(context.Request.Query["value"].ToString(), out var status))
        {
            return Task.FromResult(MessageResults.Message(EurekaMessages.InvalidRequest, context.Request.Path.Value, "value must be one of UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN"));
        }

        return SendAsync(writer, access, context, app, by => new OverrideStatus(app.ToUpperInvariant(), instanceId, status, by), Results.Ok());
    }

    private static Task<IResult> UpdateMetadataAsync(string app, string instanceId, HttpContext context, RegistryWriter writer, RegistrationAccess access)
    {
        var changes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in context.Request.Query)
        {
            changes[key] = values.ToString();
        }

        if (changes.Count == 0 || changes.Count > RegistrationRules.MaxMetadataEntries
            || changes.Any(c => c.Key.Length > RegistrationRules.MaxMetadataKeyLength || c.Key.Length + c.Value.Length > RegistrationRules.MaxMetadataCharacters))
        {
            return Task.FromResult(MessageResults.Message(EurekaMessages.InvalidRequest, context.Request.Path.Value, "give the metadata to change as query parameters key=value, within the metadata limits"));
        }

        return SendAsync(writer, access, context, app, by => new UpdateMetadata(app.ToUpperInvariant(), instanceId, changes.ToImmutable(), by), Results.Ok());
    }

    /// <summary>A change to an existing instance: the caller's certificate must be allowed for the service first.</summary>
    private static async Task<IResult> SendAsync(
        RegistryWriter writer, RegistrationAccess access, HttpContext context, string app, Func<Registrant?, IOwnedCommand> command, IResult success)
    {
        if (!RegistrationRules.IsValidApp(app))
        {
            return MessageResults.Message(EurekaMessages.UnknownApplication, app.ToUpperInvariant());
        }

        var decision = access.Decide(context.Connection.ClientCertificate, app.ToLowerInvariant());
        return decision.Refusal is { } refusal
            ? MessageResults.Message(EurekaMessages.NotOwner, decision.Subject, app.ToUpperInvariant(), refusal)
            : await SendAsync(writer, command(decision.By), context, success);
    }

    private static async Task<IResult> SendAsync(RegistryWriter writer, IOwnedCommand command, HttpContext context, IResult success)
    {
        if (!RegistrationRules.IsValidApp(command.App))
        {
            return MessageResults.Message(EurekaMessages.UnknownApplication, command.App);
        }

        var result = await writer.SendAsync(command, context.RequestAborted);
        return result.Outcome switch
        {
            RegistryOutcome.Done => success,
            RegistryOutcome.NotFound => MessageResults.Message(EurekaMessages.UnknownInstance, InstanceOf(command), command.App),
            RegistryOutcome.Refused => Refused(result.Refusal!, command),
            _ => MessageResults.Message(EurekaMessages.RegistryUnavailable, command.App),
        };
    }

    private static IResult Refused(RegistryRefused refusal, IOwnedCommand command) => refusal.Kind switch
    {
        RefusalKind.Quota => MessageResults.Message(EurekaMessages.QuotaReached, command.App, refusal.Reason),
        RefusalKind.Invalid => MessageResults.Message(EurekaMessages.InvalidRequest, $"application '{command.App}'", refusal.Reason),
        _ => MessageResults.Message(EurekaMessages.NotOwner, command.By?.Subject, command.App, refusal.Reason),
    };

    private static string InstanceOf(IServiceCommand command) => command switch
    {
        Renew r => r.InstanceId,
        Cancel c => c.InstanceId,
        OverrideStatus o => o.InstanceId,
        RemoveStatusOverride r => r.InstanceId,
        UpdateMetadata u => u.InstanceId,
        _ => "?",
    };

    private static IResult GetApplication(string app, RegistrySnapshot snapshot, HttpContext context)
    {
        if (snapshot.Current.Find(app) is not { } service)
        {
            return MessageResults.Message(EurekaMessages.UnknownApplication, app.ToUpperInvariant());
        }

        var entries = service.Instances.Values.Select(i => new EurekaInstanceEntry(i, DeltaEntry.Added)).ToList();
        return Body(EurekaCodec.WriteApplication(service.App, entries, ResponseFormat(context)), context);
    }

    private static IResult Delta(RegistrySnapshot snapshot, HttpContext context)
    {
        var view = snapshot.Current;
        var applications = snapshot.RecentChanges()
            .GroupBy(d => d.Instance.App, StringComparer.Ordinal)
            .Select(g => new EurekaApplication(g.Key, g.Select(d => new EurekaInstanceEntry(d.Instance, d.ActionType)).ToList()))
            .ToList();

        // The hash describes the whole registry after the delta: clients compare it with their own copy and fetch everything on a mismatch.
        var hash = EurekaCodec.AppsHashCode(view.Registered.SelectMany(s => s.Instances.Values));
        return Body(EurekaCodec.WriteApplications(new EurekaApplications(view.ChangeCount, hash, applications), ResponseFormat(context)), context);
    }

    private static IResult Body(byte[] body, HttpContext context) =>
        Results.Bytes(body, ResponseFormat(context) == EurekaFormat.Xml ? "application/xml" : "application/json");

    private static EurekaFormat ResponseFormat(HttpContext context) => EurekaFormats.ForAccept(context.Request.Headers.Accept.ToString());

    private static EurekaFormat RequestFormat(HttpContext context) => EurekaFormats.ForContentType(context.Request.ContentType);
}
