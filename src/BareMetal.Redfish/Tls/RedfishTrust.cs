using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BareMetal.Redfish;

/// <summary>
/// Which TLS certificates the client accepts from a BMC. BMCs mostly ship self-signed certificates, so the
/// usual choices are a pin of the certificate's SHA-256 fingerprint or the CA that signed it; there is
/// deliberately no "accept any certificate" option.
/// </summary>
public abstract class RedfishTrust
{
    private protected RedfishTrust()
    {
    }

    /// <summary>The operating system's trusted roots, with the host-name check (what a browser does).</summary>
    public static RedfishTrust SystemRoots { get; } = new SystemRootsTrust();

    /// <summary>
    /// Accepts exactly the certificates whose SHA-256 fingerprint (of the DER bytes, as <c>openssl x509 -fingerprint
    /// -sha256</c> prints it; colons and case are ignored) is listed, whoever signed them and whatever name they carry.
    /// </summary>
    /// <exception cref="ArgumentException">A fingerprint is not 64 hex digits.</exception>
    public static RedfishTrust PinnedSha256(params string[] fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        if (fingerprints.Length == 0)
        {
            throw new ArgumentException("PinnedSha256 needs at least one fingerprint.", nameof(fingerprints));
        }

        var pins = new List<byte[]>();
        foreach (var fingerprint in fingerprints)
        {
            pins.Add(ParseFingerprint(fingerprint)
                ?? throw new ArgumentException($"'{fingerprint}' is not a SHA-256 fingerprint: expected 64 hex digits, optionally separated by colons.", nameof(fingerprints)));
        }

        return new PinnedTrust(pins);
    }

    /// <summary>
    /// Accepts certificates that chain to a CA certificate in the PEM file at <paramref name="path"/> (and only those:
    /// the system's roots are not consulted), with the host-name check.
    /// </summary>
    /// <exception cref="ArgumentException">The file holds no certificate.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RedfishTrust CertificateAuthorityFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new ArgumentException($"CA file '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", nameof(path));
        }

        return new CertificateAuthorityTrust(roots);
    }

    /// <summary>The SHA-256 fingerprint of a certificate as upper-case hex pairs joined by colons.</summary>
    public static string FingerprintOf(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Decides whether the certificate the BMC presented is acceptable.</summary>
    internal abstract bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors);

    /// <summary>The validation callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    internal RemoteCertificateValidationCallback Callback => (_, certificate, chain, errors) => Accepts(certificate, chain, errors);

    internal static byte[]? ParseFingerprint(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class SystemRootsTrust : RedfishTrust
    {
        internal override bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => errors == SslPolicyErrors.None;
    }

    private sealed class PinnedTrust(List<byte[]> pins) : RedfishTrust
    {
        internal override bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null)
            {
                return false;
            }

            // The pin replaces both the chain and the name check: it names the one certificate to accept.
            var hash = SHA256.HashData(certificate.GetRawCertData());
            return pins.Exists(pin => CryptographicOperations.FixedTimeEquals(pin, hash));
        }
    }

    private sealed class CertificateAuthorityTrust(X509Certificate2Collection roots) : RedfishTrust
    {
        internal override bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            // BMC certificates rarely carry CRL or OCSP addresses reachable from a provisioning network.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            using var leaf = new X509Certificate2(certificate);
            return custom.Build(leaf);
        }
    }
}
