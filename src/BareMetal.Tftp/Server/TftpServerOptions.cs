using System.Net;

namespace BareMetal.Tftp;

/// <summary>Settings of a <see cref="TftpServer"/>; validated when the server starts.</summary>
public sealed class TftpServerOptions
{
    /// <summary>The local address to listen on (default <c>0.0.0.0</c>, every IPv4 address).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>The UDP port for requests (default 69; 0 picks a free port, for tests).</summary>
    public int Port { get; set; } = 69;

    /// <summary>Binds every socket to this network interface (SO_BINDTODEVICE, Linux), when set.</summary>
    public string? InterfaceName { get; set; }

    /// <summary>The directory served by the default <see cref="DirectoryTftpFileProvider"/> (hosting only).</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Accept write requests (WRQ). Off by default: the server is read-only.</summary>
    public bool AllowWrite { get; set; }

    /// <summary>With <see cref="AllowWrite"/>, let an upload replace an existing file.</summary>
    public bool AllowOverwrite { get; set; }

    /// <summary>The largest block size granted (default 1468: a 1500-byte MTU minus IP, UDP and TFTP headers, RFC 2348).</summary>
    public int MaxBlockSize { get; set; } = 1468;

    /// <summary>The largest window size granted (RFC 7440; default 64).</summary>
    public int MaxWindowSize { get; set; } = 64;

    /// <summary>Transfers in progress at once, all clients together (default 1024).</summary>
    public int MaxConcurrentTransfers { get; set; } = 1024;

    /// <summary>Transfers in progress at once from one client address (default 32).</summary>
    public int MaxTransfersPerClient { get; set; } = 32;

    /// <summary>The longest file name accepted, in bytes (default 255).</summary>
    public int MaxFileNameLength { get; set; } = TftpFileName.DefaultMaxLength;

    /// <summary>The largest upload accepted, in bytes (default 256 MiB).</summary>
    public long MaxWriteSize { get; set; } = 256L * 1024 * 1024;

    /// <summary>A transfer without progress for this long is abandoned and its state freed (default 10 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The retransmission timeout before a round trip is measured (default 100 ms).</summary>
    public TimeSpan InitialRetransmitTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The floor of the adaptive retransmission timeout (default 10 ms).</summary>
    public TimeSpan MinRetransmitTimeout { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The ceiling of the adaptive retransmission timeout, back-off included (default 1 s).</summary>
    public TimeSpan MaxRetransmitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive timeouts before a transfer is abandoned (default 10).</summary>
    public int MaxRetransmissions { get; set; } = 10;

    /// <summary>Bytes read from a file at once into the transfer's pooled buffer (default 64 KiB).</summary>
    public int ReadAheadBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Serve every transfer from the listening socket instead of one socket per transfer (RFC 1350's
    /// transfer identifiers). For hosts behind firewalls that only open port 69; most clients accept it.
    /// </summary>
    public bool SinglePort { get; set; }

    /// <summary>Lists every invalid setting with the field name and how to fix it.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            errors.Add($"Tftp:ListenAddress '{ListenAddress}' is not an IP address: use one such as 0.0.0.0 or 192.0.2.1.");
        }

        Check(errors, Port is >= 0 and <= 65535, "Port", $"{Port} is outside 0-65535: use 69 (0 picks a free port).");
        Check(errors, MaxBlockSize is >= TftpOptions.MinBlockSize and <= TftpOptions.MaxBlockSize, "MaxBlockSize", $"{MaxBlockSize} is outside 8-65464 (RFC 2348): use 1468 for a 1500-byte MTU.");
        Check(errors, MaxWindowSize is >= 1 and <= TftpOptions.MaxWindowSize, "MaxWindowSize", $"{MaxWindowSize} is outside 1-65535 (RFC 7440): use 64.");
        Check(errors, MaxConcurrentTransfers >= 1, "MaxConcurrentTransfers", "must be at least 1.");
        Check(errors, MaxTransfersPerClient >= 1, "MaxTransfersPerClient", "must be at least 1.");
        Check(errors, MaxFileNameLength is >= 1 and <= 4096, "MaxFileNameLength", "must be between 1 and 4096 bytes.");
        Check(errors, MaxWriteSize >= 0, "MaxWriteSize", "must not be negative.");
        Check(errors, IdleTimeout > TimeSpan.Zero, "IdleTimeout", "must be positive: use 10 seconds.");
        Check(errors, MinRetransmitTimeout >= TimeSpan.FromMilliseconds(1), "MinRetransmitTimeout", "must be at least 1 ms.");
        Check(errors, MaxRetransmitTimeout >= MinRetransmitTimeout, "MaxRetransmitTimeout", "must not be below MinRetransmitTimeout.");
        Check(errors, InitialRetransmitTimeout >= MinRetransmitTimeout && InitialRetransmitTimeout <= MaxRetransmitTimeout, "InitialRetransmitTimeout", "must lie between MinRetransmitTimeout and MaxRetransmitTimeout.");
        Check(errors, MaxRetransmissions >= 1, "MaxRetransmissions", "must be at least 1.");
        Check(errors, ReadAheadBytes is >= 512 and <= 16 * 1024 * 1024, "ReadAheadBytes", "must be between 512 bytes and 16 MiB.");
        return errors;

        static void Check(List<string> errors, bool ok, string field, string message)
        {
            if (!ok)
            {
                errors.Add($"Tftp:{field} {message}");
            }
        }
    }
}
