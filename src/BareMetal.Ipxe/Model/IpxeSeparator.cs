namespace BareMetal.Ipxe;

/// <summary>What follows a command on its line (<c>command_terminator()</c> in <c>src/core/exec.c</c>).</summary>
public enum IpxeSeparator
{
    /// <summary>End of the line (or a comment): nothing follows.</summary>
    None = 0,

    /// <summary><c>||</c>: the next command runs only if this one failed.</summary>
    Or,

    /// <summary><c>&amp;&amp;</c>: the next command runs only if this one succeeded.</summary>
    And,

    /// <summary><c>;</c>: the next command runs in any case.</summary>
    Semicolon,
}
