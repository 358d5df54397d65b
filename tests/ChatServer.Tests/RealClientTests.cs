using System.Diagnostics;
using Xunit.Abstractions;

namespace ChatServer.Tests;

/// <summary>Smoke test with a real IRC client from Debian: ii (installed by .ci/install-deps).</summary>
public sealed class RealClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_ii_client_joins_a_channel_and_exchanges_messages_with_a_test_client()
    {
        const string ii = "/usr/bin/ii";
        if (!File.Exists(ii))
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI"));   // CI installs it; only a bare dev machine may lack it
            output.WriteLine("ii is not installed; run `bash .ci/install-deps` to include this test.");
            return;
        }
        await using var server = await TestServer.StartAsync();
        await using var human = await server.RegisterAsync("human");
        await human.SendAsync("JOIN #smoke");
        await human.ExpectNumericAsync("366");
        var root = Directory.CreateTempSubdirectory("ii-smoke-");
        using var process = Process.Start(new ProcessStartInfo(ii)
        {
            ArgumentList = { "-s", "127.0.0.1", "-p", server.EndPoint.Port.ToString(), "-n", "iibot", "-i", root.FullName, "-f", "ii smoke" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var serverDir = Path.Combine(root.FullName, "127.0.0.1");
            await WaitForAsync(() => File.Exists(Path.Combine(serverDir, "in")), "ii's server FIFO");
            await WriteFifoAsync(Path.Combine(serverDir, "in"), "/j #smoke\n");
            await human.ExpectAsync(":iibot!");
            var channelDir = Path.Combine(serverDir, "#smoke");
            await WaitForAsync(() => File.Exists(Path.Combine(channelDir, "in")), "ii's channel FIFO");
            await WriteFifoAsync(Path.Combine(channelDir, "in"), "hello from ii\n");
            Assert.EndsWith("PRIVMSG #smoke :hello from ii", await human.ExpectAsync(" PRIVMSG #smoke "));
            await human.SendAsync("PRIVMSG #smoke :hello back, ii");
            var outFile = Path.Combine(channelDir, "out");
            await WaitForAsync(() => File.Exists(outFile) && File.ReadAllText(outFile).Contains("<human> hello back, ii"), "the reply in ii's out file");
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            root.Delete(recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
            await Task.Delay(50);   // ii reports through files only: poll them, bounded
        }
    }

    private static async Task WriteFifoAsync(string path, string text)
    {
        await using var fifo = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        await fifo.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text)).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
