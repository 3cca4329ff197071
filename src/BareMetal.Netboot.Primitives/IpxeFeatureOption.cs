namespace BareMetal.Netboot;

/// <summary>
/// The one reader of the feature indicators in DHCP option 175 (iPXE's encapsulated options): used by the DHCP
/// classifier for what a client announced and by the iPXE linter for what a script may rely on.
/// </summary>
public static class IpxeFeatureOption
{
    /// <summary>
    /// Parses the value of DHCP option 175 strictly: a sequence of code, length, value sub-options (RFC 2132 §2
    /// encoding; pad 0 and end 255 are single bytes). A feature sub-option (175.16 to 175.63) counts when its first
    /// value byte is non-zero; other sub-options (priority, bus id, version, ...) are skipped.
    /// </summary>
    /// <param name="option175">The option's value.</param>
    /// <param name="features">The announced features, or <see cref="IpxeFeatures.None"/> on failure.</param>
    /// <param name="error">Why the bytes were rejected, or <see cref="IpxeFeatureParseError.None"/>.</param>
    /// <returns>Whether every sub-option lies within the data.</returns>
    public static bool TryParse(ReadOnlySpan<byte> option175, out IpxeFeatures features, out IpxeFeatureParseError error)
    {
        error = Walk(option175, out var announced);
        features = error == IpxeFeatureParseError.None ? announced : IpxeFeatures.None;
        return error == IpxeFeatureParseError.None;
    }

    /// <summary>
    /// Reads the features announced before the first malformed sub-option, if any: the lenient view a server takes
    /// of a packet it will answer anyway (a truncated tail costs the flags in it, not the ones before it).
    /// </summary>
    /// <param name="option175">The option's value.</param>
    /// <returns>The features announced by well-formed sub-options.</returns>
    public static IpxeFeatures ReadAnnounced(ReadOnlySpan<byte> option175)
    {
        _ = Walk(option175, out var announced);
        return announced;
    }

    // One walk for both views: allocation-free, no exceptions on any input.
    private static IpxeFeatureParseError Walk(ReadOnlySpan<byte> data, out IpxeFeatures announced)
    {
        announced = IpxeFeatures.None;
        var i = 0;
        while (i < data.Length)
        {
            var code = data[i];
            if (code == 0)
            {
                i++;
                continue;
            }

            if (code == 255)
            {
                break;
            }

            if (i + 1 >= data.Length || i + 2 + data[i + 1] > data.Length)
            {
                return IpxeFeatureParseError.Truncated;
            }

            var length = data[i + 1];
            if (code is >= 0x10 and <= 0x3f && length > 0 && data[i + 2] != 0)
            {
                announced |= (IpxeFeatures)(1UL << code);
            }

            i += 2 + length;
        }

        return IpxeFeatureParseError.None;
    }
}
