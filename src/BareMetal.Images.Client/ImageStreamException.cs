using System.Net;

namespace BareMetal.Images;

/// <summary>
/// Thrown by <see cref="ImageStreamClient"/> when an image cannot be streamed and verified. When it is thrown the
/// target is never left looking complete: a file target is not created or replaced, a block device has its first
/// bytes (partition table, boot sector) zeroed.
/// </summary>
public sealed class ImageStreamException : Exception
{
    /// <summary>Creates an exception with a message and no failure kind (prefer the other constructors).</summary>
    public ImageStreamException()
        : this(ImageStreamFailure.TargetFailed, "The image could not be streamed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ImageStreamException(string message)
        : this(ImageStreamFailure.TargetFailed, message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ImageStreamException(string message, Exception innerException)
        : this(ImageStreamFailure.TargetFailed, message, innerException)
    {
    }

    /// <summary>Creates an exception for a failure kind.</summary>
    /// <param name="failure">Why the stream failed.</param>
    /// <param name="message">What went wrong, naming the source, the target and the fix where there is one.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="statusCode">The HTTP status the server answered with, for <see cref="ImageStreamFailure.HttpStatus"/>.</param>
    public ImageStreamException(ImageStreamFailure failure, string message, Exception? innerException = null, HttpStatusCode? statusCode = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>Why the stream failed.</summary>
    public ImageStreamFailure Failure { get; }

    /// <summary>The HTTP status of the failing response, when the failure is <see cref="ImageStreamFailure.HttpStatus"/>.</summary>
    public HttpStatusCode? StatusCode { get; }
}
