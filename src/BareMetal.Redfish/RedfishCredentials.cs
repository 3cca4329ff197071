namespace BareMetal.Redfish;

/// <summary>
/// A BMC account. The password is only ever written into a session request body or a basic-auth header;
/// <see cref="ToString"/> shows the user name alone.
/// </summary>
public sealed class RedfishCredentials
{
    /// <summary>Creates credentials; neither part may be empty.</summary>
    public RedfishCredentials(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        UserName = userName;
        Password = password;
    }

    /// <summary>The account name.</summary>
    public string UserName { get; }

    /// <summary>The password (kept out of every log and message this library writes).</summary>
    internal string Password { get; }

    /// <summary>The user name with the password masked.</summary>
    public override string ToString() => $"{UserName} (password hidden)";
}
