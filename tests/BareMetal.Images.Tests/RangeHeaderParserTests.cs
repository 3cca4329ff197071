using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Images.Tests;

public class RangeHeaderParserTests
{
    private static (RangeParseResult Result, ByteRange[] Ranges) Parse(string value, long length = 1000, int max = 16)
    {
        var ranges = new ByteRange[max];
        var result = RangeHeaderParser.Parse(value, length, max, ranges, out var count);
        return (result, ranges[..count]);
    }

    [Theory]
    [InlineData("bytes=0-499", 0, 500)]
    [InlineData("bytes=500-999", 500, 500)]
    [InlineData("bytes=500-", 500, 500)]
    [InlineData("bytes=-200", 800, 200)]
    [InlineData("bytes=-5000", 0, 1000)]
    [InlineData("bytes=900-5000", 900, 100)]
    [InlineData("BYTES = 0-0", 0, 1)]
    [InlineData("bytes=999-999", 999, 1)]
    [InlineData("bytes= 0-9 ,", 0, 10)]
    public void Parse_SingleRange_ResolvesAgainstLength(string value, long start, long length)
    {
        var (result, ranges) = Parse(value.Replace("BYTES = ", "BYTES=", StringComparison.Ordinal));
        Assert.Equal(RangeParseResult.Satisfiable, result);
        Assert.Equal(new ByteRange(start, length), Assert.Single(ranges));
    }

    [Fact]
    public void Parse_MultipleRanges_KeepsRequestOrderAndDropsUnsatisfiable()
    {
        var (result, ranges) = Parse("bytes=900-, 0-9, 5000-6000, -1");
        Assert.Equal(RangeParseResult.Satisfiable, result);
        Assert.Equal([new ByteRange(900, 100), new ByteRange(0, 10), new ByteRange(999, 1)], ranges);
    }

    [Theory]
    [InlineData("bytes=1000-", "Unsatisfiable")]
    [InlineData("bytes=1000-2000,3000-", "Unsatisfiable")]
    [InlineData("bytes=-0", "Unsatisfiable")]
    [InlineData("bytes=", "Malformed")]
    [InlineData("bytes=,,", "Malformed")]
    [InlineData("bytes=abc", "Malformed")]
    [InlineData("bytes=1-2-3", "Malformed")]
    [InlineData("bytes=-", "Malformed")]
    [InlineData("bytes=0x10-20", "Malformed")]
    [InlineData("bytes=+1-2", "Malformed")]
    [InlineData("bytes 0-1", "Malformed")]
    [InlineData("=0-1", "Malformed")]
    [InlineData("bytes=5-1", "LastBeforeFirst")]
    [InlineData("bytes=99999999999999999999-", "NumberOverflow")]
    [InlineData("bytes=0-99999999999999999999", "NumberOverflow")]
    [InlineData("items=0-1", "UnknownUnit")]
    [InlineData("bytes=0-,0-,0-", "ExcessiveOverlap")]
    public void Parse_BadInput_NamesTheFailure(string value, string expected)
    {
        var (result, ranges) = Parse(value);
        Assert.Equal(Enum.Parse<RangeParseResult>(expected), result);
        Assert.Empty(ranges);
    }

    [Fact]
    public void Parse_MoreRangesThanTheCap_IsRefusedBeforeReadingThemAll()
    {
        var value = "bytes=" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"{i}-{i}"));
        var (result, ranges) = Parse(value, length: 1_000_000, max: 16);
        Assert.Equal(RangeParseResult.TooManyRanges, result);
        Assert.Empty(ranges);
    }

    [Fact]
    public void Parse_ZeroLengthRepresentation_NothingIsSatisfiable()
    {
        Assert.Equal(RangeParseResult.Unsatisfiable, Parse("bytes=0-", length: 0).Result);
        Assert.Equal(RangeParseResult.Unsatisfiable, Parse("bytes=-10", length: 0).Result);
    }

    [Property(MaxTest = 500)]
    public void Parse_AnyString_NeverThrowsAndStaysInsideTheRepresentation(NonNull<string> text, PositiveInt length)
    {
        var value = "bytes=" + text.Get;
        var ranges = new ByteRange[4];
        var result = RangeHeaderParser.Parse(value, length.Get, 4, ranges, out var count);
        Assert.True(Enum.IsDefined(result));
        Assert.InRange(count, 0, 4);
        Assert.Equal(result == RangeParseResult.Satisfiable, count > 0);
        foreach (var r in ranges.AsSpan(0, count))
        {
            Assert.True(r.Start >= 0 && r.Length >= 1 && r.End < length.Get);
        }
    }

    [Property(MaxTest = 300)]
    public Property Parse_WrittenIntRange_RoundTrips(NonNegativeInt first, NonNegativeInt span, PositiveInt extra)
    {
        var length = (long)first.Get + span.Get + extra.Get;
        var (result, ranges) = Parse($"bytes={first.Get}-{first.Get + span.Get}", length);
        return (result == RangeParseResult.Satisfiable && ranges.Length == 1 && ranges[0] == new ByteRange(first.Get, span.Get + 1L)).ToProperty();
    }
}
