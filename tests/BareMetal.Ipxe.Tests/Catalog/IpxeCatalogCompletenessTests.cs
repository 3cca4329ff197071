namespace BareMetal.Ipxe.Tests.Catalog;

/// <summary>
/// The catalog against <c>ipxe-commands.tsv</c>: every command named in iPXE's sources at a pinned revision
/// (master 0ab2277c40f1de56c736b9e7db7ee23d52509ec5), with its defining file, build option and availability.
/// The file lists facts read from iPXE's sources, so this test needs no network.
/// </summary>
public class IpxeCatalogCompletenessTests
{
    private static readonly string[][] Rows = [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Catalog", "ipxe-commands.tsv"))
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split('\t'))];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows)
        {
            data.Add(row[0]);
        }

        return data;
    }

    private static string[] Row(string name) => Rows.Single(row => row[0] == name);

    [Fact]
    public void DataFile_ListsEveryCommandOfThePinnedRevision()
    {
        // 92 COMMAND() lines at the pinned revision; a shorter file would hide missing commands.
        Assert.Equal(92, Rows.Length);
        Assert.All(Rows, row => Assert.Equal(4, row.Length));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Catalog_HasTheCommand(string name)
    {
        var definition = IpxeCommandCatalog.Find(name);

        Assert.NotNull(definition);
        Assert.Equal(name, definition.Name);
        Assert.NotEqual(IpxeCommandKind.Unknown, definition.Kind);
        Assert.Same(definition, IpxeCommandCatalog.Get(definition.Kind));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Catalog_NamesTheSourceBuildOptionAndAvailability(string name)
    {
        var row = Row(name);
        var definition = IpxeCommandCatalog.Find(name)!;

        Assert.Equal(row[1], definition.Source);
        Assert.Equal(row[2] == "-" ? null : row[2], definition.BuildOption);
        Assert.Equal(Enum.Parse<IpxeCommandAvailability>(row[3]), definition.Availability);
    }

    [Fact]
    public void Catalog_HasNoCommandTheSourcesLack()
    {
        var names = Rows.Select(row => row[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(IpxeCommandCatalog.All.Where(d => !names.Contains(d.Name)).Select(d => d.Name));
    }

    public static TheoryData<string, string, string> Options()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Catalog", "ipxe-options.tsv")))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                var fields = line.Split('\t');
                data.Add(fields[0], fields[1], fields[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Catalog_HasEveryOptionTheSourcesDeclare(string source, string longName, string shortName)
    {
        var commands = IpxeCommandCatalog.All.Where(d => d.Source == source).ToArray();

        Assert.NotEmpty(commands);
        Assert.Contains(commands, d => d.FindOption(longName) is { } option && option.ShortName == shortName[0]);
    }

    [Fact]
    public void Kinds_AreOnePerCommand()
    {
        var kinds = Enum.GetValues<IpxeCommandKind>().Where(k => k != IpxeCommandKind.Unknown).ToArray();

        Assert.Equal(IpxeCommandCatalog.All.Count, kinds.Length);
        Assert.All(kinds, kind => Assert.Equal(kind.ToString().ToLowerInvariant(), IpxeCommandCatalog.Get(kind).Name));
    }
}
