using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Tests.Audit;

/// <summary>Keeps every formatted log message, for tests that check what was (not) logged.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly List<string> messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Collector(this);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.messages)
            {
                owner.messages.Add(formatter(state, exception));
            }
        }
    }
}
