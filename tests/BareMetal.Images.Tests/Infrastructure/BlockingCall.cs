namespace BareMetal.Images.Tests;

/// <summary>
/// A call that is expected to block, made on a thread of its own so that a test can wait until it really is blocked
/// (its thread parked in a wait: Monitor.Wait, a wait handle, a semaphore, Thread.Join) instead of sleeping and
/// hoping it got there. Its outcome, value or exception, is <see cref="Completion"/>.
/// </summary>
internal sealed class BlockingCall<T>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Thread _thread;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BlockingCall(Func<T> call)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _completion.SetResult(call());
            }
            catch (Exception exception)
            {
                _completion.SetException(exception);
            }
        })
        { IsBackground = true, Name = "blocking call" };
    }

    public Task<T> Completion => _completion.Task;

    public static BlockingCall<T> Start(Func<T> call)
    {
        var blocking = new BlockingCall<T>(call);
        blocking._thread.Start();
        return blocking;
    }

    /// <summary>
    /// Returns once the call's thread waits (or the call has ended, which the test's next assertion then catches);
    /// throws after 10 s of neither.
    /// </summary>
    public async Task WaitUntilBlockedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Completion.IsCompleted && (_thread.ThreadState & ThreadState.WaitSleepJoin) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the call neither blocked nor ended within {Patience.TotalSeconds} s (thread state {_thread.ThreadState})");
            }

            await Task.Delay(1);
        }
    }
}
