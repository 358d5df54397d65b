using System.Text.Json;
using Actors.Supervision.OutOfProcess.Internal;

namespace Actors.Supervision.OutOfProcess;

/// <summary>
/// The worker side of <see cref="ProcessWorker"/>: call <see cref="RunAsync(Func{string, JsonElement, CancellationToken, Task{JsonElement}}, CancellationToken)"/>
/// from the worker program's <c>Main</c>. It says hello, then answers requests one at a time, in order,
/// until the pool closes its standard input.
/// </summary>
public static class WorkerHost
{
    /// <summary>
    /// Serves requests from standard input, answering on standard output. <see cref="Console.Out"/> is
    /// redirected to standard error first, so stray <c>Console.WriteLine</c> calls cannot corrupt the frames.
    /// </summary>
    /// <param name="handler">Handles one request: method, payload, token; returns the response payload. A throw becomes an error response (the worker goes on).</param>
    /// <param name="cancellationToken">Stops serving.</param>
    /// <returns>The exit code: 0 when the pool closed the input, 2 when the input was not valid frames.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public static Task<int> RunAsync(Func<string, JsonElement, CancellationToken, Task<JsonElement>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return RunAsync(handler, input, output, cancellationToken);
    }

    /// <summary>Serves requests from <paramref name="input"/>, answering on <paramref name="output"/> (for tests and custom transports).</summary>
    internal static async Task<int> RunAsync(Func<string, JsonElement, CancellationToken, Task<JsonElement>> handler, Stream input, Stream output, CancellationToken cancellationToken)
    {
        await Framing.WriteAsync(output, WorkerMessages.Hello(Environment.ProcessId), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            long id;
            string method;
            JsonElement payload;
            try
            {
                if (await Framing.ReadAsync(input, Framing.DefaultMaxFrameBytes, cancellationToken).ConfigureAwait(false) is not { } body) return 0;
                (id, method, payload) = WorkerMessages.ReadRequest(body);
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
            {
                await Console.Error.WriteLineAsync($"Worker process {Environment.ProcessId}: its input {ex.Message}; exiting.").ConfigureAwait(false);
                return 2;
            }
            byte[] response;
            try
            {
                response = WorkerMessages.Success(id, await handler(method, payload, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                response = WorkerMessages.Failure(id, $"{ex.GetType().Name}: {ex.Message}");
            }
            await Framing.WriteAsync(output, response, cancellationToken).ConfigureAwait(false);
        }
    }
}
