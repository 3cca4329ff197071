using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Tftp.Tests.Codec;

public sealed class CodecPropertyTests
{
    [Property(MaxTest = 2000)]
    public void TryParse_AnyBytes_NeverThrows(byte[] bytes)
    {
        var ok = TftpPacket.TryParse(bytes ?? [], out var packet, out var error);
        Assert.Equal(ok, error == TftpParseError.None);
        if (ok)
        {
            // Every view is reachable without exceptions.
            _ = TftpOptions.Read(packet.Options);
            _ = packet.FileName.Length + packet.Data.Length + packet.ErrorMessage.Length + packet.Block;
        }
    }

    [Property(MaxTest = 2000)]
    public void TryParse_AnyBytesAfterARequestOpcode_NeverThrows(byte[] bytes)
    {
        var packet = new byte[] { 0, 1 }.Concat(bytes ?? []).ToArray();
        var ok = TftpPacket.TryParse(packet, out var parsed, out var error);
        Assert.Equal(ok, error == TftpParseError.None);
        if (ok)
        {
            _ = TftpOptions.Read(parsed.Options);
            _ = TftpFileName.Validate(parsed.FileName, 255);
        }
    }

    public static Arbitrary<TftpOptions> OptionSets() =>
        (from b in Maybe(TftpOptions.MinBlockSize, TftpOptions.MaxBlockSize)
         from t in Maybe(0, int.MaxValue)
         from s in Maybe(1, 255)
         from w in Maybe(1, TftpOptions.MaxWindowSize)
         from u in Maybe(TftpOptions.MinTimeoutMicroseconds, TftpOptions.MaxTimeoutMicroseconds)
         select new TftpOptions { BlockSize = b, TransferSize = t, TimeoutSeconds = s, WindowSize = w, TimeoutMicroseconds = u })
        .ToArbitrary();

    private static Gen<int?> Maybe(int min, int max) =>
        Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(min, max).Select(v => (int?)v));

    [Property(Arbitrary = [typeof(CodecPropertyTests)], MaxTest = 500)]
    public void Request_RoundTrips(TftpOptions options)
    {
        var buffer = new byte[600];
        Assert.True(TftpPacketWriter.TryWriteRequest(buffer, TftpOpcode.ReadRequest, "dir/file.bin", TftpTransferMode.Octet, options, out var written));
        Assert.True(TftpPacket.TryParse(buffer.AsSpan(0, written), out var packet, out _));
        Assert.Equal(options, TftpOptions.Read(packet.Options));
        Assert.Equal("dir/file.bin"u8.ToArray(), packet.FileName.ToArray());
    }

    [Property(MaxTest = 500)]
    public void Data_RoundTrips(ushort block, byte[] payload)
    {
        payload ??= [];
        var buffer = new byte[payload.Length + 4];
        Assert.True(TftpPacketWriter.TryWriteData(buffer, block, payload, out var written));
        Assert.True(TftpPacket.TryParse(buffer.AsSpan(0, written), out var packet, out _));
        Assert.Equal(block, packet.Block);
        Assert.Equal(payload, packet.Data.ToArray());
    }
}
