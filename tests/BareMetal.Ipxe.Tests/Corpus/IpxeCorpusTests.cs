namespace BareMetal.Ipxe.Tests.Corpus;

/// <summary>
/// Real-world-style scripts (menus, chain loops, Debian/Ubuntu/Fedora netboot, sanboot of ISOs,
/// Tinkerbell-style auto scripts, gPXE-era scripts, common mistakes) with their expected models
/// (<c>*.model</c>) and lint findings (<c>*.lint</c>), written for these tests.
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
        Assert.True(Scripts().Count >= 8);
    }
}
