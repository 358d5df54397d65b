namespace ChatServer.Tests;

/// <summary>The cluster settings of the chat server go together: a node id needs a NATS server and the other way round.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public void Cluster_without_Node_and_Node_without_Cluster_are_refused_with_the_setting_to_add()
    {
        var error = Assert.ThrowsAny<ArgumentException>(new ChatOptions { Cluster = "nats://127.0.0.1:4222" }.Validate);
        Assert.Contains("--Chat:Node=", error.Message);
        error = Assert.ThrowsAny<ArgumentException>(new ChatOptions { Node = "a" }.Validate);
        Assert.Contains("--Chat:Cluster=", error.Message);
        new ChatOptions { Cluster = "nats://127.0.0.1:4222", Node = "a" }.Validate();
        new ChatOptions().Validate();   // a single server: no cluster settings at all
    }
}
