using BareMetal.NetbootHost.Machines;
using BareMetal.Tftp;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Puts TFTP transfers on the timeline of the machine that holds the client's address. Transfers from an
/// address the host has not leased or seen (proxyDHCP before the first script request) are only logged.
/// </summary>
internal sealed partial class TftpTimelineObserver : ITftpServerObserver
{
    private readonly MachineTimeline _timeline;
    private readonly ILogger<TftpTimelineObserver> _logger;

    public TftpTimelineObserver(MachineTimeline timeline, ILogger<TftpTimelineObserver> logger)
    {
        _timeline = timeline;
        _logger = logger;
    }

    public void OnTransferStarted(TftpTransferEvent transfer)
    {
        // Completion or failure follows; one timeline entry per transfer is enough.
    }

    public void OnTransferCompleted(TftpTransferEvent transfer) =>
        Record(transfer, $"tftp: sent {transfer.FileName} ({transfer.Bytes} bytes in {transfer.Duration.TotalMilliseconds:0} ms, blksize {transfer.Options.BlockSize ?? 512})");

    public void OnTransferFailed(TftpTransferEvent transfer)
    {
        // UEFI firmware first asks for "tsize" only and aborts once the OACK tells it the size (RFC 2349):
        // a probe, not a failure, and the real transfer follows.
        if (transfer.Bytes == 0 && transfer.FailureReason == TftpFailureReason.PeerError && transfer.Options.TransferSize is not null)
        {
            Record(transfer, $"tftp: size probe for {transfer.FileName} (the client ended the transfer after learning the size)");
            return;
        }

        Record(transfer, $"tftp: {transfer.FileName} failed after {transfer.Bytes} bytes: {transfer.FailureReason}{(transfer.Message is null ? "" : " - " + transfer.Message)}");
    }

    private void Record(TftpTransferEvent transfer, string message)
    {
        var address = transfer.RemoteEndPoint.Address;
        if (_timeline.MacFor(address) is { } mac)
        {
            _timeline.RecordBootStage(mac, BootStageTypes.Tftp, BootStageSources.Tftp, message);
        }
        else
        {
            LogUnattributed(_logger, address, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TFTP from {Address} (no machine known at that address): {Message}")]
    private static partial void LogUnattributed(ILogger logger, System.Net.IPAddress address, string message);
}
