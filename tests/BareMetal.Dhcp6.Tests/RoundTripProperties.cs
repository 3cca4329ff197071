using FsCheck.Xunit;

namespace BareMetal.Dhcp6.Tests;

/// <summary>FsCheck properties: Parse(Write(x)) == x, and the writer reproduces every captured message byte for byte.</summary>
public class RoundTripProperties
{
    [Property(MaxTest = 300)]
    public bool RandomMessage_WriteThenParse_GivesSameMessage(int seed)
    {
        var model = new RandomMessage(seed);
        var buffer = new byte[8192];
        var length = model.Write(buffer);

        Assert.True(Dhcp6MessageReader.TryParse(buffer.AsSpan(0, length), out var outer, out var error, out var offender), $"{error} at {offender}");
        var message = outer.GetInnermostMessage(out var relays);
        Assert.Equal(model.Relays, relays);
        Assert.Equal(model.Type, message.MessageType);
        Assert.Equal(model.TransactionId, message.TransactionId);

        var read = new List<(Dhcp6OptionCode, byte[])>();
        foreach (var option in message.GetOptions())
        {
            read.Add((option.Code, option.Value.ToArray()));
        }

        Assert.Equal(model.Options.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(model.Options[i].Code, read[i].Item1);
            Assert.Equal(model.Options[i].Value, read[i].Item2);
        }

        return true;
    }

    [Fact]
    public void EveryCapturedMessage_RewrittenOptionByOption_IsIdentical()
    {
        foreach (var payload in Captures.AllPayloads())
        {
            var reader = Captures.Parse(payload);
            var buffer = new byte[payload.Length];
            var writer = new Dhcp6MessageWriter(buffer);
            Rewrite(reader, ref writer);
            Assert.Equal(payload, buffer[..writer.BytesWritten]);
        }
    }

    private static void Rewrite(Dhcp6MessageReader message, ref Dhcp6MessageWriter writer)
    {
        if (message.IsRelay)
        {
            Assert.True(writer.TryWriteRelayHeader(message.MessageType, message.HopCount, message.LinkAddress, message.PeerAddress));
        }
        else
        {
            Assert.True(writer.TryWriteHeader(message.MessageType, message.TransactionId));
        }

        foreach (var option in message.GetOptions())
        {
            if (option.Code == Dhcp6OptionCode.RelayMessage && message.TryGetRelayMessage(out var inner))
            {
                Assert.True(writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out var scope));
                Rewrite(inner, ref writer);
                Assert.True(writer.TryEndOption(scope));
            }
            else
            {
                Assert.True(writer.TryAddOption(option.Code, option.Value));
            }
        }
    }
}
