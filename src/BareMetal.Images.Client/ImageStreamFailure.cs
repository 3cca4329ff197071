namespace BareMetal.Images;

/// <summary>Why an image could not be streamed; carried by <see cref="ImageStreamException.Failure"/>.</summary>
public enum ImageStreamFailure
{
    /// <summary>The server answered with a status other than 200 (or 206 to a resume request).</summary>
    HttpStatus = 1,

    /// <summary>
    /// The SHA-256 of the bytes written differs from <see cref="ImageStreamOptions.ExpectedSha256"/>, or the SHA-256 of the
    /// bytes downloaded differs from <see cref="ImageStreamOptions.ExpectedDownloadSha256"/> (the message then says "download SHA-256").
    /// </summary>
    DigestMismatch = 2,

    /// <summary>The server's <c>Repr-Digest</c> (RFC 9530) differs from the SHA-256 of the bytes received.</summary>
    ServerDigestMismatch = 3,

    /// <summary>The image changed on the server between the first response and a resume (If-Range failed).</summary>
    SourceChanged = 4,

    /// <summary>The connection dropped more often than <see cref="ImageStreamOptions.MaxResumeAttempts"/> allows, or the server could not be reached.</summary>
    ResumeAttemptsExhausted = 5,

    /// <summary>The connection dropped and the server gave no validator (strong ETag or Last-Modified) or no byte ranges to resume safely.</summary>
    ResumeNotPossible = 6,

    /// <summary>The server answered a resume with a range that does not start where the transfer stopped.</summary>
    ResumeRangeMismatch = 7,

    /// <summary>The compressed stream is corrupt or truncated.</summary>
    DecompressionFailed = 8,

    /// <summary>The target could not be opened or written.</summary>
    TargetFailed = 9,

    /// <summary>The options are invalid (the message names the field and the fix).</summary>
    InvalidOptions = 10,
}
