using FsCheck.Xunit;

namespace BareMetal.Dhcp.Tests;

/// <summary>
/// FsCheck properties: arbitrary bytes and captured packets with bytes flipped, cut or extended either parse or
/// yield a named error, and nothing the reader offers ever throws or reads outside the buffer.
/// </summary>
public class RobustnessProperties
{
    private static readonly byte[][] CapturedPackets = Captures.All
        .SelectMany(file => BareMetal.Testing.PcapFile.ReadUdp(file).Select(d => d.Payload))
        .ToArray();

    /// <summary>Uses every read path on the bytes; throws (failing the property) on any exception.</summary>
    private static bool Exercise(byte[] bytes)
    {
        if (!DhcpMessageReader.TryParse(bytes, out var reader, out var error, out _))
        {
            return Enum.IsDefined(error) && error != DhcpParseError.None;
        }

        var scratch = new byte[bytes.Length];
        foreach (var option in reader.GetOptions())
        {
            _ = reader.TryGetOption(option.Code, out _);
            _ = reader.TryGetOption(option.Code, scratch, out _);
            _ = reader.GetOptionLength(option.Code);
        }

        _ = reader.ServerName.Length + reader.BootFileName.Length + reader.ClientHardwareAddress.Length;
        _ = reader.ClientMacAddress;
        _ = reader.TryGetParameterRequestList(out _) && reader.IsParameterRequested(DhcpOptionCode.BootFileName);
        _ = reader.TryGetClientNetworkInterface(out _, out _, out _);
        _ = reader.TryGetClientArchitectures(out _);
        if (reader.TryGetVendorOptions(out var pxe))
        {
            foreach (var sub in pxe)
            {
                _ = sub.Value.Length;
            }

            _ = pxe.TryGetDiscoveryControl(out _) && pxe.TryGetMenuPrompt(out _, out _) && pxe.TryGetBootServers(out _);
        }

        if (reader.TryGetRelayAgentInformation(out var relay))
        {
            _ = relay.TryGetCircuitId(out _) && relay.TryGetRemoteId(out _) && relay.TryGetLinkSelection(out _);
        }

        if (reader.TryGetIpxeOptions(out var ipxe))
        {
            _ = ipxe.Features;
            _ = ipxe.TryGetPciBusId(out _, out _) && ipxe.TryGetVersion(out _, out _, out _);
        }

        if (reader.TryGetUserClass(out var userClass))
        {
            _ = UserClassReader.First(userClass).Length + (UserClassReader.Contains(userClass, "iPXE"u8) ? 1 : 0);
        }

        var info = PxeClassifier.Classify(reader);
        _ = info.IsUefi || info.IsHttpBoot;

        // A reply to anything parseable can be written and read back.
        var reply = new byte[1500];
        var writer = new DhcpMessageWriter(reply);
        if (writer.TryStartReply(reader, DhcpMessageType.Offer, new Ipv4Address(192, 0, 2, 1)) && writer.TryComplete(out var written))
        {
            return DhcpMessageReader.TryParse(reply.AsSpan(0, written), out _, out _);
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public bool ArbitraryBytes_NeverThrow(byte[] bytes) => Exercise(bytes ?? []);

    [Property(MaxTest = 500)]
    public bool ArbitraryOptions_AfterValidHeader_NeverThrow(byte[] options, byte overloadSeed, byte[] file)
    {
        options ??= [];
        file ??= [];
        var packet = RawPacket.Build(1, options, file: file.Take(128).ToArray());
        if (options.Length > 2 && overloadSeed % 4 == 0)
        {
            // Make overload likely: point option 52 at the arbitrary 'file' bytes.
            packet[240] = 52;
            packet[241] = 1;
            packet[242] = (byte)((overloadSeed % 3) + 1);
        }

        return Exercise(packet);
    }

    [Property(MaxTest = 1000)]
    public bool CapturedPackets_FlippedCutOrExtended_NeverThrow(int which, int seed)
    {
        var random = new Random(seed);
        var original = CapturedPackets[(int)((uint)which % (uint)CapturedPackets.Length)];
        var bytes = original.ToArray();
        switch (random.Next(4))
        {
            case 0:
                // Flip a few bytes anywhere, options included.
                for (var i = 0; i < random.Next(1, 8); i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                break;
            case 1:
                // Cut at any length.
                bytes = bytes[..random.Next(bytes.Length + 1)];
                break;
            case 2:
                // Extend with random bytes.
                var extra = new byte[random.Next(1, 600)];
                random.NextBytes(extra);
                bytes = [.. bytes, .. extra];
                break;
            default:
                // Flip option bytes only (past the cookie), where lengths live.
                for (var i = 0; i < random.Next(1, 4); i++)
                {
                    bytes[240 + random.Next(bytes.Length - 240)] = (byte)random.Next(256);
                }

                break;
        }

        return Exercise(bytes);
    }
}
