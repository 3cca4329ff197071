namespace BareMetal.Tftp.Tests.Interop;

/// <summary>Finds the peer programs; atftpd conflicts with tftpd-hpa, so it is unpacked from its Debian package.</summary>
internal static class PeerTools
{
    private static readonly Lock Gate = new();

    /// <summary>The atftpd binary: installed, or unpacked once with apt-get download + dpkg-deb -x into a scratch folder.</summary>
    public static string Atftpd()
    {
        if (File.Exists("/usr/sbin/atftpd"))
        {
            return "/usr/sbin/atftpd";
        }

        lock (Gate)
        {
            var scratch = Path.Combine(Path.GetTempPath(), "bmtf-peers");
            var binary = Path.Combine(scratch, "atftpd-root", "usr", "sbin", "atftpd");
            if (File.Exists(binary))
            {
                return binary;
            }

            Directory.CreateDirectory(scratch);
            var (code, output) = NetworkPair.RunCapture(TimeSpan.FromMinutes(2), "sh", "-c", $"cd '{scratch}' && apt-get download atftpd && dpkg-deb -x atftpd_*.deb atftpd-root");
            if (code != 0 || !File.Exists(binary))
            {
                throw new InvalidOperationException("Could not unpack atftpd (apt-get download atftpd): " + output);
            }

            return binary;
        }
    }

    /// <summary>A fresh scratch directory for one test's files.</summary>
    public static string ScratchDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "bmtf-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
