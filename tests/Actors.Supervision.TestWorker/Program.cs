using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Actors;
using Actors.Supervision;
using Actors.Supervision.OutOfProcess;

// A worker program for the out-of-process pool tests. Methods:
//   echo         returns its payload
//   pid          returns its process id
//   crash        Environment.FailFast
//   hang         never answers
//   garbage      writes junk to stdout ("json" payload: a valid length then bad JSON; otherwise a bad length)
//   exitmidframe writes half a frame, then exits with code 3
//   throw        the handler throws (an error response; the worker goes on)
// Run with the argument "supervisor-shutdown" it is no worker: it starts a supervisor in a fresh
// system, stops the system with a 1 s grace and exits 0 (issue 7 item 18 hung here in fresh processes).
if (args is ["supervisor-shutdown"])
{
    var system = new ActorSystem();
    Supervisor.Start(system, "sup", new SupervisorOptions());
    await system.StopAsync(TimeSpan.FromSeconds(1));
    return 0;
}
return await WorkerHost.RunAsync(async (method, payload, ct) =>
{
    switch (method)
    {
        case "echo":
            return payload;
        case "pid":
            return JsonSerializer.SerializeToElement(Environment.ProcessId);
        case "crash":
            Environment.FailFast("crash requested by the test");
            break;
        case "hang":
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            break;
        case "garbage":
            WriteRaw(payload.ValueKind == JsonValueKind.String && payload.GetString() == "json" ? Frame("{{{{ not json") : "this is not a frame"u8.ToArray());
            return payload;
        case "exitmidframe":
            WriteRaw(Frame("{\"id\": 1, \"ok\": true, \"payload\": \"cut short\"}")[..12]);
            Environment.Exit(3);
            break;
        case "throw":
            throw new InvalidOperationException("thrown on request");
    }
    throw new NotSupportedException($"unknown method '{method}'");
});

static byte[] Frame(string json)
{
    var body = Encoding.UTF8.GetBytes(json);
    var frame = new byte[4 + body.Length];
    BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
    body.CopyTo(frame, 4);
    return frame;
}

static void WriteRaw(byte[] bytes)
{
    var stdout = Console.OpenStandardOutput();   // not disposed: the host writes its frames to the same descriptor
    stdout.Write(bytes);
    stdout.Flush();
}
