namespace BareMetal.Dhcp.Tests;

/// <summary>Option overload 52 (RFC 2132 §9.3, RFC 2131 §4.1) and long options (RFC 3396) on read.</summary>
public class OverloadAndLongOptionTests
{
    [Fact]
    public void Options_OverloadBoth_ReadInOptionsFileSnameOrder()
    {
        var file = new byte[128];
        new byte[] { 12, 3, (byte)'p', (byte)'c', (byte)'1', 255 }.CopyTo(file, 0);
        var sname = new byte[64];
        new byte[] { 66, 4, (byte)'t', (byte)'f', (byte)'t', (byte)'p', 0, 0, 255 }.CopyTo(sname, 0);
        var packet = RawPacket.Build(1, [53, 1, 1, 52, 1, 3, 255], sname, file);

        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out var error), error.ToString());

        var codes = new List<DhcpOptionCode>();
        foreach (var option in reader.GetOptions())
        {
            codes.Add(option.Code);
        }

        Assert.Equal([DhcpOptionCode.DhcpMessageType, DhcpOptionCode.OptionOverload, DhcpOptionCode.HostName, DhcpOptionCode.TftpServerName], codes);
        Assert.True(reader.IsFileOverloaded);
        Assert.True(reader.IsServerNameOverloaded);
        Assert.True(reader.BootFileName.IsEmpty);
        Assert.True(reader.ServerName.IsEmpty);
        Assert.True(reader.TryGetHostName(out var host));
        Assert.Equal("pc1"u8.ToArray(), host.ToArray());
        Assert.True(reader.TryGetTftpServerName(out var tftp));
        Assert.Equal("tftp"u8.ToArray(), tftp.ToArray());
    }

    [Fact]
    public void Options_OverloadFileOnly_SnameStaysAName()
    {
        var file = new byte[128];
        new byte[] { 12, 2, (byte)'p', (byte)'c', 255 }.CopyTo(file, 0);
        var sname = "boot-server"u8.ToArray();
        var packet = RawPacket.Build(1, [53, 1, 1, 52, 1, 1, 255], sname, file);

        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out _));
        Assert.Equal("boot-server"u8.ToArray(), reader.ServerName.ToArray());
        Assert.True(reader.ContainsOption(DhcpOptionCode.HostName));
    }

    [Fact]
    public void Options_NoOverload_FileIsBootFileName()
    {
        var packet = RawPacket.Build(2, [53, 1, 2, 255], "srv"u8.ToArray(), "undionly.kpxe"u8.ToArray());

        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out _));
        Assert.Equal("undionly.kpxe"u8.ToArray(), reader.BootFileName.ToArray());
        Assert.Equal("srv"u8.ToArray(), reader.ServerName.ToArray());
    }

    [Fact]
    public void LongOption_SplitAcrossOptionsAndFile_ConcatenatedInWireOrder()
    {
        // RFC 3396 §6: instances are concatenated in order options, file, sname.
        var file = new byte[128];
        new byte[] { 60, 3, (byte)'D', (byte)'E', (byte)'F', 255 }.CopyTo(file, 0);
        var packet = RawPacket.Build(1, [53, 1, 1, 60, 3, (byte)'A', (byte)'B', (byte)'C', 52, 1, 1, 255], file: file);

        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out _));
        Assert.True(reader.IsOptionSplit(DhcpOptionCode.VendorClassIdentifier));
        Assert.False(reader.TryGetOption(DhcpOptionCode.VendorClassIdentifier, out _));
        Assert.Equal(6, reader.GetOptionLength(DhcpOptionCode.VendorClassIdentifier));

        Span<byte> buffer = stackalloc byte[16];
        Assert.True(reader.TryCopyOption(DhcpOptionCode.VendorClassIdentifier, buffer, out var length));
        Assert.Equal("ABCDEF"u8.ToArray(), buffer[..length].ToArray());
        Assert.True(reader.TryGetOption(DhcpOptionCode.VendorClassIdentifier, buffer, out var value));
        Assert.Equal("ABCDEF"u8.ToArray(), value.ToArray());
    }

    [Fact]
    public void TryCopyOption_DestinationTooShort_FalseWithNeededLength()
    {
        var packet = RawPacket.Request(53, 1, 1, 12, 3, 1, 2, 3, 12, 3, 4, 5, 6, 255);
        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out _));

        Span<byte> small = stackalloc byte[5];
        small.Fill(0xEE);
        Assert.False(reader.TryCopyOption(DhcpOptionCode.HostName, small, out var needed));
        Assert.Equal(6, needed);
        Assert.False(reader.TryCopyOption(DhcpOptionCode.Router, small, out var absent));
        Assert.Equal(0, absent);
        Assert.Equal(-1, reader.GetOptionLength(DhcpOptionCode.Router));
    }

    [Fact]
    public void HugeConcatenation_ManyInstances_BoundedByPacket()
    {
        // 200 instances of option 43 with 255 bytes each: a 51 KB concatenation, read without allocating per part.
        var options = new List<byte> { 53, 1, 1 };
        for (var i = 0; i < 200; i++)
        {
            options.Add(43);
            options.Add(255);
            options.AddRange(Enumerable.Repeat((byte)i, 255));
        }

        options.Add(255);
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request([.. options]), out var reader, out _));
        Assert.Equal(200 * 255, reader.GetOptionLength(DhcpOptionCode.VendorSpecificInformation));
        var buffer = new byte[200 * 255];
        Assert.True(reader.TryCopyOption(DhcpOptionCode.VendorSpecificInformation, buffer, out var length));
        Assert.Equal(200 * 255, length);
        Assert.Equal(199, buffer[^1]);
        Assert.False(reader.TryCopyOption(DhcpOptionCode.VendorSpecificInformation, new byte[1000], out _));
    }
}

/// <summary>Lookups on messages with more options than the reader's offset index holds (32) walk the options instead.</summary>
public class ManyOptionsTests
{
    [Fact]
    public void TryGetOption_FortyOptions_FoundPastTheIndex()
    {
        var options = new List<byte> { 53, 1, 1 };
        for (byte code = 100; code < 140; code++)
        {
            options.AddRange([code, 2, code, (byte)(code + 1)]);
        }

        options.Add(255);
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request([.. options]), out var reader, out _));

        for (byte code = 100; code < 140; code++)
        {
            Assert.True(reader.TryGetOption((DhcpOptionCode)code, out var value), $"option {code}");
            Assert.Equal(new[] { code, (byte)(code + 1) }, value.ToArray());
        }

        Assert.False(reader.TryGetOption((DhcpOptionCode)140, out _));
    }
}
