namespace BareMetal.Redfish;

/// <summary>How the client authenticates its requests (DSP0266 §13.3).</summary>
public enum RedfishAuthentication
{
    /// <summary>POST to the session collection once, then send <c>X-Auth-Token</c>; the session is deleted on dispose.</summary>
    Session = 0,

    /// <summary>HTTP basic authentication on every request (no state on the BMC).</summary>
    Basic,
}
