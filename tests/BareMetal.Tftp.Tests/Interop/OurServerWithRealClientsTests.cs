using BareMetal.Testing;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>Our server, in a namespace, with tftp-hpa's tftp, atftp and curl as clients in the other one.</summary>
public sealed class OurServerWithRealClientsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in ServerFixture.Files)
        {
            data.Add(name);
        }

        return data;
    }

    [InteropTheory]
    [MemberData(nameof(FileNames))]
    public void TftpHpa_Get_IdenticalBytes(string name)
    {
        var output = Path.Combine(fixture.Root, "out-hpa-" + name);
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "tftp", "-m", "binary", NetworkPair.ServerAddress.ToString(), "-c", "get", name, output);

        Assert.True(code == 0, log);
        Assert.Equal(fixture.Hash(name), ServerFixture.FileHash(output));
    }

    [InteropTheory]
    [MemberData(nameof(FileNames))]
    public void Atftp_Get_Blksize1468_Windowsize16_IdenticalBytes(string name)
    {
        var output = Path.Combine(fixture.Root, "out-atftp-" + name);
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "atftp", "-g", "-r", name, "-l", output, "--option", "blksize 1468", "--option", "windowsize 16", NetworkPair.ServerAddress.ToString(), "69");

        Assert.True(code == 0, log);
        Assert.Equal(fixture.Hash(name), ServerFixture.FileHash(output));
    }

    [InteropTheory]
    [MemberData(nameof(FileNames))]
    public void Atftp_Get_Blksize1468_Lockstep_IdenticalBytes(string name)
    {
        var output = Path.Combine(fixture.Root, "out-atftp-ls-" + name);
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "atftp", "-g", "-r", name, "-l", output, "--option", "blksize 1468", "--option", "tsize 0", NetworkPair.ServerAddress.ToString(), "69");

        Assert.True(code == 0, log);
        Assert.Equal(fixture.Hash(name), ServerFixture.FileHash(output));
    }

    [InteropTheory]
    [MemberData(nameof(FileNames))]
    public void Curl_Get_TftpBlksize_IdenticalBytes(string name)
    {
        var output = Path.Combine(fixture.Root, "out-curl-" + name);
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "curl", "-sS", "--max-time", "60", "--tftp-blksize", "1468", "-o", output, $"tftp://{NetworkPair.ServerAddress}/{name}");

        Assert.True(code == 0, log);
        Assert.Equal(fixture.Hash(name), ServerFixture.FileHash(output));
    }

    [InteropFact]
    public void Atftp_Get_Over65535Blocks_RollsOver()
    {
        var output = Path.Combine(fixture.Root, "out-atftp-rollover.bin");
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "atftp", "-g", "-r", ServerFixture.RolloverFile, "-l", output, "--option", "windowsize 16", NetworkPair.ServerAddress.ToString(), "69");

        Assert.True(code == 0, log);
        Assert.Equal(fixture.Hash(ServerFixture.RolloverFile), ServerFixture.FileHash(output));
    }

    [InteropFact]
    public void Curl_Get_PathTraversal_IsRefused()
    {
        var output = Path.Combine(fixture.Root, "out-curl-traversal");
        var (code, log) = NetworkPair.Exec(fixture.Network.ClientNamespace, Limit, "curl", "-sS", "--max-time", "20", "-o", output, $"tftp://{NetworkPair.ServerAddress}/..%2f..%2fetc%2fpasswd");

        // curl exit code 69: "TFTP permission problem", our ERROR 2 (access violation).
        Assert.True(code == 69, log);
        Assert.False(File.Exists(output) && new FileInfo(output).Length > 0);
    }
}
