using IvrReadings.Speech.Recognition;

namespace IvrReadings.Speech.Tests.Recognition;

/// <summary>Live callers first, always: the background queue never delays a recognition a caller waits for.</summary>
public sealed class RecognitionGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_live_recognition_starts_at_once_while_background_work_holds_every_slot()
    {
        var gate = new RecognitionGate(2);
        using var first = await gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None);
        using var second = await gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None);

        var live = gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None);

        // Completed synchronously: no wait for either background slot to come back.
        Assert.True(live.IsCompletedSuccessfully);
        using var slot = await live;
        Assert.Equal((1, 2), (gate.LiveRunning, gate.BackgroundRunning));
    }

    [Fact]
    public async Task Background_work_waits_while_live_recognitions_need_the_slots_and_gets_them_after()
    {
        var gate = new RecognitionGate(2);
        var live1 = await gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None);
        var live2 = await gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None);

        var background = gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None).AsTask();
        var live3 = gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None).AsTask();
        Assert.False(background.IsCompleted);
        Assert.False(live3.IsCompleted);

        // The freed slot goes to the live caller waiting, not to the background job that asked first.
        live1.Dispose();
        using (await live3.WaitAsync(Patience))
        {
            Assert.False(background.IsCompleted);
            live2.Dispose();
            using var slot = await background.WaitAsync(Patience);
            Assert.Equal((1, 1), (gate.LiveRunning, gate.BackgroundRunning));
        }
    }

    [Fact]
    public async Task Background_work_never_takes_the_last_slot_while_a_live_recognition_waits()
    {
        var gate = new RecognitionGate(1);
        var background = await gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None);
        using var live = await gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None).AsTask().WaitAsync(Patience); // fails, not hangs

        var next = gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None).AsTask();
        background.Dispose();

        Assert.False(next.IsCompleted);
        Assert.Equal((1, 0), (gate.LiveRunning, gate.BackgroundRunning));
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_takes_no_slot()
    {
        var gate = new RecognitionGate(1);
        var live = await gate.EnterAsync(RecognitionPriority.Live, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(RecognitionPriority.Live, cancel.Token).AsTask();
        var background = gate.EnterAsync(RecognitionPriority.Background, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        live.Dispose();

        using var slot = await background.WaitAsync(Patience);
        Assert.Equal((0, 1), (gate.LiveRunning, gate.BackgroundRunning));
    }

    [Fact]
    public async Task Many_callers_and_jobs_at_once_never_exceed_the_rules()
    {
        var gate = new RecognitionGate(2);
        var violations = 0;
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            var priority = i % 3 == 0 ? RecognitionPriority.Background : RecognitionPriority.Live;
            using var slot = await gate.EnterAsync(priority, CancellationToken.None);
            // A background job may still run beside live ones that came after it, never more than the slots of each.
            if (gate.LiveRunning > 2 || gate.BackgroundRunning > 2)
            {
                Interlocked.Increment(ref violations);
            }

            await Task.Yield();
        });

        await Task.WhenAll(tasks).WaitAsync(Patience);
        Assert.Equal(0, violations);
        Assert.Equal((0, 0), (gate.LiveRunning, gate.BackgroundRunning));
    }
}
