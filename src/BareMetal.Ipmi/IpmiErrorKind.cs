namespace BareMetal.Ipmi;

/// <summary>Every way an IPMI operation through ipmitool can fail; the vocabulary of <see cref="IpmiError"/>.</summary>
public enum IpmiErrorKind
{
    /// <summary>The ipmitool program is not installed or cannot be started.</summary>
    ToolMissing = 1,

    /// <summary>The BMC refused the user name or password (RAKP 2 HMAC invalid, unauthorized name).</summary>
    AuthenticationFailed,

    /// <summary>No answer from the BMC at all (wrong address, port, or the BMC is down), or the name did not resolve.</summary>
    Unreachable,

    /// <summary>The BMC does not offer the requested cipher suite's algorithms (RMCP+ Open Session refused them).</summary>
    UnsupportedCipherSuite,

    /// <summary>The session's privilege level does not allow the command.</summary>
    InsufficientPrivilege,

    /// <summary>ipmitool did not finish within the command timeout and was stopped.</summary>
    Timeout,

    /// <summary>The BMC or ipmitool rejected the command for another reason (see the message).</summary>
    CommandFailed,

    /// <summary>ipmitool succeeded but printed something this library cannot read.</summary>
    UnexpectedOutput,
}
