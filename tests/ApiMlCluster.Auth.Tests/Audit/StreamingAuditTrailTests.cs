using ApiMlCluster.Auth.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Auth.Tests.Audit;

public sealed class StreamingAuditTrailTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Record_QueueFull_DropsAndCountsWithoutBlocking()
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { QueueCapacity = 3 });

        for (var i = 0; i < 10; i++)
        {
            trail.Record(AuditRecords.Numbered(i));
        }

        Assert.Equal(7, trail.Dropped);
    }

    [Fact]
    public void Start_RecordsGivenBefore_ReachTheWriterInBatchesOfTheBatchSize()
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { BatchSize = 3, BatchWindow = TimeSpan.FromMilliseconds(200) });
        for (var i = 0; i < 5; i++)
        {
            trail.Record(AuditRecords.Numbered(i));
        }

        var writer = CreateTestProbe();
        trail.Start(Sys, writer);

        var first = writer.ExpectMsg<WriteAuditBatch>();
        Assert.Equal(["#0", "#1", "#2"], first.Records.Select(r => r.Subject));
        writer.Reply(new AuditBatchWritten(3, true));
        var second = writer.ExpectMsg<WriteAuditBatch>();
        Assert.Equal(["#3", "#4"], second.Records.Select(r => r.Subject));
        writer.Reply(new AuditBatchWritten(2, true));
        AwaitCondition(() => trail.Written == 5 && trail.Batches == 2);
    }

    [Fact]
    public void Start_FewRecords_WrittenAfterTheBatchWindowWithoutWaitingForAFullBatch()
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { BatchSize = 100, BatchWindow = TimeSpan.FromMilliseconds(100) });
        var writer = CreateTestProbe();
        trail.Start(Sys, writer);

        trail.Record(AuditRecords.Numbered(1));

        Assert.Single(writer.ExpectMsg<WriteAuditBatch>(TimeSpan.FromSeconds(3)).Records);
    }

    [Fact]
    public void Start_WriterSilent_BatchCountedAsLostAndTheNextBatchStillSent()
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { BatchSize = 1, BatchWindow = TimeSpan.FromMilliseconds(50), WriteTimeout = TimeSpan.FromMilliseconds(300) });
        var writer = CreateTestProbe();
        trail.Start(Sys, writer);

        trail.Record(AuditRecords.Numbered(1));
        trail.Record(AuditRecords.Numbered(2));

        writer.ExpectMsg<WriteAuditBatch>();
        var next = writer.ExpectMsg<WriteAuditBatch>(TimeSpan.FromSeconds(3));
        Assert.Equal("#2", Assert.Single(next.Records).Subject);
        writer.Reply(new AuditBatchWritten(1, true));
        AwaitCondition(() => trail.Lost == 1 && trail.Written == 1);
    }

    [Fact]
    public void Record_UnauthenticatedCaller_IsNotJournaled()
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { BatchSize = 1, BatchWindow = TimeSpan.FromMilliseconds(50) });
        var writer = CreateTestProbe();
        trail.Start(Sys, writer);

        trail.Record(AuditRecords.Numbered(1) with { UserId = null, Success = false, Reason = "authentication failed" });
        trail.Record(AuditRecords.Numbered(2));

        // Batches keep their order, so the first batch the writer sees shows whether the unauthenticated one went first.
        Assert.Equal("#2", Assert.Single(writer.ExpectMsg<WriteAuditBatch>(TimeSpan.FromSeconds(3)).Records).Subject);
        Assert.Equal(1, trail.Unauthenticated);
    }

    [Fact]
    public void Record_ManyUnauthenticatedInOneSecond_LogsOnlyTheRateAndSaysHowManyWereLeftOut()
    {
        var logs = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var trail = new StreamingAuditTrail(factory, AuditSettings.Default with { UnauthenticatedLogPerSecond = 3 });

        for (var i = 0; i < 10; i++)
        {
            trail.Record(AuditRecords.Numbered(0) with { UserId = null, Subject = $"#{i}" });
        }

        trail.Record(AuditRecords.Numbered(1) with { UserId = null, Subject = "next second" });

        Assert.Equal(3 + 1 + 1, logs.Messages.Count);
        Assert.Contains(logs.Messages, m => m.StartsWith("7 audit record(s) of unauthenticated callers were not logged", StringComparison.Ordinal));
        Assert.Equal(11, trail.Unauthenticated);
    }
}
