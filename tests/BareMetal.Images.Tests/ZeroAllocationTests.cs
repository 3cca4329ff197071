namespace BareMetal.Images.Tests;

/// <summary>The per-request parsers allocate nothing: guarded by the thread's allocation counter.</summary>
public class ZeroAllocationTests
{
    [Fact]
    public void RangeHeaderParser_Parse_AllocatesNothing()
    {
        var ranges = new ByteRange[16];
        const string Value = "bytes=0-511, 1048576-1049599, -4096";
        RangeHeaderParser.Parse(Value, 1L << 30, 16, ranges, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RangeHeaderParser.Parse(Value, 1L << 30, 16, ranges, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ImagePathValidator_Checks_AllocateNothing()
    {
        const string Raw = "/images/debian/bookworm/vmlinuz-6.1.0-13-amd64";
        const string Decoded = "debian/bookworm/vmlinuz-6.1.0-13-amd64";
        ImagePathValidator.CheckRaw(Raw);
        ImagePathValidator.CheckDecoded(Decoded, 1024, 255);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            ImagePathValidator.CheckRaw(Raw);
        }

        var middle = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            ImagePathValidator.CheckDecoded(Decoded, 1024, 255);
        }

        Assert.Equal((0L, 0L), (middle - before, GC.GetAllocatedBytesForCurrentThread() - middle));
    }
}
