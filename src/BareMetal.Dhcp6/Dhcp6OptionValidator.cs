using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>
/// One pass over an option region: bounds (RFC 8415 §21.1), each known option's length and inner layout, options
/// that may appear once, and the regions nested in IAs and relayed messages. Nesting is bounded by the structure
/// (message → IA → IA Address/Prefix) and by the relay hop limit, so hostile bytes cannot recurse deeply.
/// </summary>
internal static class Dhcp6OptionValidator
{
    internal enum Scope
    {
        /// <summary>The top-level options of a message (client/server or relay).</summary>
        Message,

        /// <summary>Inside an IA_NA, IA_TA or IA_PD.</summary>
        IdentityAssociation,

        /// <summary>Inside an IA Address or IA Prefix.</summary>
        Lease,
    }

    public static Dhcp6ParseError Validate(ReadOnlySpan<byte> region, Scope scope, int depth, out ushort offender)
    {
        ulong seen = 0;
        var seenLinkLayer = false;
        var position = 0;
        while (position < region.Length)
        {
            offender = 0;
            if (region.Length - position < Dhcp6MessageLayout.OptionHeader)
            {
                return Dhcp6ParseError.OptionOverrunsBuffer;
            }

            var code = BinaryPrimitives.ReadUInt16BigEndian(region[position..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(region[(position + 2)..]);
            offender = code;
            if (region.Length - position - Dhcp6MessageLayout.OptionHeader < length)
            {
                return Dhcp6ParseError.OptionOverrunsBuffer;
            }

            var value = region.Slice(position + Dhcp6MessageLayout.OptionHeader, length);
            position += Dhcp6MessageLayout.OptionHeader + length;

            // RFC 8415 §21: "Unless otherwise noted, each option may appear only in the options area of a DHCP
            // message and may appear only once." Only the options a server acts on are held to it: a second client
            // identifier or relay message would make the answer ambiguous.
            if (scope == Scope.Message && IsSingleton(code))
            {
                var bit = code == (ushort)Dhcp6OptionCode.ClientLinkLayerAddress ? 0UL : 1UL << code;
                if ((bit == 0 && seenLinkLayer) || (seen & bit) != 0)
                {
                    return Dhcp6ParseError.DuplicateOption;
                }

                seen |= bit;
                seenLinkLayer |= bit == 0;
            }

            var error = ValidateValue((Dhcp6OptionCode)code, value, scope, depth, ref offender);
            if (error != Dhcp6ParseError.None)
            {
                return error;
            }
        }

        offender = 0;
        return Dhcp6ParseError.None;
    }

    private static bool IsSingleton(ushort code) => (Dhcp6OptionCode)code is Dhcp6OptionCode.ClientId or Dhcp6OptionCode.ServerId
        or Dhcp6OptionCode.OptionRequest or Dhcp6OptionCode.Preference or Dhcp6OptionCode.ElapsedTime
        or Dhcp6OptionCode.RelayMessage or Dhcp6OptionCode.RapidCommit or Dhcp6OptionCode.InterfaceId
        or Dhcp6OptionCode.ReconfigureAccept or Dhcp6OptionCode.BootFileUrl or Dhcp6OptionCode.ClientArchitectureType
        or Dhcp6OptionCode.NetworkInterfaceId or Dhcp6OptionCode.ClientLinkLayerAddress;

    private static Dhcp6ParseError ValidateValue(Dhcp6OptionCode code, ReadOnlySpan<byte> value, Scope scope, int depth, ref ushort offender)
    {
        switch (code)
        {
            case Dhcp6OptionCode.ClientId or Dhcp6OptionCode.ServerId:
                // RFC 8415 §21.2, §21.3: the value is a DUID (§11).
                return Dhcp6Duid.TryRead(value, out _) ? Dhcp6ParseError.None : Dhcp6ParseError.InvalidDuid;

            case Dhcp6OptionCode.IaNa or Dhcp6OptionCode.IaPd when scope == Scope.Message:
                // RFC 8415 §21.4, §21.21: IAID, T1, T2 (12 bytes), then IA options.
                return value.Length < Dhcp6IdentityAssociation.FixedLength
                    ? Dhcp6ParseError.InvalidOptionLength
                    : Validate(value[Dhcp6IdentityAssociation.FixedLength..], Scope.IdentityAssociation, depth, out offender);

            case Dhcp6OptionCode.IaTa when scope == Scope.Message:
                // RFC 8415 §21.5: IAID (4 bytes), then IA options.
                return value.Length < Dhcp6IdentityAssociation.TemporaryFixedLength
                    ? Dhcp6ParseError.InvalidOptionLength
                    : Validate(value[Dhcp6IdentityAssociation.TemporaryFixedLength..], Scope.IdentityAssociation, depth, out offender);

            case Dhcp6OptionCode.IaAddress when scope == Scope.IdentityAssociation:
                // RFC 8415 §21.6: address, preferred and valid lifetimes (24 bytes), then options.
                return value.Length < Dhcp6IaAddress.FixedLength
                    ? Dhcp6ParseError.InvalidOptionLength
                    : Validate(value[Dhcp6IaAddress.FixedLength..], Scope.Lease, depth, out offender);

            case Dhcp6OptionCode.IaPrefix when scope == Scope.IdentityAssociation:
                // RFC 8415 §21.22: lifetimes, prefix length (at most 128), prefix (25 bytes), then options.
                if (value.Length < Dhcp6IaPrefix.FixedLength)
                {
                    return Dhcp6ParseError.InvalidOptionLength;
                }

                return value[8] > 128
                    ? Dhcp6ParseError.MalformedOptionValue
                    : Validate(value[Dhcp6IaPrefix.FixedLength..], Scope.Lease, depth, out offender);

            case Dhcp6OptionCode.RelayMessage when scope == Scope.Message:
                // RFC 8415 §21.10: a whole DHCP message, validated as one (one relay level deeper).
                return Dhcp6MessageReader.ValidateRelayed(value, depth + 1, out offender);

            case Dhcp6OptionCode.OptionRequest:
                // RFC 8415 §21.7: a list of 2-byte option codes.
                return Length(value.Length % 2 == 0);
            case Dhcp6OptionCode.Preference:
                return Length(value.Length == 1); // RFC 8415 §21.8
            case Dhcp6OptionCode.ElapsedTime:
                return Length(value.Length == 2); // RFC 8415 §21.9
            case Dhcp6OptionCode.ServerUnicast:
                return Length(value.Length == Ipv6Address.Length); // RFC 8415 §21.12
            case Dhcp6OptionCode.StatusCode:
                return Length(value.Length >= 2); // RFC 8415 §21.13: status-code, then a UTF-8 message
            case Dhcp6OptionCode.RapidCommit or Dhcp6OptionCode.ReconfigureAccept:
                return Length(value.IsEmpty); // RFC 8415 §21.14, §21.20: option-len 0
            case Dhcp6OptionCode.ReconfigureMessage:
                return Length(value.Length == 1); // RFC 8415 §21.19
            case Dhcp6OptionCode.InformationRefreshTime or Dhcp6OptionCode.SolMaxRt or Dhcp6OptionCode.InfMaxRt:
                return Length(value.Length == 4); // RFC 8415 §21.23-21.25
            case Dhcp6OptionCode.VendorOptions:
                return Length(value.Length >= 4); // RFC 8415 §21.17: enterprise-number first
            case Dhcp6OptionCode.DnsServers:
                return Length(value.Length % Ipv6Address.Length == 0); // RFC 3646 §3: whole addresses

            case Dhcp6OptionCode.UserClass or Dhcp6OptionCode.BootFileParameters:
                // RFC 8415 §21.15, RFC 5970 §3.2: 2-byte-length items filling the option exactly.
                return Dhcp6DataList.IsWellFormed(value) ? Dhcp6ParseError.None : Dhcp6ParseError.MalformedOptionValue;
            case Dhcp6OptionCode.VendorClass:
                // RFC 8415 §21.16: enterprise-number, then 2-byte-length items.
                if (value.Length < 4)
                {
                    return Dhcp6ParseError.InvalidOptionLength;
                }

                return Dhcp6DataList.IsWellFormed(value[4..]) ? Dhcp6ParseError.None : Dhcp6ParseError.MalformedOptionValue;
            case Dhcp6OptionCode.DomainSearchList:
                // RFC 3646 §4: uncompressed RFC 1035 names, one after another.
                return Dhcp6DomainName.IsValidList(value) ? Dhcp6ParseError.None : Dhcp6ParseError.MalformedOptionValue;

            case Dhcp6OptionCode.ClientArchitectureType:
                return Length(value.Length >= 2 && value.Length % 2 == 0); // RFC 5970 §3.3: one or more 2-byte types
            case Dhcp6OptionCode.NetworkInterfaceId:
                return Length(value.Length == 3); // RFC 5970 §3.4: type, major, minor
            case Dhcp6OptionCode.ClientLinkLayerAddress:
                return Length(value.Length >= 3); // RFC 6939 §4: link-layer type (2), then the address

            default:
                return Dhcp6ParseError.None;
        }
    }

    private static Dhcp6ParseError Length(bool valid) => valid ? Dhcp6ParseError.None : Dhcp6ParseError.InvalidOptionLength;
}
