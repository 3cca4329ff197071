namespace BareMetal.LabBmc;

/// <summary>Source-generated log messages of the emulator (no passwords, no tokens).</summary>
internal static partial class BmcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Machine}: system_reset (boot {Boot})")]
    public static partial void SystemReset(ILogger logger, string machine, string? boot);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Machine}: QEMU exited ({Code})")]
    public static partial void Exited(ILogger logger, string machine, int code);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Machine}: QEMU {Pid} started, boot {Boot}")]
    public static partial void Started(ILogger logger, string machine, int pid, string boot);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Machine}: QMP quit failed ({Error}); killing QEMU")]
    public static partial void QuitFailed(ILogger logger, string machine, string error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Machine}: powered off")]
    public static partial void PoweredOff(ILogger logger, string machine);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Task {Id} ({Name}) ended {State}: {Message}")]
    public static partial void TaskEnded(ILogger logger, string id, string name, string state, string? message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "401 for {Method} {Path}: no valid session or credentials")]
    public static partial void Unauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Login refused for user {User}")]
    public static partial void LoginRefused(ILogger logger, string user);
}
