// A cluster node in its own process, for kill tests: joins <url> with <prefix> as <node>, takes part
// in the singleton "killable" (its instance answers Get with the node's first letter), prints "ready",
// and runs until killed or until its standard input closes.
using Actors;
using Actors.Cluster;
using Actors.Cluster.Tests;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Actors.Cluster.TestNode <nats-url> <subject-prefix> <node-id>");
    return 2;
}
var options = new ClusterOptions
{
    Url = args[0],
    SubjectPrefix = args[1],
    NodeId = args[2],
    HeartbeatInterval = TimeSpan.FromMilliseconds(250),
    DownAfter = TimeSpan.FromSeconds(2),
};
options.Serializers.Add(TestJsonContext.Default);
await using var system = new ActorSystem();
await using var node = await ClusterNode.StartAsync(system, options);
var nodeId = args[2];
using var singleton = node.RunSingleton<CounterMsg>("killable", parent => parent.Spawn<CounterMsg>((_, msg) =>
{
    if (msg is Get get) get.ReplyTo.Reply(nodeId[0]);
    return ValueTask.CompletedTask;
}));
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
return 0;
