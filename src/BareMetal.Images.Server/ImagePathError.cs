namespace BareMetal.Images;

/// <summary>Why a request path was refused before any file was opened; each is logged with the path.</summary>
internal enum ImagePathError
{
    /// <summary>The path is acceptable.</summary>
    None = 0,

    /// <summary>Empty path, or a path naming the root itself (answer 404: directories are not listed).</summary>
    Empty,

    /// <summary>The path or one of its segments is longer than the configured limits (answer 414).</summary>
    TooLong,

    /// <summary>A <c>.</c> or <c>..</c> segment, raw or percent-encoded (answer 400).</summary>
    DotSegment,

    /// <summary>A percent-encoded <c>/</c> or <c>\</c> (<c>%2F</c>, <c>%5C</c>), or a raw backslash (answer 400).</summary>
    EncodedSeparator,

    /// <summary>A NUL or other control character, raw or encoded (answer 400).</summary>
    ControlCharacter,

    /// <summary>An empty segment (<c>a//b</c>) (answer 400).</summary>
    EmptySegment,

    /// <summary>A segment starting with a dot: hidden files are never served (answer 404).</summary>
    Dotfile,

    /// <summary>The file is not there, or is not a regular file (answer 404).</summary>
    NotFound,

    /// <summary>The opened file resolves, through a symbolic link, to a place outside the root or to a dotfile (answer 404).</summary>
    OutsideRoot,
}
