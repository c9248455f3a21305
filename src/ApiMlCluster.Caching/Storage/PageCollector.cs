using Akka.Actor;

namespace ApiMlCluster.Caching.Storage;

/// <summary>Receives the pages one <see cref="ReadBucket"/> produces and completes with all of them, or with null after the timeout.</summary>
internal sealed class PageCollector : ReceiveActor
{
    private readonly List<BucketPage> pages = [];

    public PageCollector(TaskCompletionSource<IReadOnlyList<BucketPage>?> result, TimeSpan timeout)
    {
        Context.SetReceiveTimeout(timeout);
        Receive<BucketPage>(page =>
        {
            pages.Add(page);
            if (page.Last)
            {
                result.TrySetResult(pages);
                Context.Stop(Self);
            }
        });
        Receive<ReceiveTimeout>(_ =>
        {
            result.TrySetResult(null);
            Context.Stop(Self);
        });
    }

    public static Props Props(TaskCompletionSource<IReadOnlyList<BucketPage>?> result, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new PageCollector(result, timeout));
}
