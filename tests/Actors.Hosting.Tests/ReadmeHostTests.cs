using System.Diagnostics;
using System.Text;
using Actors.Tests;

namespace Actors.Hosting.Tests;

/// <summary>The README's Program.cs (tests/Actors.Hosting.ReadmeHost), run for real as a child process.</summary>
public class ReadmeHostTests
{
    [Fact]
    public async Task SigtermStopsTheTreeGracefully_AndTheProcessExitsWithZero()
    {
        using var host = ReadmeHost.Start();
        await host.WaitForOutput("hello from /jobs/greeter");

        await host.SignalAsync("TERM");
        var code = await host.ExitCode.WithinAsync("exit after SIGTERM");

        Assert.True(code == 0, $"Exit code {code}, expected 0. Output:\n{host.Output}");
        Assert.Contains("Stopping the actor tree", host.Output);
        Assert.Contains("Actor tree stopped", host.Output);
        Assert.DoesNotContain("abandoned", host.Output);
    }

    [Fact]
    public async Task ARootSupervisorGivingUp_StopsTheApplicationWithANonZeroExitCode_AndSaysWhy()
    {
        using var host = ReadmeHost.Start("--Greeting=");   // an empty greeting fails the greeter on every tick

        var code = await host.ExitCode.WithinAsync("exit after the supervisor gives up");

        Assert.True(code == 1, $"Exit code {code}, expected 1. Output:\n{host.Output}");
        Assert.Contains("/jobs: root actor failed; stopping the application with exit code 1", host.Output);
        Assert.Contains("RestartIntensityExceededException", host.Output);
    }

    [Fact]
    public void TheReadmeShowsTheHostProgramVerbatim()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Actors.sln"))) repo = repo.Parent;
        Assert.NotNull(repo);
        var program = File.ReadAllText(Path.Combine(repo.FullName, "tests", "Actors.Hosting.ReadmeHost", "Program.cs")).ReplaceLineEndings("\n").TrimEnd();
        var readme = File.ReadAllText(Path.Combine(repo.FullName, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + program + "\n```", readme);
    }

    private sealed class ReadmeHost : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<int> _exited = Signal.New<int>();

        private ReadmeHost(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Exited += (_, _) =>
            {
                process.WaitForExit();   // drains the output readers
                _exited.TrySetResult(process.ExitCode);
            };
            process.EnableRaisingEvents = true;
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task<int> ExitCode => _exited.Task;

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static ReadmeHost Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // Its own output folder (tests/Actors.Hosting.ReadmeHost/bin/<configuration>/net10.0), with its own dependencies.
            var folder = AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Actors.Hosting.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Actors.Hosting.ReadmeHost{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            info.ArgumentList.Add(Path.Combine(folder, "Actors.Hosting.ReadmeHost.dll"));
            foreach (var arg in args) info.ArgumentList.Add(arg);
            info.Environment["DOTNET_ENVIRONMENT"] = "Production";
            info.Environment["Logging__Console__FormatterName"] = "simple";
            info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
            info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
            return new ReadmeHost(new Process { StartInfo = info });
        }

        public Task WaitForOutput(string text) => TestWaits.UntilAsync(() => Output.Contains(text, StringComparison.Ordinal) || _exited.Task.IsCompleted, $"'{text}' in the output")
            .ContinueWith(t => { t.GetAwaiter().GetResult(); Assert.True(Output.Contains(text, StringComparison.Ordinal), $"The host exited without printing '{text}':\n{Output}"); }, TaskScheduler.Default);

        public async Task SignalAsync(string signal)
        {
            using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
            await kill.WaitForExitAsync().WithinAsync("kill");
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }
    }
}
