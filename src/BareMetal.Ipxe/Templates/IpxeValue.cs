using System.Globalization;
using System.Net;

namespace BareMetal.Ipxe;

/// <summary>
/// A typed profile value for <see cref="IpxeTemplate"/>: text, an integer, a URI, or an IP address. Each is
/// validated for its type when created, so it can only ever become part of one iPXE token.
/// </summary>
public readonly struct IpxeValue
{
    private readonly string _text;

    private IpxeValue(string text, IpxeValueType type)
    {
        _text = text;
        Type = type;
    }

    /// <summary>The value's type.</summary>
    public IpxeValueType Type { get; }

    /// <summary>Literal text: one token's worth, no whitespace, no <c>${</c>, no control characters, no separators.</summary>
    /// <exception cref="ArgumentException">The text cannot be a literal iPXE token.</exception>
    public static IpxeValue Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = IpxeSyntax.ValidateLiteral(text);
        if (error != IpxeTokenError.None)
        {
            IpxeThrow.InvalidToken(nameof(text), error, text);
        }

        return new IpxeValue(text, IpxeValueType.Text);
    }

    /// <summary>An integer, written in invariant decimal.</summary>
    public static IpxeValue Integer(long value) => new(value.ToString(CultureInfo.InvariantCulture), IpxeValueType.Integer);

    /// <summary>A URI iPXE can fetch (see <see cref="IpxeSyntax.ValidateUri(ReadOnlySpan{char})"/>).</summary>
    /// <exception cref="ArgumentException">iPXE could not fetch the URI.</exception>
    public static IpxeValue Uri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        IpxeArguments.RequireUri(uri, nameof(uri));
        if (uri.Contains("${", StringComparison.Ordinal))
        {
            IpxeThrow.InvalidToken(nameof(uri), IpxeTokenError.SettingReference, uri);
        }

        return new IpxeValue(uri, IpxeValueType.Uri);
    }

    /// <summary>An IP address (IPv4 dotted, IPv6 RFC 5952 text).</summary>
    public static IpxeValue Address(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new IpxeValue(address.ToString(), IpxeValueType.Address);
    }

    /// <summary>The value as it is written into the script.</summary>
    public override string ToString() => _text ?? string.Empty;
}

/// <summary>The type of an <see cref="IpxeValue"/>.</summary>
public enum IpxeValueType
{
    /// <summary>Literal text.</summary>
    Text = 0,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A fetchable URI.</summary>
    Uri,

    /// <summary>An IP address.</summary>
    Address,
}
