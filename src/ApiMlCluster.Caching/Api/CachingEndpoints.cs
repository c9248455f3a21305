using ApiMlCluster.Core.Cluster;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Caching.Api;

/// <summary>
/// Zowe's caching REST API (<c>/cachingservice/api/v1</c>) on the caching-service port. Every call is scoped to the
/// caller's namespace (<see cref="CallerNamespace"/>); writes are answered once the owning bucket has journaled them.
/// </summary>
internal static class CachingEndpoints
{
    public const string BasePath = "/cachingservice/api/v1";

    public static void MapCachingEndpoints(this IEndpointRouteBuilder routes, int port)
    {
        var group = routes.MapGroup(BasePath).RequireLocalPort(port).AddEndpointFilter<CallerNamespace>()
            .AddEndpointFilter(routes.ServiceProvider.GetRequiredService<ServiceIdQuota>())
            .WithMetadata(MajorityReadsMetadata.Instance);
        // Route templates match with or without a trailing slash, so "/cache" also serves Zowe's "/cache/".
        group.MapGet("/cache", ListAsync);
        group.MapPost("/cache", CreateAsync);
        group.MapPut("/cache", UpdateAsync);
        group.MapDelete("/cache", ClearAsync);

        group.MapGet("/cache/{key}", GetAsync);
        group.MapDelete("/cache/{key}", DeleteAsync);
        group.MapPost("/cache-list/{mapKey}", StoreMapItemAsync);
        group.MapGet("/cache-list/{mapKey}", (string mapKey, HttpContext context, CacheStore store) => ReadMapsAsync(context, store, mapKey));
        group.MapGet("/cache-list", (HttpContext context, CacheStore store) => ReadMapsAsync(context, store, null));
        group.MapDelete("/cache-list/evict/tokens/{mapKey}", (string mapKey, HttpContext context, CacheStore store) => EvictAsync(context, store, mapKey, EvictionRule.ExpiredTokens));
        group.MapDelete("/cache-list/evict/rules/{mapKey}", (string mapKey, HttpContext context, CacheStore store) => EvictAsync(context, store, mapKey, EvictionRule.OldRules));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CacheStore store, CachingSettings settings)
    {
        var (body, problem) = await ReadBodyAsync(context, settings);
        if (problem is not null)
        {
            return problem;
        }

        var command = new CreateEntry(BucketAddress.EntityId(CallerNamespace.Of(context), body!.Key), Guid.NewGuid(), body.Key, body.Value);
        return Answer(await store.SendAsync(command, context.RequestAborted), context, body, Results.StatusCode(StatusCodes.Status201Created), settings);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, CacheStore store, CachingSettings settings)
    {
        var (body, problem) = await ReadBodyAsync(context, settings);
        if (problem is not null)
        {
            return problem;
        }

        var command = new UpdateEntry(BucketAddress.EntityId(CallerNamespace.Of(context), body!.Key), Guid.NewGuid(), body.Key, body.Value);
        return Answer(await store.SendAsync(command, context.RequestAborted), context, body, Results.NoContent(), settings);
    }

    private static async Task<IResult> DeleteAsync(string key, HttpContext context, CacheStore store, CachingSettings settings)
    {
        var @namespace = CallerNamespace.Of(context);
        if (!KeyValueBody.IsValidKey(key))
        {
            return MessageResults.Message(CachingMessages.KeyNotInCache, key, @namespace);
        }

        var answer = await store.SendAsync(new DeleteEntry(BucketAddress.EntityId(@namespace, key), Guid.NewGuid(), key), context.RequestAborted);
        return Answer(answer, context, new KeyValueBody(key, []), Results.NoContent(), settings);
    }

