// The chat server sample: an IRC server (and a web chat page) built as an actor hierarchy.
// dotnet run --project samples/chat-server [--Chat:IrcPort=6667] [--Chat:HttpPort=8080]
await ChatServer.ChatHosting.Build(args).RunAsync();
