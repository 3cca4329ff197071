using System.Security.Cryptography;
using System.Text;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>A scratch folder with what the host is started with: images, TFTP root, inventory and data.</summary>
internal sealed class HostLayout : IDisposable
{
    public const string AdminToken = "test-admin-token-5f1c";

    public HostLayout()
    {
        Root = Directory.CreateTempSubdirectory("bmho-").FullName;
        Directory.CreateDirectory(Images);
        Directory.CreateDirectory(TftpRoot);
        Directory.CreateDirectory(Data);
    }

    public string Root { get; }

    public string Images => Path.Combine(Root, "images");

    public string TftpRoot => Path.Combine(Root, "tftp");

    public string Data => Path.Combine(Root, "data");

    public string InventoryPath => Path.Combine(Root, "inventory.yaml");

    /// <summary>Writes a file of deterministic pseudo-random bytes and returns them.</summary>
    public static byte[] WriteFile(string path, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    /// <summary>Replaces the inventory the way an editor does (write a temporary file, then rename it).</summary>
    public void WriteInventory(string yaml)
    {
        var temporary = InventoryPath + ".tmp";
        File.WriteAllText(temporary, yaml, new UTF8Encoding(false));
        File.Move(temporary, InventoryPath, overwrite: true);
    }

    /// <summary>The machine token the contract defines: hex HMAC-SHA256(admin token, lowercase MAC).</summary>
    public static string MachineToken(string mac) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AdminToken), Encoding.UTF8.GetBytes(mac)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting process; the folder is under /tmp.
        }
    }
}