    private static async Task<IResult> GetAsync(string key, HttpContext context, CacheStore store)
    {
        var @namespace = CallerNamespace.Of(context);
        if (!KeyValueBody.IsValidKey(key))
        {
            return MessageResults.Message(CachingMessages.KeyNotInCache, key, @namespace);
        }

        return await store.SendAsync(new GetEntry(BucketAddress.EntityId(@namespace, key), key), context.RequestAborted) switch
        {
            EntryFound found => CacheJson.Entry(found.Entry, @namespace),
            EntryMissing => MessageResults.Message(CachingMessages.KeyNotInCache, key, @namespace),
            _ => MessageResults.Message(CachingMessages.NotAvailable),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext context, CacheStore store)
    {
        var @namespace = CallerNamespace.Of(context);
        var pages = await store.ReadAllAsync(@namespace, BucketContent.Entries, null, context.RequestAborted);
        return pages is null
            ? MessageResults.Message(CachingMessages.NotAvailable)
            : CacheJson.Entries(pages.SelectMany(p => p.Entries), @namespace);
    }

    /// <summary>Zowe answers 200 with no body.</summary>
    private static async Task<IResult> ClearAsync(HttpContext context, CacheStore store)
    {
        var commands = BucketAddress.AllEntityIds(CallerNamespace.Of(context)).Select(id => new ClearEntries(id, Guid.NewGuid()));
        return await store.SendToAllAsync(commands, context.RequestAborted) is null
            ? MessageResults.Message(CachingMessages.NotAvailable)
            : Results.Ok();
    }

    /// <summary>An upsert: storing an item that exists replaces its value and is still 201, as in Zowe.</summary>
    private static async Task<IResult> StoreMapItemAsync(string mapKey, HttpContext context, CacheStore store, CachingSettings settings)
    {
        var (body, problem) = await ReadBodyAsync(context, settings);
        if (problem is not null)
        {
            return problem;
        }

        if (!KeyValueBody.IsValidKey(mapKey))
        {
            return MessageResults.Message(CachingMessages.InvalidPayload, mapKey, $"The map key must have 1 to {KeyValueBody.MaxKeyBytes} bytes");
        }

        var command = new StoreMapItem(BucketAddress.MapItemEntityId(CallerNamespace.Of(context), mapKey, body!.Key), Guid.NewGuid(), mapKey, body.Key, body.Value);
        return Answer(await store.SendAsync(command, context.RequestAborted), context, body, Results.StatusCode(StatusCodes.Status201Created), settings);
    }

    private static async Task<IResult> ReadMapsAsync(HttpContext context, CacheStore store, string? mapKey)
    {
        var pages = await store.ReadAllAsync(CallerNamespace.Of(context), BucketContent.MapItems, mapKey, context.RequestAborted);
        if (pages is null)
        {
            return MessageResults.Message(CachingMessages.NotAvailable);
        }

        var items = pages.SelectMany(p => p.MapItems);
        return mapKey is null ? CacheJson.Maps(items) : CacheJson.Map(items);
    }

    private static async Task<IResult> EvictAsync(HttpContext context, CacheStore store, string mapKey, EvictionRule rule)
    {
        var commands = BucketAddress.AllEntityIds(CallerNamespace.Of(context)).Select(id => new EvictMapItems(id, Guid.NewGuid(), mapKey, rule));
        return await store.SendToAllAsync(commands, context.RequestAborted) is null
            ? MessageResults.Message(CachingMessages.NotAvailable)
            : Results.NoContent();
    }

    /// <summary>
    /// Reads at most what a maximal value can take as JSON (every character escaped as \uXXXX) plus the key, without
    /// trusting Content-Length; more is 413 before parsing, a parsed value over the limit is 400 ZWECS137E.
    /// </summary>
    private static async Task<(KeyValueBody? Body, IResult? Problem)> ReadBodyAsync(HttpContext context, CachingSettings settings)
    {
        var limit = (settings.MaxValueBytes * 6) + (KeyValueBody.MaxKeyBytes * 6) + 1024;
        var bytes = await RequestBodies.ReadAsync(context.Request, limit, context.RequestAborted);
        if (bytes is null)
        {
            return (null, MessageResults.Message(CachingMessages.BodyTooLarge, limit));
        }

        var (body, key, problem) = KeyValueBody.Parse(bytes);
        if (problem is not null)
        {
            return (null, MessageResults.Message(CachingMessages.InvalidPayload, key ?? "null", problem));
        }

        return body!.Value.Length > settings.MaxValueBytes
            ? (null, MessageResults.Message(CachingMessages.PayloadTooLarge, body.Key, body.Value.Length, settings.MaxValueBytes))
            : (body, null);
    }

    private static IResult Answer(object? answer, HttpContext context, KeyValueBody body, IResult success, CachingSettings settings) => answer switch
    {
        BucketDone => success,
        BucketRejected { Reason: RejectionReason.KeyExists } => MessageResults.Message(CachingMessages.KeyCollision, body.Key),
        BucketRejected { Reason: RejectionReason.KeyNotFound } => MessageResults.Message(CachingMessages.KeyNotInCache, body.Key, CallerNamespace.Of(context)),
        BucketRejected { Reason: RejectionReason.Full } => MessageResults.Message(CachingMessages.InsufficientStorage),
        BucketRejected { Reason: RejectionReason.ValueTooLarge } => MessageResults.Message(CachingMessages.PayloadTooLarge, body.Key, body.Value.Length, settings.MaxValueBytes),
        _ => MessageResults.Message(CachingMessages.NotAvailable),
    };
}
