using FsCheck.Xunit;

namespace BareMetal.Dhcp.Tests;

/// <summary>FsCheck properties: Read(Write(m)) == m for generated messages, long options included.</summary>
public class RoundTripProperties
{
    /// <summary>Option codes a generated message may carry: every code except Pad, End and the ones with fixed rules (52, 53, 57).</summary>
    private static readonly byte[] Codes = Enumerable.Range(1, 254).Select(c => (byte)c).Where(c => c is not (52 or 53 or 57)).ToArray();

    private sealed record Model(
        DhcpOpcode Op,
        DhcpMessageType Type,
        uint Xid,
        ushort Seconds,
        ushort Flags,
        byte Hops,
        uint Ciaddr,
        uint Yiaddr,
        uint Siaddr,
        uint Giaddr,
        byte[] Chaddr,
        byte[] ServerName,
        byte[] BootFile,
        (byte Code, byte[] Value)[] Options);

    /// <summary>Options from a seed: distinct codes, lengths 1-700 so that a third of them need RFC 3396 splitting.</summary>
    private static (byte, byte[])[] GenerateOptions(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(0, 12);
        var codes = Codes.OrderBy(_ => random.Next()).Take(count).ToArray();
        return codes.Select(code =>
        {
            var length = random.Next(3) == 0 ? random.Next(256, 701) : random.Next(1, 256);
            var value = new byte[length];
            random.NextBytes(value);
            return (code, value);
        }).ToArray();
    }

    private static byte[] Text(int seed, int maxLength)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, random.Next(0, maxLength + 1)).Select(_ => (byte)random.Next('a', 'z' + 1)).ToArray();
    }

    [Property(MaxTest = 300)]
    public bool ReadOfWrite_GeneratedMessage_EqualsModel(
        bool reply, byte type, uint xid, ushort secs, ushort flags, byte hops, uint ciaddr, uint yiaddr, uint siaddr, uint giaddr, byte[] chaddrSeed, int seed)
    {
        var model = new Model(
            reply ? DhcpOpcode.BootReply : DhcpOpcode.BootRequest,
            (DhcpMessageType)(type % 19),
            xid, secs, flags, hops, ciaddr, yiaddr, siaddr, giaddr,
            (chaddrSeed ?? []).Take(16).ToArray(),
            Text(seed, 63),
            Text(seed + 1, 127),
            GenerateOptions(seed));

        var buffer = new byte[16_384];
        var writer = new DhcpMessageWriter(buffer);
        Assert.True(writer.TryStartMessage(model.Op, model.Type, model.Xid, 1, model.Chaddr));
        writer.Seconds = model.Seconds;
        writer.Flags = model.Flags;
        writer.Hops = model.Hops;
        writer.ClientAddress = new Ipv4Address(model.Ciaddr);
        writer.YourAddress = new Ipv4Address(model.Yiaddr);
        writer.ServerAddress = new Ipv4Address(model.Siaddr);
        writer.GatewayAddress = new Ipv4Address(model.Giaddr);
        Assert.True(writer.TrySetServerName(model.ServerName));
        Assert.True(writer.TrySetBootFileName(model.BootFile));
        foreach (var (code, value) in model.Options)
        {
            Assert.True(writer.TryAddOption((DhcpOptionCode)code, value));
        }

        Assert.True(writer.TryComplete(out var written));
        Assert.True(written >= 300);

        Assert.True(DhcpMessageReader.TryParse(buffer.AsSpan(0, written), out var read, out var error), error.ToString());
        Assert.Equal(model.Op, read.Op);
        Assert.Equal(model.Type, read.MessageType);
        Assert.Equal(model.Xid, read.TransactionId);
        Assert.Equal(model.Seconds, read.Seconds);
        Assert.Equal(model.Flags, read.Flags);
        Assert.Equal(model.Hops, read.Hops);
        Assert.Equal(model.Ciaddr, read.ClientAddress.Value);
        Assert.Equal(model.Yiaddr, read.YourAddress.Value);
        Assert.Equal(model.Siaddr, read.ServerAddress.Value);
        Assert.Equal(model.Giaddr, read.GatewayAddress.Value);
        Assert.Equal(model.Chaddr, read.ClientHardwareAddress.ToArray());
        Assert.Equal(model.ServerName, read.ServerName.ToArray());
        Assert.Equal(model.BootFile, read.BootFileName.ToArray());

        var scratch = new byte[1024];
        foreach (var (code, value) in model.Options)
        {
            Assert.Equal(value.Length > 255, read.IsOptionSplit((DhcpOptionCode)code));
            Assert.True(read.TryGetOption((DhcpOptionCode)code, scratch, out var readValue));
            Assert.Equal(value, readValue.ToArray());
        }

        // Nothing beyond the model: option 53 when typed, and exactly the generated codes.
        var seen = new HashSet<byte>();
        foreach (var option in read.GetOptions())
        {
            seen.Add((byte)option.Code);
        }

        var expected = model.Options.Select(o => o.Code).ToHashSet();
        if (model.Type != DhcpMessageType.None)
        {
            expected.Add(53);
        }

        return seen.SetEquals(expected);
    }

    [Property(MaxTest = 200)]
    public bool Ipv4Address_FormatThenParse_RoundTrips(uint value) =>
        Ipv4Address.TryParse(new Ipv4Address(value).ToString(), out var parsed) && parsed.Value == value;

    [Property(MaxTest = 200)]
    public bool MacAddress_FormatThenParse_RoundTrips(ulong value)
    {
        var mac = new MacAddress(value);
        var bytes = new byte[6];
        mac.WriteTo(bytes);
        return MacAddress.TryParse(mac.ToString(), out var parsed) && parsed == mac && MacAddress.Read(bytes) == mac;
    }
}
