namespace BareMetal.Images;

/// <summary>What a <c>Range</c> header field asks for (RFC 9110 §14.2), and every way it can be wrong.</summary>
internal enum RangeParseResult
{
    /// <summary>At least one satisfiable range was found: answer 206.</summary>
    Satisfiable = 0,

    /// <summary>The range unit is not <c>bytes</c>: RFC 9110 §14.2 says the field MUST be ignored (answer 200).</summary>
    UnknownUnit,

    /// <summary>The field does not follow the <c>ranges-specifier</c> grammar of RFC 9110 §14.1.1: answer 416.</summary>
    Malformed,

    /// <summary>A number is too large to be a byte position: answer 416.</summary>
    NumberOverflow,

    /// <summary>An <c>int-range</c> has <c>last-pos</c> before <c>first-pos</c> (invalid per RFC 9110 §14.1.1): answer 416.</summary>
    LastBeforeFirst,

    /// <summary>More ranges than the server accepts (RFC 9110 §15.5.17 "excessive number of ranges"): answer 416.</summary>
    TooManyRanges,

    /// <summary>The ranges overlap so much that they add up to more than twice the representation (RFC 9110 §14.3): answer 416.</summary>
    ExcessiveOverlap,

    /// <summary>No range starts inside the representation (RFC 9110 §15.5.17): answer 416.</summary>
    Unsatisfiable,
}
