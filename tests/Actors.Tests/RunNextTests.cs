namespace Actors.Tests;

/// <summary>
/// An actor woken by a plain tell from inside a turn waits in the waking thread's "run next" slot and runs
/// on that thread when the turn ends. These check the guarantees of the wake-up handshake still hold on
/// that path: no lost wake-up, never two threads in one actor, no deadlock when a handler blocks after
/// waking its partner, and a fresh flow for each turn.
/// </summary>
public class RunNextTests
{
    [Fact]
    public async Task AHandlerBlockedOnAReplyItsPartnerSendsThroughATellIsNotDeadlocked()
    {
        await using var t = new TestSystem();
        var partner = t.System.Spawn<TaskCompletionSource>((_, answer) =>
        {
            answer.SetResult();
            return ValueTask.CompletedTask;
        });
        var answered = 0;
        var asker = t.System.Spawn<int>((_, _) =>
        {
            var answer = new TaskCompletionSource();   // completed inline by the partner: a hand-made ask over a tell
            partner.Tell(answer);
            if (answer.Task.Wait(TimeSpan.FromSeconds(20))) answered++;   // the blocking under test; the partner sits in this thread's slot
            return ValueTask.CompletedTask;
        });
        const int rounds = 20;
        for (var i = 0; i < rounds; i++) asker.Tell(i);
        await TestWaits.UntilAsync(() => asker.ActorTask.MailboxDepth == 0 && Volatile.Read(ref answered) == rounds,
            "every blocked handler to get its partner's answer", TimeSpan.FromSeconds(60));
        Assert.Equal(ActorTaskState.Running, asker.ActorTask.State);
    }

    [Fact]
    public async Task AHandlerBlockedOnAnAskToAnIdlePartnerGetsTheReply()
    {
        await using var t = new TestSystem();
        var partner = t.System.Spawn<(int X, IReplyTo<int> R)>((_, m) =>
        {
            m.R.Reply(m.X + 1);
            return ValueTask.CompletedTask;
        });
        var replies = Signal.New<int[]>();
        var got = new int[50];
        var asker = t.System.Spawn<int>((_, i) =>
        {
            // An ask is never parked, so the partner runs on another thread while this one blocks.
            got[i] = partner.AskAsync<int>(r => (i, r), TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            if (i == got.Length - 1) replies.SetResult(got);
            return ValueTask.CompletedTask;
        });
        for (var i = 0; i < got.Length; i++) asker.Tell(i);
        var all = await replies.Task.WithinAsync("the blocked asks' replies", TimeSpan.FromSeconds(60));
        for (var i = 0; i < all.Length; i++) Assert.Equal(i + 1, all[i]);
    }

    [Fact]
    public async Task PairsBouncingOneMessageWhileOutsidersTellThemLoseNothingAndNeverOverlap()
    {
        await using var t = new TestSystem();
        for (var round = 0; round < 40; round++)
        {
            const int pairs = 4, hops = 2_000, outsideTells = 2_000;
            var overlaps = 0;
            var handled = 0L;
            var expected = pairs * (hops + 1L) + 2L * pairs * outsideTells;
            var allHandled = Signal.New();
            var sides = new IActorRef<int>[2 * pairs];
            for (var i = 0; i < sides.Length; i++)
            {
                var inside = 0;
                var partnerIndex = i ^ 1;
                sides[i] = t.System.Spawn<int>((_, m) =>
                {
                    if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                    if (m > 0) sides[partnerIndex].Tell(m - 1);   // a plain tell from a turn: parked on this thread
                    Interlocked.Decrement(ref inside);
                    if (Interlocked.Increment(ref handled) == expected) allHandled.SetResult();
                    return ValueTask.CompletedTask;
                });
            }
            var go = new ManualResetEventSlim();
            var outsiders = Enumerable.Range(0, 2).Select(o => Task.Run(() =>
            {
                go.Wait();
                for (var n = 0; n < outsideTells; n++)
                    for (var i = o; i < sides.Length; i += 2) sides[i].Tell(0);   // zero hops: handled, not bounced
            })).ToArray();
            for (var p = 0; p < pairs; p++) sides[2 * p].Tell(hops);
            go.Set();
            await Task.WhenAll(outsiders);
            await allHandled.Task.WithinAsync($"round {round}: every message handled ({Volatile.Read(ref handled)} of {expected})", TimeSpan.FromSeconds(60));
            Assert.Equal(0, overlaps);
            foreach (var side in sides) side.ActorTask.Stop();
        }
    }

    [Fact]
    public async Task StoppingOneSideOfABouncingPairStrandsNoMessageAndEndsBoth()
    {
        await using var t = new TestSystem();
        for (var round = 0; round < 200; round++)
        {
            var handled = 0L;
            var deadBefore = t.System.DeadLetters.Count;
            IActorRef<int>? right = null;
            var left = t.System.Spawn<int>((_, m) =>
            {
                Interlocked.Increment(ref handled);
                if (m > 0) right!.Tell(m - 1);
                return ValueTask.CompletedTask;
            });
            right = t.System.Spawn<int>((_, m) =>
            {
                Interlocked.Increment(ref handled);
                if (m > 0) left.Tell(m - 1);
                return ValueTask.CompletedTask;
            });
            const int hops = 100_000;
            left.Tell(hops);
            await TestWaits.UntilAsync(() => Volatile.Read(ref handled) > round % 50, "the ball to start bouncing");
            var stopping = (round % 2 == 0 ? left : right).ActorTask.StopAsync();
            await stopping.WithinAsync($"round {round}: the stop");
            // The ball ends in the stopped side's dead letters, or is still bouncing towards it; either way it ends.
            await TestWaits.UntilAsync(() => t.System.DeadLetters.Count > deadBefore || Volatile.Read(ref handled) == hops + 1,
                $"round {round}: the ball to end ({Volatile.Read(ref handled)} handled, {t.System.DeadLetters.Count - deadBefore} dead letters)");
            await (round % 2 == 0 ? right : left).ActorTask.StopAsync().WithinAsync($"round {round}: the other stop");
        }
    }
}
