using System.Buffers.Binary;
using BareMetal.Dhcp;

namespace BareMetal.Dhcp6.Tests;

/// <summary>
/// A random but valid message, kept both as the list of expected top-level options (encoded by hand with
/// <see cref="Raw"/>) and as a recipe the writer follows, so a round trip compares two independent encodings.
/// </summary>
internal sealed class RandomMessage
{
    public delegate bool WriteStep(ref Dhcp6MessageWriter writer);

    private readonly List<WriteStep> _steps = [];

    public RandomMessage(int seed)
    {
        var random = new Random(seed);
        Type = random.Next(3) switch { 0 => Dhcp6MessageType.Solicit, 1 => Dhcp6MessageType.Request, _ => (Dhcp6MessageType)random.Next(1, 12) };
        TransactionId = (uint)random.Next(0, 1 << 24);
        Relays = random.Next(4);

        var mac = new MacAddress((ulong)random.NextInt64());
        Add(Dhcp6OptionCode.ClientId, Duid(mac), (ref Dhcp6MessageWriter w) => w.TryAddDuid(Dhcp6OptionCode.ClientId, Duid(mac)));

        var builders = new List<Action>
        {
            () => { var t = (ushort)random.Next(65536); Add(Dhcp6OptionCode.ElapsedTime, U16(t), (ref Dhcp6MessageWriter w) => w.TryAddUInt16Option(Dhcp6OptionCode.ElapsedTime, t)); },
            () => { var p = (byte)random.Next(256); Add(Dhcp6OptionCode.Preference, [p], (ref Dhcp6MessageWriter w) => w.TryAddByteOption(Dhcp6OptionCode.Preference, p)); },
            () => Add(Dhcp6OptionCode.RapidCommit, [], (ref Dhcp6MessageWriter w) => w.TryAddEmptyOption(Dhcp6OptionCode.RapidCommit)),
            () => Add(Dhcp6OptionCode.ReconfigureAccept, [], (ref Dhcp6MessageWriter w) => w.TryAddEmptyOption(Dhcp6OptionCode.ReconfigureAccept)),
            () => { var item = Bytes(random, 0, 20); Add(Dhcp6OptionCode.UserClass, [.. U16((ushort)item.Length), .. item], (ref Dhcp6MessageWriter w) => w.TryAddDataItem(Dhcp6OptionCode.UserClass, item)); },
            () => { var en = (uint)random.Next(); var item = Bytes(random, 0, 40); Add(Dhcp6OptionCode.VendorClass, [.. U32(en), .. U16((ushort)item.Length), .. item], (ref Dhcp6MessageWriter w) => w.TryAddVendorClass(en, item)); },
            () => { var url = "tftp://[2001:db8::" + random.Next(65536).ToString("x") + "]/boot.efi"; Add(Dhcp6OptionCode.BootFileUrl, System.Text.Encoding.ASCII.GetBytes(url), (ref Dhcp6MessageWriter w) => w.TryAddAsciiOption(Dhcp6OptionCode.BootFileUrl, url)); },
            () => { var a = (ClientArchitecture)random.Next(42); Add(Dhcp6OptionCode.ClientArchitectureType, U16((ushort)a), (ref Dhcp6MessageWriter w) => w.TryAddClientArchitecture(a)); },
            () => { var b = Bytes(random, 3, 3); Add(Dhcp6OptionCode.NetworkInterfaceId, b, (ref Dhcp6MessageWriter w) => w.TryAddNetworkInterfaceId(b[0], b[1], b[2])); },
            () =>
            {
                var addresses = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Ipv6Address((ulong)random.NextInt64(), (ulong)random.NextInt64())).ToArray();
                var bytes = new byte[addresses.Length * 16];
                for (var i = 0; i < addresses.Length; i++) { addresses[i].WriteTo(bytes.AsSpan(i * 16)); }
                Add(Dhcp6OptionCode.DnsServers, bytes, (ref Dhcp6MessageWriter w) => w.TryAddAddresses(Dhcp6OptionCode.DnsServers, addresses));
            },
            () =>
            {
                var codes = Enumerable.Range(0, random.Next(0, 6)).Select(_ => (Dhcp6OptionCode)random.Next(1, 100)).ToArray();
                Add(Dhcp6OptionCode.OptionRequest, codes.SelectMany(c => U16((ushort)c)).ToArray(), (ref Dhcp6MessageWriter w) => w.TryAddOptionRequest(codes));
            },
            () =>
            {
                // IA_NA with 0-2 addresses, one of them with a status code inside (RFC 8415 §21.4, §21.6, §21.13).
                var iaid = (uint)random.Next();
                var t1 = (uint)random.Next();
                var t2 = (uint)random.Next();
                var leases = Enumerable.Range(0, random.Next(3)).Select(_ => (new Ipv6Address((ulong)random.NextInt64(), (ulong)random.NextInt64()), (uint)random.Next(), (uint)random.Next())).ToArray();
                var status = random.Next(2) == 0;
                var inner = new List<byte>();
                foreach (var (address, preferred, valid) in leases)
                {
                    var value = new byte[24];
                    address.WriteTo(value);
                    BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(16), preferred);
                    BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(20), valid);
                    inner.AddRange(Raw.Opt(Dhcp6OptionCode.IaAddress, status ? [.. value, .. Raw.Opt(Dhcp6OptionCode.StatusCode, 0, 0, (byte)'o', (byte)'k')] : value));
                }

