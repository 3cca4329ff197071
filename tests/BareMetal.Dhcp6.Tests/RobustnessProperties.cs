using FsCheck.Xunit;

namespace BareMetal.Dhcp6.Tests;

/// <summary>
/// FsCheck properties: arbitrary bytes and captured messages flipped, cut or extended either parse or yield a named
/// error (consuming nothing), and nothing the reader offers ever throws or reads outside the buffer.
/// </summary>
public class RobustnessProperties
{
    private static readonly byte[][] CapturedPackets = Captures.AllPayloads();

    /// <summary>Uses every read path; an exception fails the property.</summary>
    private static bool Exercise(byte[] bytes)
    {
        if (!Dhcp6MessageReader.TryParse(bytes, out var reader, out var error, out _))
        {
            return Enum.IsDefined(error) && error != Dhcp6ParseError.None && reader.Packet.IsEmpty;
        }

        Visit(reader);
        var info = Dhcp6BootClassifier.Classify(reader);
        _ = info.IsUefi || info.IsHttpBoot || info.IsIpxe;
        return Enum.IsDefined(info.NotBootReason);
    }

    private static void Visit(Dhcp6MessageReader message)
    {
        _ = message.TransactionId + message.HopCount;
        _ = message.LinkAddress.IsUnspecified || message.PeerAddress.IsLinkLocal;
        foreach (var option in message.GetOptions())
        {
            _ = message.TryGetOption(option.Code, out _);
            if (option.TryReadIdentityAssociation(out var ia))
            {
                _ = ia.TryGetStatusCode(out _, out _);
                foreach (var inner in ia.GetOptions())
                {
                    if (inner.TryReadIaAddress(out var address))
                    {
                        _ = address.TryGetStatusCode(out _, out _) && address.Address.ToString().Length > 0;
                    }

                    if (inner.TryReadIaPrefix(out var prefix))
                    {
                        _ = prefix.TryGetStatusCode(out _, out _) && prefix.PrefixLength <= 128;
                    }
                }
            }
        }

        if (message.TryGetClientId(out var duid))
        {
            _ = duid.TryGetMacAddress(out _) && duid.Uuid != Guid.Empty && duid.EnterpriseIdentifier.Length + duid.Time > 0;
        }

        _ = message.TryGetServerId(out _) && message.TryGetElapsedTime(out _) && message.TryGetPreference(out _);
        _ = message.HasRapidCommit || message.HasReconfigureAccept || message.IsOptionRequested(Dhcp6OptionCode.BootFileUrl);
        _ = message.TryGetStatusCode(out _, out _) && message.TryGetClientArchitecture(out _);
        _ = message.TryGetNetworkInterfaceId(out _, out _, out _) && message.TryGetBootFileUrl(out _);
        if (message.TryGetUserClass(out var user))
        {
            _ = user.Contains("iPXE"u8) || user.First.Length > 0;
        }

        if (message.TryGetVendorClass(out _, out var vendor))
        {
            _ = vendor.AnyStartsWith("PXEClient"u8);
        }

        if (message.TryGetBootFileParameters(out var parameters))
        {
            foreach (var item in parameters)
            {
                _ = item.Length;
            }
        }

        if (message.TryGetDomainSearchList(out var names))
        {
            Span<char> text = stackalloc char[256];
            while (!names.IsEmpty && Dhcp6DomainName.TryMeasure(names, out var length))
            {
                _ = Dhcp6DomainName.TryFormat(names, text, out _, out _);
                names = names[length..];
            }

            Assert.True(names.IsEmpty); // validated at parse time: every name measures
        }

        _ = message.TryGetDnsServers(out var dns) && dns.Length % 16 == 0;
        _ = message.TryGetInterfaceId(out _) && message.TryGetClientLinkLayerMacAddress(out _);
        if (message.TryGetRelayMessage(out var relayed))
        {
            Visit(relayed);
        }
    }

    [Property(MaxTest = 1000)]
    public bool ArbitraryBytes_NeverThrow(byte[] bytes) => Exercise(bytes ?? []);

    [Property(MaxTest = 1000)]
    public bool ArbitraryOptions_AfterValidHeader_NeverThrow(byte type, byte[] options) =>
        Exercise([type, 1, 2, 3, .. options ?? []]);

    [Property(MaxTest = 1000)]
    public bool ArbitraryOptions_InsideRelay_NeverThrow(byte[] inner) =>
        Exercise(Raw.Relay(Dhcp6MessageType.RelayForward, 0, Raw.Opt(Dhcp6OptionCode.RelayMessage, [1, 0, 0, 0, .. inner ?? []])));

    [Property(MaxTest = 2000)]
    public bool CapturedMessage_Mutated_NeverThrows(int which, int position, byte value, int cut)
    {
        var original = CapturedPackets[(int)((uint)which % CapturedPackets.Length)];
        var bytes = (byte[])original.Clone();
        bytes[(int)((uint)position % bytes.Length)] ^= value;
        var length = (int)((uint)cut % (bytes.Length + 8));
        var mutated = new byte[length];
        Array.Copy(bytes, mutated, Math.Min(length, bytes.Length));
        return Exercise(mutated);
    }

    [Property(MaxTest = 500)]
    public bool Writer_ShortBuffer_FailureLeavesNothingWritten(int seed, byte size)
    {
        // The same recipe into a buffer of every size: each Try either advances or leaves BytesWritten unchanged.
        var full = new byte[2048];
        var fullLength = new RandomMessage(seed).Write(full);
        var buffer = new byte[size];
        var writer = new Dhcp6MessageWriter(buffer);
        var before = writer.BytesWritten;
        if (!writer.TryWriteHeader(Dhcp6MessageType.Solicit, 1))
        {
            return writer.BytesWritten == before && size < 4;
        }

        foreach (var option in Captures.Parse(full[..fullLength]).GetInnermostMessage(out _).GetOptions())
        {
            before = writer.BytesWritten;
            var ok = writer.TryAddOption(option.Code, option.Value);
            if (ok != (before + 4 + option.Value.Length <= size) || (!ok && writer.BytesWritten != before))
            {
                return false;
            }
        }

        return Dhcp6MessageReader.TryParse(writer.Written, out _, out _);
    }
}
