namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>Waits for a condition the host reaches on its own time (an inventory reload after a file change).</summary>
internal static class Poll
{
    /// <summary>Asks <paramref name="probe"/> every 200 ms until it answers non-null, for at most 10 s.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the host did not pick up the inventory change within 10 s");
    }
}
