namespace BareMetal.Images;

/// <summary>
/// The <c>Repr-Digest</c> field of RFC 9530 §2, restricted to <c>sha-256</c>: a Dictionary Structured Field
/// (RFC 8941 §3.2) whose values are Byte Sequences, written as <c>sha-256=:BASE64:</c>.
/// </summary>
internal static class ReprDigest
{
    /// <summary>The field name (RFC 9530 §2).</summary>
    public const string HeaderName = "Repr-Digest";

    /// <summary>Formats <c>sha-256=:BASE64:</c> for a 32-byte digest.</summary>
    public static string FormatSha256(ReadOnlySpan<byte> digest) => $"sha-256=:{Convert.ToBase64String(digest)}:";

    /// <summary>Reads the sha-256 member of a Repr-Digest field value, or returns null when there is none or it is malformed.</summary>
    public static byte[]? TryParseSha256(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[48];
        foreach (var range in value.AsSpan().Split(','))
        {
            var member = value.AsSpan(range).Trim();
            const string Prefix = "sha-256=:";
            if (!member.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || member.Length < Prefix.Length + 1 || member[^1] != ':')
            {
                continue;
            }

            // RFC 8941 §3.3.5: the Byte Sequence is base64 between colons; sha-256 is 32 bytes = 44 characters.
            var base64 = member[Prefix.Length..^1];
            if (Convert.TryFromBase64Chars(base64, digest, out var written) && written == 32)
            {
                return digest[..32].ToArray();
            }
        }

        return null;
    }

    /// <summary>Reads the sha-256 Repr-Digest of a response, if it has a well-formed one.</summary>
    public static byte[]? TryReadSha256(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderName, out var values) ? TryParseSha256(string.Join(',', values)) : null;
}
