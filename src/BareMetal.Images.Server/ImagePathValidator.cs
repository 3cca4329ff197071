namespace BareMetal.Images;

/// <summary>
/// Checks a request path before it touches the file system. Both the raw request target (as the client sent
/// it, before the server decoded and normalised it) and the decoded path are checked, so an attempt is refused
/// and logged here even when the web server would have normalised it away.
/// </summary>
internal static class ImagePathValidator
{
    /// <summary>Checks the raw, still percent-encoded path of the request target (RFC 3986 §2.1, §3.3).</summary>
    public static ImagePathError CheckRaw(ReadOnlySpan<char> rawPath)
    {
        var query = rawPath.IndexOfAny('?', '#');
        if (query >= 0)
        {
            rawPath = rawPath[..query];
        }

        for (var i = 0; i < rawPath.Length; i++)
        {
            var c = rawPath[i];
            if (char.IsControl(c))
            {
                return ImagePathError.ControlCharacter;
            }

            if (c == '\\')
            {
                return ImagePathError.EncodedSeparator;
            }

            if (c == '%' && i + 2 < rawPath.Length)
            {
                var hex = rawPath.Slice(i + 1, 2);
                if (hex.Equals("2f", StringComparison.OrdinalIgnoreCase) || hex.Equals("5c", StringComparison.OrdinalIgnoreCase))
                {
                    return ImagePathError.EncodedSeparator;
                }

                if (hex[0] is '0' or '1' || hex.Equals("7f", StringComparison.OrdinalIgnoreCase))
                {
                    return ImagePathError.ControlCharacter;
                }
            }
        }

        // Dot segments, raw or encoded (%2e), are refused rather than resolved (RFC 3986 §5.2.4 would resolve them).
        foreach (var range in rawPath.Split('/'))
        {
            var segment = rawPath[range];
            if (IsDotSegment(segment))
            {
                return ImagePathError.DotSegment;
            }
        }

        return ImagePathError.None;
    }

    /// <summary>Checks the decoded path relative to the endpoint prefix, e.g. <c>debian/vmlinuz</c>.</summary>
    public static ImagePathError CheckDecoded(ReadOnlySpan<char> path, int maxPathLength, int maxSegmentLength)
    {
        if (path.IsEmpty)
        {
            return ImagePathError.Empty;
        }

        if (path.Length > maxPathLength)
        {
            return ImagePathError.TooLong;
        }

        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                return ImagePathError.EmptySegment;
            }

            if (segment.Length > maxSegmentLength)
            {
                return ImagePathError.TooLong;
            }

            if (HasControlCharacter(segment))
            {
                return ImagePathError.ControlCharacter;
            }

            if (segment.Contains('\\') || segment.IndexOf("%2F".AsSpan()) >= 0 || segment.IndexOf("%2f".AsSpan()) >= 0)
            {
                // Kestrel leaves %2F encoded in the decoded path so that it cannot become a separator.
                return ImagePathError.EncodedSeparator;
            }

            if (segment is "." or "..")
            {
                return ImagePathError.DotSegment;
            }

            if (segment[0] == '.')
            {
                return ImagePathError.Dotfile;
            }
        }

        return ImagePathError.None;
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> segment)
    {
        // A plain loop: MemoryExtensions.ContainsAnyInRange allocates on this runtime (caught by ZeroAllocationTests).
        foreach (var c in segment)
        {
            if (c < '\u0020' || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDotSegment(ReadOnlySpan<char> segment)
    {
        // ".", "..", "%2e", "%2e%2e", ".%2e", "%2e." in any case.
        var dots = 0;
        var i = 0;
        while (i < segment.Length)
        {
            if (segment[i] == '.')
            {
                i++;
            }
            else if (segment.Length - i >= 3 && segment[i] == '%' && segment.Slice(i + 1, 2).Equals("2e", StringComparison.OrdinalIgnoreCase))
            {
                i += 3;
            }
            else
            {
                return false;
            }

            dots++;
        }

        return dots is 1 or 2;
    }
}
