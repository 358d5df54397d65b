using Microsoft.Extensions.Logging;

namespace Actors.Internal;

/// <summary>
/// Wraps a logger so that a provider that throws never takes an actor (or the kernel's bookkeeping) down:
/// log calls sit on completion and stop paths where an exception would leave the tree inconsistent.
/// </summary>
internal sealed class SafeLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        try { return inner.BeginScope(state); }
        catch (Exception) { return null; }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try { return inner.IsEnabled(logLevel); }
        catch (Exception) { return false; }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try { inner.Log(logLevel, eventId, state, exception, formatter); }
        catch (Exception) { /* a broken log sink must not take an actor down */ }
    }
}
