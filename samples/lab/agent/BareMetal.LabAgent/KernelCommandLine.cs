namespace BareMetal.LabAgent;

/// <summary>Why a kernel command line does not name the agent's host, identity or token.</summary>
public enum KernelCommandLineError
{
    /// <summary>The command line parsed.</summary>
    None,

    /// <summary><c>baremetal.api=</c> is missing.</summary>
    MissingApi,

    /// <summary><c>baremetal.api=</c> is not an absolute http or https URL.</summary>
    InvalidApi,

    /// <summary><c>baremetal.mac=</c> is missing.</summary>
    MissingMac,

    /// <summary><c>baremetal.mac=</c> is not six colon-separated hex octets.</summary>
    InvalidMac,

    /// <summary><c>baremetal.token=</c> is missing or empty.</summary>
    MissingToken,
}

/// <summary>
/// The agent's settings from <c>/proc/cmdline</c>, as the host's iPXE script writes them:
/// <c>baremetal.api=http://ADDRESS:PORT baremetal.mac=MAC baremetal.token=TOKEN</c>.
/// </summary>
/// <param name="Api">Base URL of the host's API.</param>
/// <param name="Mac">This machine's MAC, lowercase, colon-separated.</param>
/// <param name="Token">The machine token sent as the bearer token of event posts.</param>
public sealed record KernelCommandLine(Uri Api, string Mac, string Token)
{
    private const string ApiKey = "baremetal.api=";
    private const string MacKey = "baremetal.mac=";
    private const string TokenKey = "baremetal.token=";

    /// <summary>Reads the three settings; never throws on any input.</summary>
    /// <param name="text">The contents of /proc/cmdline (words separated by spaces, a trailing newline).</param>
    /// <param name="result">The settings when the method returns <see langword="true"/>.</param>
    /// <param name="error">Which setting is missing or wrong when it returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when all three settings are present and well formed.</returns>
    public static bool TryParse(string? text, out KernelCommandLine? result, out KernelCommandLineError error)
    {
        result = null;
        string? api = null, mac = null, token = null;
        foreach (var word in (text ?? string.Empty).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            // The kernel hands every word through; the last occurrence wins, as for kernel parameters.
            if (word.StartsWith(ApiKey, StringComparison.Ordinal))
            {
                api = word[ApiKey.Length..];
            }
            else if (word.StartsWith(MacKey, StringComparison.Ordinal))
            {
                mac = word[MacKey.Length..];
            }
            else if (word.StartsWith(TokenKey, StringComparison.Ordinal))
            {
                token = word[TokenKey.Length..];
            }
        }

        if (string.IsNullOrEmpty(api))
        {
            error = KernelCommandLineError.MissingApi;
            return false;
        }

        if (!Uri.TryCreate(api, UriKind.Absolute, out var apiUri) || (apiUri.Scheme != Uri.UriSchemeHttp && apiUri.Scheme != Uri.UriSchemeHttps))
        {
            error = KernelCommandLineError.InvalidApi;
            return false;
        }

        if (string.IsNullOrEmpty(mac))
        {
            error = KernelCommandLineError.MissingMac;
            return false;
        }

        if (!IsMac(mac))
        {
            error = KernelCommandLineError.InvalidMac;
            return false;
        }

        if (string.IsNullOrEmpty(token))
        {
            error = KernelCommandLineError.MissingToken;
            return false;
        }

        error = KernelCommandLineError.None;
        result = new KernelCommandLine(apiUri, mac.ToLowerInvariant(), token);
        return true;
    }

    /// <summary>A fix for each error, for the console of a machine that cannot start its agent.</summary>
    /// <param name="error">The error to explain.</param>
    /// <returns>One sentence naming the kernel parameter and what it must look like.</returns>
    public static string Describe(KernelCommandLineError error) => error switch
    {
        KernelCommandLineError.None => "the kernel command line is complete",
        KernelCommandLineError.MissingApi => "baremetal.api= is missing from /proc/cmdline: the iPXE script must pass baremetal.api=http://ADDRESS:PORT",
        KernelCommandLineError.InvalidApi => "baremetal.api= is not an absolute http(s) URL: pass e.g. baremetal.api=http://192.0.2.1:8080",
        KernelCommandLineError.MissingMac => "baremetal.mac= is missing from /proc/cmdline: the iPXE script must pass baremetal.mac=${mac}",
        KernelCommandLineError.InvalidMac => "baremetal.mac= is not a MAC address: pass six colon-separated hex octets such as 52:54:00:12:34:56",
        KernelCommandLineError.MissingToken => "baremetal.token= is missing from /proc/cmdline: the host adds the machine token to the script it renders",
        _ => "unknown kernel command line error " + (int)error,
    };

    private static bool IsMac(string s)
    {
        if (s.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var ok = i % 3 == 2 ? s[i] == ':' : char.IsAsciiHexDigit(s[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
