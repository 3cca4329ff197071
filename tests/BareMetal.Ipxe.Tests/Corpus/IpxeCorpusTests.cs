namespace BareMetal.Ipxe.Tests.Corpus;

/// <summary>
/// Real-world-style scripts (menus, chain loops, Debian/Ubuntu/Fedora netboot, sanboot of ISOs,
/// Tinkerbell-style auto scripts, gPXE-era scripts, common mistakes; x86/arm64 detection, nested menus with
/// stored choices, netboot.xyz-style fallbacks, chained child menus, <c>chain --replace</c>, wimboot and
/// memdisk, CRLF, no final newline, Latin-1 bytes) with their expected models (<c>*.model</c>) and lint
/// findings (<c>*.lint</c>), written for these tests after reading public scripts, and reviewed against
/// iPXE's source (docs/ipxe.md, "How the linter was checked").
/// </summary>
public class IpxeCorpusTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Folder, "*.ipxe").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static IpxeScript Read(string name) => IpxeScriptReader.Read(File.ReadAllBytes(Path.Combine(Folder, name + ".ipxe")));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Read_MatchesExpectedModel(string name)
    {
        var expected = File.ReadAllText(Path.Combine(Folder, name + ".model"));

        Assert.Equal(expected, IpxeModelDump.Dump(Read(name)));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Lint_MatchesExpectedFindings(string name)
    {
        var expected = File.ReadAllText(Path.Combine(Folder, name + ".lint"));

        Assert.Equal(expected, IpxeLinter.Format(IpxeLinter.Lint(Read(name))));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void WriteThenRead_GivesTheSameModel(string name)
    {
        var script = Read(name);

        var again = IpxeScriptReader.Read(IpxeScriptWriter.Write(script));

        Assert.True(script.ContentEquals(again));
        Assert.Equal(IpxeScriptWriter.Write(script), IpxeScriptWriter.Write(again));
    }

    [Fact]
    public void Corpus_IsNotEmpty()
    {
        Assert.True(Scripts().Count >= 19);
    }

    [Fact]
    public void Corpus_KeepsItsRawBytes()
    {
        // Guards against a checkout that normalizes line ends or re-encodes (.gitattributes: *.ipxe -text).
        var crlf = File.ReadAllBytes(Path.Combine(Folder, "crlf-no-final-newline.ipxe"));
        var latin1 = File.ReadAllBytes(Path.Combine(Folder, "latin1-menu.ipxe"));

        Assert.True(crlf.AsSpan().IndexOf("\r\n"u8) >= 0);
        Assert.NotEqual((byte)'\n', crlf[^1]);
        Assert.NotEqual((byte)'\n', latin1[^1]);
        Assert.Throws<System.Text.DecoderFallbackException>(() => new System.Text.UTF8Encoding(false, true).GetString(latin1));
    }

    [Theory]
    [InlineData("crlf-no-final-newline")]
    [InlineData("latin1-menu")]
    public void Read_UnusualBytes_NeverThrowsAndKeepsEveryLine(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name + ".ipxe"));

        var script = Read(name);

        Assert.Equal(bytes.Count(b => b == (byte)'\n') + 1, script.Lines.Count);
        Assert.DoesNotContain(script.Lines, line => line.Commands.Any(c => c.Tokens.Any(t => t.Span.Contains('\r'))));
    }
}
