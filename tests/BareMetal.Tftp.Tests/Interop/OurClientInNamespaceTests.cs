using BareMetal.Testing;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>Our client in the client namespace against our server in the server namespace, over the veth pair.</summary>
public sealed class OurClientInNamespaceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [InteropFact]
    public async Task Get_Over65535Blocks_Windowed_RollsOver()
    {
        var client = new TftpClient { SocketFactory = fixture.Network.ClientSockets() };
        using var destination = new MemoryStream();

        var result = await client.GetAsync(NetworkPair.ServerEndPoint(), ServerFixture.RolloverFile, destination, new TftpClientOptions { WindowSize = 32, RequestTransferSize = true });

        Assert.Equal(ServerFixture.RolloverSize, result.Options.TransferSize);
        Assert.Equal(fixture.Hash(ServerFixture.RolloverFile), Server.TestBytes.Sha256(destination.ToArray()));
    }

    [InteropTheory]
    [InlineData(null, null)]
    [InlineData(1468, null)]
    [InlineData(1468, 16)]
    [InlineData(1432, 4)]
    public async Task Get_EverySize_IdenticalBytes(int? blockSize, int? windowSize)
    {
        var client = new TftpClient { SocketFactory = fixture.Network.ClientSockets() };
        foreach (var (name, _) in ServerFixture.Files)
        {
            using var destination = new MemoryStream();
            await client.GetAsync(NetworkPair.ServerEndPoint(), name, destination, new TftpClientOptions { BlockSize = blockSize, WindowSize = windowSize, RequestTransferSize = true, TimeoutSeconds = 2 });
            Assert.Equal(fixture.Hash(name), Server.TestBytes.Sha256(destination.ToArray()));
        }
    }
}
