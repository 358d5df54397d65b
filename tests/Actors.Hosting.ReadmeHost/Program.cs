using Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
var greeting = builder.Configuration["Greeting"] ?? "hello";
builder.Services.AddActors(actors => actors
    .AddSupervisor("jobs", jobs => jobs
        .AddActor<Greeter>("greeter")
        .AddProcess("ticker", async (ctx, services) =>
        {
            var greeter = services.GetRequiredService<IActorRef<string>>();
            while (true)
            {
                greeter.Tell(greeting);
                await Task.Delay(200, ctx.Cancellation);
            }
        })));
builder.Build().Run();

sealed class Greeter(ILogger<Greeter> log) : IActor<string>
{
    public ValueTask ReceiveAsync(ActorContext<string> ctx, string greeting)
    {
        ArgumentException.ThrowIfNullOrEmpty(greeting);   // fails the actor; its supervisor restarts it
        log.LogInformation("{Greeting} from {Path}", greeting, ctx.Self.Path);
        return ValueTask.CompletedTask;
    }
}
