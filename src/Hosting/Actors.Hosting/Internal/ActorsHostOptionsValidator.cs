using Microsoft.Extensions.Options;

namespace Actors.Hosting.Internal;

/// <summary>Checks <see cref="ActorsHostOptions"/> at start; each message names the setting and says what fixes it.</summary>
internal sealed class ActorsHostOptionsValidator : IValidateOptions<ActorsHostOptions>
{
    private const string S = ActorsHostOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ActorsHostOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name)) errors.Add($"{S}:Name is empty; set a short name such as \"actors\" or remove the setting.");
        Timeout(options.TaskTimeout, nameof(options.TaskTimeout), errors);
        Timeout(options.AskTimeout, nameof(options.AskTimeout), errors);
        Timeout(options.BlockingThreshold, nameof(options.BlockingThreshold), errors);
        if (options.Throughput < 1) errors.Add($"{S}:Throughput is {options.Throughput}; it must be at least 1 message per turn (300 is the default).");
        if (double.IsNaN(options.MessageTraceSampling) || options.MessageTraceSampling is < 0 or > 1)
            errors.Add($"{S}:MessageTraceSampling is {options.MessageTraceSampling}; use a share between 0 (off) and 1 (every message).");
        if (options.DegradedMailboxDepth < 1) errors.Add($"{S}:DegradedMailboxDepth is {options.DegradedMailboxDepth}; use a positive message count (1000 is the default).");
        if (options.RestartLoopThreshold < 1) errors.Add($"{S}:RestartLoopThreshold is {options.RestartLoopThreshold}; use a positive restart count (3 is the default).");
        if (options.RestartLoopWindow <= TimeSpan.Zero) errors.Add($"{S}:RestartLoopWindow is {options.RestartLoopWindow}; use a positive duration such as \"00:01:00\".");
        if (options.FailureExitCode == 0) errors.Add($"{S}:FailureExitCode is 0, which reads as success; use a non-zero code (1 is the default).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Timeout(TimeSpan value, string setting, List<string> errors)
    {
        if (value != System.Threading.Timeout.InfiniteTimeSpan && value <= TimeSpan.Zero)
            errors.Add($"{S}:{setting} is {value}; use a positive duration such as \"00:00:30\", or \"-00:00:00.001\" for none.");
    }
}
