using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// The audit trail: <see cref="Record"/> logs the record (category <c>ApiMlCluster.Audit</c>) and offers it to a bounded
/// queue without waiting; when the queue is full the record is dropped from durable storage and counted (it is still
/// in the log). An Akka.Streams pipeline drains the queue in batches (<c>GroupedWithin</c>) into this node's
/// <see cref="AuditWriter"/>, one batch at a time, so a slow database backs up into the queue, never into a request.
/// Records given before the ActorSystem runs wait in the queue. Records without an authenticated caller are only
/// logged, sampled (<see cref="RecordUnauthenticated"/>).
/// </summary>
internal sealed class StreamingAuditTrail : IAuditTrail, IDisposable
{
    private readonly AuditSettings settings;
    private readonly Channel<AuditRecord> queue;
    private readonly LoggingAuditTrail log;
    private readonly ILogger logger;
    private readonly Lock sampling = new();
    private long dropped;
    private long lost;
    private long written;
    private long batches;
    private long unauthenticated;
    private long samplingSecond = long.MinValue;
    private int loggedThisSecond;
    private long notLogged;

    public StreamingAuditTrail(ILoggerFactory loggers, AuditSettings settings)
    {
        this.settings = settings;
        log = new LoggingAuditTrail(loggers);
        logger = loggers.CreateLogger("ApiMlCluster.Audit");
        queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            // With Wait, TryWrite refuses when full instead of evicting: the newest record is the one dropped.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Records refused because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Records whose batch the journal did not take (rejected, or no answer in time).</summary>
    public long Lost => Interlocked.Read(ref lost);

    public long Written => Interlocked.Read(ref written);

    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Records of callers that could not be authenticated: never journaled, logged only up to a rate.</summary>
    public long Unauthenticated => Interlocked.Read(ref unauthenticated);

    public void Record(AuditRecord record)
    {
        if (record.UserId is null)
        {
            RecordUnauthenticated(record);
            return;
        }

        try
        {
            log.Record(record);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing log sink must not fail the audited request; the record still goes to the journal.
        }

        if (queue.Writer.TryWrite(record))
        {
            return;
        }

        var count = Interlocked.Increment(ref dropped);
        if (count == 1 || count % 100 == 0)
        {
            logger.LogWarning("Audit queue full ({Capacity}): {Dropped} record(s) dropped from durable storage so far (they are in this log)", settings.QueueCapacity, count);
        }
    }

    /// <summary>
    /// Anyone can make unauthenticated requests, so their records must not grow the journal (nothing would ever
    /// remove them) nor flood the log: the first <see cref="AuditSettings.UnauthenticatedLogPerSecond"/> of each
    /// second (by the record's time) are logged, and the next logged line says how many were left out.
    /// </summary>
    private void RecordUnauthenticated(AuditRecord record)
    {
        Interlocked.Increment(ref unauthenticated);
        long skipped;
        lock (sampling)
        {
            var second = record.At.ToUnixTimeSeconds();
            if (second != samplingSecond)
            {
                samplingSecond = second;
                loggedThisSecond = 0;
            }

            if (++loggedThisSecond > settings.UnauthenticatedLogPerSecond)
            {
                notLogged++;
                return;
            }

            skipped = notLogged;
            notLogged = 0;
        }

        try
        {
            if (skipped > 0)
            {
                logger.LogWarning("{Skipped} audit record(s) of unauthenticated callers were not logged (more than {Rate} per second)", skipped, settings.UnauthenticatedLogPerSecond);
            }

            log.Record(record);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failing log sink must not fail the audited request.
        }
    }

    /// <summary>Starts draining the queue into <paramref name="writer"/>; once per ActorSystem.</summary>
    public void Start(ActorSystem system, IActorRef writer)
    {
        ChannelSource.FromReader(queue.Reader)
            .GroupedWithin(settings.BatchSize, settings.BatchWindow)
            .SelectAsync(1, batch => WriteAsync(writer, batch.ToList()))
            .RunWith(Sink.Ignore<NotUsed>(), system.Materializer());
    }

    public void Dispose() => queue.Writer.TryComplete();

    private async Task<NotUsed> WriteAsync(IActorRef writer, List<AuditRecord> batch)
    {
        try
        {
            var result = await writer.Ask<AuditBatchWritten>(new WriteAuditBatch(batch), settings.WriteTimeout);
            if (result.Success)
            {
                Interlocked.Add(ref written, batch.Count);
                Interlocked.Increment(ref batches);
                return NotUsed.Instance;
            }

            Lose(batch.Count, "the journal rejected the batch");
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
        {
            Lose(batch.Count, $"the journal did not confirm within {settings.WriteTimeout.TotalSeconds:F0} s");
        }

        return NotUsed.Instance;
    }

    private void Lose(int count, string reason)
    {
        var total = Interlocked.Add(ref lost, count);
        logger.LogWarning("{Count} audit record(s) not stored: {Reason} ({Total} lost so far; they are in this log)", count, reason, total);
    }
}
