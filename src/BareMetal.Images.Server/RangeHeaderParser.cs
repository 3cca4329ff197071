namespace BareMetal.Images;

/// <summary>
/// Parses a <c>Range</c> field value against a representation length without allocating, stopping at a cap so
/// that a range list can never become a denial of service.
/// <code>
/// RFC 9110 §14.1.1 / §14.1.2:
///   ranges-specifier = range-unit "=" range-set
///   range-set        = 1#range-spec                 ; comma list, OWS around commas, empty elements allowed (§5.6.1)
///   range-spec       = int-range / suffix-range / other-range
///   int-range        = first-pos "-" [ last-pos ]
///   suffix-range     = "-" suffix-length
/// </code>
/// </summary>
internal static class RangeHeaderParser
{
    /// <summary>
    /// Parses <paramref name="value"/>. Satisfiable ranges are written to <paramref name="ranges"/> in request order
    /// (clamped to the representation, RFC 9110 §14.1.1) and counted in <paramref name="count"/>.
    /// </summary>
    public static RangeParseResult Parse(ReadOnlySpan<char> value, long length, int maxRanges, Span<ByteRange> ranges, out int count)
    {
        count = 0;
        value = value.Trim(" \t");
        var equals = value.IndexOf('=');
        if (equals <= 0)
        {
            return RangeParseResult.Malformed;
        }

        // §14.1: range units are case-insensitive; only "bytes" is defined.
        if (!value[..equals].Equals("bytes", StringComparison.OrdinalIgnoreCase))
        {
            return value[..equals].ContainsAny(" \t,;") ? RangeParseResult.Malformed : RangeParseResult.UnknownUnit;
        }

        var set = value[(equals + 1)..];
        var specs = 0;
        long total = 0;
        foreach (var element in set.Split(','))
        {
            var spec = set[element].Trim(" \t");
            if (spec.IsEmpty)
            {
                // §5.6.1: recipients accept empty list elements.
                continue;
            }

            if (++specs > maxRanges)
            {
                count = 0;
                return RangeParseResult.TooManyRanges;
            }

            var dash = spec.IndexOf('-');
            if (dash < 0)
            {
                return Fail(out count, RangeParseResult.Malformed);
            }

            var firstText = spec[..dash];
            var lastText = spec[(dash + 1)..];
            long start;
            long end;
            if (firstText.IsEmpty)
            {
                // suffix-range: the last N bytes; N = 0 is unsatisfiable (§14.1.1).
                var suffix = ParseNumber(lastText);
                if (suffix < 0)
                {
                    return Fail(out count, suffix == -2 ? RangeParseResult.NumberOverflow : RangeParseResult.Malformed);
                }

                if (suffix == 0 || length == 0)
                {
                    continue;
                }

                start = Math.Max(0, length - suffix);
                end = length - 1;
            }
            else
            {
                start = ParseNumber(firstText);
                if (start < 0)
                {
                    return Fail(out count, start == -2 ? RangeParseResult.NumberOverflow : RangeParseResult.Malformed);
                }

                if (lastText.IsEmpty)
                {
                    end = length - 1;
                }
                else
                {
                    end = ParseNumber(lastText);
                    if (end < 0)
                    {
                        return Fail(out count, end == -2 ? RangeParseResult.NumberOverflow : RangeParseResult.Malformed);
                    }

                    if (end < start)
                    {
                        return Fail(out count, RangeParseResult.LastBeforeFirst);
                    }

                    // §14.1.1: a last-pos at or past the end means "to the end".
                    end = Math.Min(end, length - 1);
                }

                if (start >= length)
                {
                    // Unsatisfiable on its own; the others may still be satisfiable.
                    continue;
                }
            }

            var range = new ByteRange(start, end - start + 1);
            total += range.Length;
            if (total > 2 * Math.Max(length, 1) && count > 0)
            {
                return Fail(out count, RangeParseResult.ExcessiveOverlap);
            }

            ranges[count++] = range;
        }

        if (specs == 0)
        {
            return RangeParseResult.Malformed;
        }

        return count == 0 ? RangeParseResult.Unsatisfiable : RangeParseResult.Satisfiable;
    }

    private static RangeParseResult Fail(out int count, RangeParseResult result)
    {
        count = 0;
        return result;
    }

    /// <summary>1*DIGIT as a non-negative long; -1 when not all digits (or empty), -2 on overflow.</summary>
    private static long ParseNumber(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return -1;
        }

        long value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            if (value > (long.MaxValue - 9) / 10)
            {
                return -2;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
