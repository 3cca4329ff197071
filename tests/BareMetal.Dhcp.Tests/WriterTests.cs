namespace BareMetal.Dhcp.Tests;

/// <summary>DhcpMessageWriter: replies built from requests, read back with the reader.</summary>
public class WriterTests
{
    private static readonly Ipv4Address Server = Ipv4Address.Parse("192.0.2.1");

    private static DhcpMessageReader ParseBack(byte[] buffer, int written)
    {
        Assert.True(DhcpMessageReader.TryParse(buffer.AsSpan(0, written), out var reply, out var error), error.ToString());
        return reply;
    }

    [Fact]
    public void TryStartReply_ProxyOfferToBiosIpxeDiscover_CopiesHeaderAndEchoes61And97()
    {
        var discover = Captures.Frame(Captures.BiosIpxe, 1);
        Assert.True(DhcpMessageReader.TryParse(discover, out var request, out _));
        var buffer = new byte[1500];

        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Offer, Server));
        writer.ServerAddress = Server;
        Assert.True(writer.TrySetBootFileName("undionly.kpxe"u8));
        Assert.True(writer.TryAddAsciiOption(DhcpOptionCode.VendorClassIdentifier, "PXEClient"));
        Assert.True(writer.TryAddPxeDiscoveryControl(PxeDiscoveryControl.UseBootFileFromReply));
        Assert.True(writer.TryEchoOption(request, DhcpOptionCode.ClientMachineIdentifier));
        Assert.True(writer.TryComplete(out var written));

        var reply = ParseBack(buffer, written);
        Assert.Equal(DhcpOpcode.BootReply, reply.Op);
        Assert.Equal(DhcpMessageType.Offer, reply.MessageType);
        Assert.Equal(0x7bde6a14u, reply.TransactionId);
        Assert.Equal(0, reply.Hops);
        Assert.Equal(0, reply.Seconds);
        Assert.Equal(request.Flags, reply.Flags);
        Assert.Equal(Ipv4Address.Any, reply.YourAddress);
        Assert.Equal(Server, reply.ServerAddress);
        Assert.Equal(request.ClientHardwareAddressField.ToArray(), reply.ClientHardwareAddressField.ToArray());
        Assert.Equal("undionly.kpxe"u8.ToArray(), reply.BootFileName.ToArray());
        Assert.True(reply.TryGetServerIdentifier(out var serverId));
        Assert.Equal(Server, serverId);
        Assert.True(reply.TryGetClientIdentifier(out var clientId));
        Assert.Equal(new byte[] { 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, clientId.ToArray());
        Assert.True(reply.TryGetVendorOptions(out var pxe));
        Assert.True(pxe.TryGetDiscoveryControl(out var control));
        Assert.Equal(PxeDiscoveryControl.UseBootFileFromReply, control);
        Assert.True(reply.TryGetClientMachineIdentifier(out var uuid));
        Assert.Equal(Guid.Empty, uuid);

        // Options in the order written: 53, 54, 61 (RFC 6842 echo), then the caller's.
        var codes = new List<DhcpOptionCode>();
        foreach (var option in reply.GetOptions())
        {
            codes.Add(option.Code);
        }

        Assert.Equal(
            [DhcpOptionCode.DhcpMessageType, DhcpOptionCode.ServerIdentifier, DhcpOptionCode.ClientIdentifier,
             DhcpOptionCode.VendorClassIdentifier, DhcpOptionCode.VendorSpecificInformation, DhcpOptionCode.ClientMachineIdentifier],
            codes);
    }

    [Fact]
    public void TryComplete_SmallReply_PaddedTo300WithZeros()
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(53, 1, 1, 255), out var request, out _));
        var buffer = new byte[600];
        Array.Fill(buffer, (byte)0xEE);

        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Nak, Server));
        Assert.True(writer.TryComplete(out var written));

        Assert.Equal(300, written);
        // 240 header+cookie, 53 (3 bytes), 54 (6 bytes), End at 249, zeros after it.
        Assert.Equal(255, buffer[249]);
        Assert.All(buffer[250..300], b => Assert.Equal(0, b));
        Assert.Equal(0xEE, buffer[300]);
    }

    [Fact]
    public void TryComplete_RequestWithOption82_EchoedLastUnchanged()
    {
        byte[] relay = [1, 4, 0, 0, 0, 7, 2, 3, 0xAA, 0xBB, 0xCC, 5, 4, 198, 18, 5, 0];
        var options = new List<byte> { 53, 1, 1, 82, (byte)relay.Length };
        options.AddRange(relay);
        options.Add(255);
        var packet = RawPacket.Request([.. options]);
        packet[24] = 198;
        packet[25] = 18;
        packet[27] = 1; // giaddr 198.18.0.1
        Assert.True(DhcpMessageReader.TryParse(packet, out var request, out _));
        Assert.True(request.TryGetRelayAgentInformation(out var info));
        Assert.True(info.TryGetCircuitId(out var circuit));
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, circuit.ToArray());
        Assert.True(info.TryGetRemoteId(out var remote));
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, remote.ToArray());
        Assert.True(info.TryGetLinkSelection(out var link));
        Assert.Equal(Ipv4Address.Parse("198.18.5.0"), link);

        var buffer = new byte[1000];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Offer, Server));
        Assert.True(writer.TryAddUInt32Option(DhcpOptionCode.IpAddressLeaseTime, 3600));
        Assert.True(writer.TryComplete(out var written));

        var reply = ParseBack(buffer, written);
        Assert.Equal(Ipv4Address.Parse("198.18.0.1"), reply.GatewayAddress);
        var last = DhcpOptionCode.Pad;
        var lastValue = Array.Empty<byte>();
        foreach (var option in reply.GetOptions())
        {
            last = option.Code;
            lastValue = option.Value.ToArray();
        }

        Assert.Equal(DhcpOptionCode.RelayAgentInformation, last);
        Assert.Equal(relay, lastValue);
    }

    [Theory]
    [InlineData(new byte[] { 53, 1, 1, 255 }, 548)] // no option 57: 576 - 28
    [InlineData(new byte[] { 53, 1, 1, 57, 2, 0x01, 0x00, 255 }, 548)] // 256 is illegal: treated as 576
    [InlineData(new byte[] { 53, 1, 1, 57, 2, 0x05, 0xC0, 255 }, 1444)] // 1472 - 28
    public void TryStartReply_HonoursMaximumMessageSize(byte[] options, int expectedLimit)
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(options), out var request, out _));
        var buffer = new byte[4000];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Offer, Server));
        Assert.Equal(expectedLimit, writer.MessageSizeLimit);

        // Fill to the limit: the option that would cross it is refused and leaves the message as it was.
        var free = writer.RemainingOptionSpace;
        var before = writer.BytesWritten;
        Assert.False(writer.TryAddOption(DhcpOptionCode.RootPath, new byte[free - 1]));
        Assert.Equal(before, writer.BytesWritten);
        // The longest value that fits once split into 255-byte instances (RFC 3396), two header bytes each.
        var length = free;
        while (length + (2 * ((length + 254) / 255)) > free)
        {
            length--;
        }

        Assert.True(writer.TryAddOption(DhcpOptionCode.RootPath, new byte[length]));
        var left = writer.RemainingOptionSpace;
        Assert.InRange(left, 0, 2);
        Assert.False(writer.TryAddOption(DhcpOptionCode.RootPath, new byte[left + 1]));
        Assert.True(writer.TryComplete(out var written));
        Assert.Equal(expectedLimit - left, written);
        Assert.True(DhcpMessageReader.TryParse(buffer.AsSpan(0, written), out _, out _));
    }

    [Fact]
    public void TryStartReply_BufferUnder300_False()
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(53, 1, 1, 255), out var request, out _));
        var writer = new DhcpMessageWriter(new byte[299]);
        Assert.False(writer.TryStartReply(request, DhcpMessageType.Offer, Server));
        Assert.False(writer.TryAddByteOption(DhcpOptionCode.DefaultIpTimeToLive, 64));
        Assert.False(writer.TryComplete(out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryStartReply_AckCopiesCiaddr_OfferDoesNot()
    {
        var packet = RawPacket.Request(53, 1, 3, 255);
        packet[12] = 192;
        packet[14] = 2;
        packet[15] = 50;
        Assert.True(DhcpMessageReader.TryParse(packet, out var request, out _));

        var ack = new byte[576];
        var writer = new DhcpMessageWriter(ack);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Ack, Server));
        Assert.Equal(Ipv4Address.Parse("192.0.2.50"), writer.ClientAddress);

        var offer = new byte[576];
        writer = new DhcpMessageWriter(offer);
        Assert.True(writer.TryStartReply(request, DhcpMessageType.Offer, Server));
        Assert.Equal(Ipv4Address.Any, writer.ClientAddress);
    }

    [Fact]
    public void TryAddOption_600Bytes_SplitInto255_255_90AndConcatenatedOnRead()
    {
        var value = Enumerable.Range(0, 600).Select(i => (byte)(i * 7)).ToArray();
        var buffer = new byte[2000];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootReply, DhcpMessageType.Ack, 42, 1, [1, 2, 3, 4, 5, 6]));
        Assert.True(writer.TryAddOption(DhcpOptionCode.ClasslessStaticRoute, value));
        Assert.True(writer.TryComplete(out var written));

        var reply = ParseBack(buffer, written);
        var lengths = new List<int>();
        foreach (var option in reply.GetOptions())
        {
            if (option.Code == DhcpOptionCode.ClasslessStaticRoute)
            {
                lengths.Add(option.Value.Length);
            }
        }

        Assert.Equal([255, 255, 90], lengths);
        var copy = new byte[600];
        Assert.True(reply.TryCopyOption(DhcpOptionCode.ClasslessStaticRoute, copy, out var length));
        Assert.Equal(600, length);
        Assert.Equal(value, copy);
    }

    [Fact]
    public void TryAddAddressesOption_70Addresses_SplitAndReadBack()
    {
        var addresses = Enumerable.Range(1, 70).Select(i => new Ipv4Address(198, 18, 0, (byte)i)).ToArray();
        var buffer = new byte[2000];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootReply, DhcpMessageType.Ack, 42, 1, [1, 2, 3, 4, 5, 6]));
        Assert.True(writer.TryAddAddressesOption(DhcpOptionCode.DomainNameServer, addresses));
        Assert.True(writer.TryAddAsciiOption(DhcpOptionCode.DomainName, new string('d', 300)));
        Assert.True(writer.TryComplete(out var written));

        var reply = ParseBack(buffer, written);
        var bytes = new byte[280];
        Assert.True(reply.TryCopyOption(DhcpOptionCode.DomainNameServer, bytes, out var length));
        Assert.Equal(280, length);
        for (var i = 0; i < 70; i++)
        {
            Assert.Equal(addresses[i], Ipv4Address.Read(bytes.AsSpan(i * 4)));
        }

        var name = new byte[300];
        Assert.True(reply.TryCopyOption(DhcpOptionCode.DomainName, name, out _));
        Assert.All(name, b => Assert.Equal((byte)'d', b));
    }

    [Fact]
    public void TryAddAsciiOption_NonAscii_FalseAndNothingWritten()
    {
        var writer = new DhcpMessageWriter(new byte[600]);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootRequest, DhcpMessageType.Discover, 1, 1, [1, 2, 3, 4, 5, 6]));
        var before = writer.BytesWritten;
        Assert.False(writer.TryAddAsciiOption(DhcpOptionCode.HostName, "hôte"));
        Assert.Equal(before, writer.BytesWritten);
    }

    [Fact]
    public void TrySetBootFileName_128Bytes_FalseFieldUnchanged()
    {
        var buffer = new byte[600];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootReply, DhcpMessageType.Offer, 1, 1, [1, 2, 3, 4, 5, 6]));
        Assert.True(writer.TrySetBootFileName(new byte[127].AsSpan().ToArray().Select(_ => (byte)'a').ToArray()));
        Assert.False(writer.TrySetBootFileName(Enumerable.Repeat((byte)'b', 128).ToArray()));
        Assert.Equal((byte)'a', buffer[108]);
        Assert.Equal(0, buffer[108 + 127]);
    }

    [Fact]
    public void SetField_BeforeStart_Throws()
    {
        var threw = false;
        try
        {
            var writer = new DhcpMessageWriter(new byte[600]);
            writer.YourAddress = Server;
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }
}

/// <summary>The writer refuses what the reader would reject, so its output always parses.</summary>
public class WriterValidityTests
{
    [Fact]
    public void TryAdd_EmptyValueWhereRequired_FalseButRapidCommitAllowed()
    {
        var buffer = new byte[600];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootRequest, DhcpMessageType.Discover, 1, 1, [1, 2, 3, 4, 5, 6]));
        var before = writer.BytesWritten;

        Assert.False(writer.TryAddOption(DhcpOptionCode.HostName, []));
        Assert.False(writer.TryAddAddressesOption(DhcpOptionCode.DomainNameServer, []));
        Assert.False(writer.TryAddAsciiOption(DhcpOptionCode.VendorClassIdentifier, ""));
        Assert.Equal(before, writer.BytesWritten);

        Assert.True(writer.TryAddOption(DhcpOptionCode.RapidCommit, []));
        Assert.True(writer.TryComplete(out var written));
        Assert.True(DhcpMessageReader.TryParse(buffer.AsSpan(0, written), out var read, out _));
        Assert.True(read.ContainsOption(DhcpOptionCode.RapidCommit));
    }
}
