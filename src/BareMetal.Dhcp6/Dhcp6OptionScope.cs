namespace BareMetal.Dhcp6;

/// <summary>
/// An option opened with <see cref="Dhcp6MessageWriter.TryBeginOption(Dhcp6OptionCode, out Dhcp6OptionScope)"/>
/// whose length is written when it is closed: IAs, IA Addresses and Relay Message options hold other options.
/// </summary>
public readonly struct Dhcp6OptionScope
{
    internal Dhcp6OptionScope(int start) => Start = start;

    /// <summary>The offset of the option's code in the writer's buffer.</summary>
    internal int Start { get; }
}