                Add(Dhcp6OptionCode.IaNa, [.. U32(iaid), .. U32(t1), .. U32(t2), .. inner], (ref Dhcp6MessageWriter w) =>
                {
                    if (!w.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, iaid, t1, t2, out var ia)) { return false; }
                    foreach (var (address, preferred, valid) in leases)
                    {
                        if (!w.TryBeginIaAddress(address, preferred, valid, out var lease)
                            || (status && !w.TryAddStatusCode(Dhcp6StatusCode.Success, "ok"))
                            || !w.TryEndOption(lease)) { return false; }
                    }

                    return w.TryEndOption(ia);
                });
            },
            () =>
            {
                var names = new[] { "lab.example", "a.b.c", "x" + random.Next(1000) + ".example.org" }.Take(random.Next(1, 4)).ToArray();
                var encoded = new List<byte>();
                foreach (var name in names)
                {
                    foreach (var label in name.Split('.')) { encoded.Add((byte)label.Length); encoded.AddRange(System.Text.Encoding.ASCII.GetBytes(label)); }
                    encoded.Add(0);
                }

                var bytes = encoded.ToArray();
                Add(Dhcp6OptionCode.DomainSearchList, bytes, (ref Dhcp6MessageWriter w) => w.TryAddOption(Dhcp6OptionCode.DomainSearchList, bytes));
            },
        };

        foreach (var build in builders.OrderBy(_ => random.Next()).Take(random.Next(builders.Count + 1)))
        {
            build();
        }

        // Unknown codes, opaque values, may repeat.
        for (var i = random.Next(3); i > 0; i--)
        {
            var code = (Dhcp6OptionCode)random.Next(1000, 65536);
            var value = Bytes(random, 0, 30);
            Add(code, value, (ref Dhcp6MessageWriter w) => w.TryAddOption(code, value));
        }
    }

    public Dhcp6MessageType Type { get; }

    public uint TransactionId { get; }

    public int Relays { get; }

    public List<(Dhcp6OptionCode Code, byte[] Value)> Options { get; } = [];

    /// <summary>Writes the message with the writer, wrapped in <see cref="Relays"/> Relay-Forw messages.</summary>
    public int Write(Span<byte> buffer)
    {
        var writer = new Dhcp6MessageWriter(buffer);
        var scopes = new Stack<Dhcp6OptionScope>();
        for (var i = 0; i < Relays; i++)
        {
            Assert.True(writer.TryWriteRelayHeader(Dhcp6MessageType.RelayForward, (byte)(Relays - 1 - i), Ipv6Address.Parse("2001:db8::1"), Ipv6Address.Parse("fe80::2")));
            Assert.True(writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out var scope));
            scopes.Push(scope);
        }

        Assert.True(writer.TryWriteHeader(Type, TransactionId));
        foreach (var step in _steps)
        {
            Assert.True(step(ref writer));
        }

        while (scopes.Count > 0)
        {
            Assert.True(writer.TryEndOption(scopes.Pop()));
        }

        return writer.BytesWritten;
    }

    private void Add(Dhcp6OptionCode code, byte[] value, WriteStep write)
    {
        Options.Add((code, value));
        _steps.Add(write);
    }

    private static byte[] Duid(MacAddress mac)
    {
        var bytes = new byte[10];
        Dhcp6Duid.TryWriteLinkLayer(mac, bytes, out _);
        return bytes;
    }

    private static byte[] Bytes(Random random, int min, int max)
    {
        var bytes = new byte[random.Next(min, max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}

