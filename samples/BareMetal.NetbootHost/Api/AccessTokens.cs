using System.Security.Cryptography;
using System.Text;

namespace BareMetal.NetbootHost.Api;

/// <summary>
/// The admin bearer token and the per-machine tokens derived from it:
/// lowercase hex of HMAC-SHA256(key = admin token UTF-8, message = lowercase MAC "52:54:00:12:34:56").
/// A machine token lets a booting machine read its own record and post its own events, nothing more.
/// </summary>
internal sealed class AccessTokens
{
    private readonly byte[] _adminToken;

    public AccessTokens(string adminToken)
    {
        AdminToken = adminToken;
        _adminToken = Encoding.UTF8.GetBytes(adminToken);
    }

    public string AdminToken { get; }

    /// <summary>The token the host puts on the kernel command line of <paramref name="mac"/> (canonical form).</summary>
    public string MachineToken(string mac) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_adminToken, Encoding.UTF8.GetBytes(mac)));

    public bool IsAdmin(string? presented) => presented is not null && FixedTimeEquals(presented, AdminToken);

    public bool IsMachine(string? presented, string mac) => presented is not null && FixedTimeEquals(presented, MachineToken(mac));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>
    /// The configured token, else the one generated on an earlier start and kept in DATA/admin-token, else a
    /// new random one written there (mode 0600) so that restarts keep every machine token valid.
    /// </summary>
    public static string Resolve(string? configured, string dataDirectory, out bool generated)
    {
        generated = false;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var path = Path.Combine(dataDirectory, "admin-token");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, Encoding.UTF8, options))
        {
            writer.Write(token);
        }

        generated = true;
        return token;
    }
}
