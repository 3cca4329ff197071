namespace BareMetal.Ipxe;

/// <summary>
/// A setting reference <c>${[scope/]name[:type]}</c> inside a token, split as iPXE's
/// <c>parse_setting_name()</c> splits it: the scope ends at the first <c>/</c>, the type starts at the first
/// <c>:</c> after it. Examples: <c>${net0/mac}</c>, <c>${net0.dhcp/ip}</c>, <c>${ip:ipv4}</c>, <c>${buildarch}</c>.
/// </summary>
/// <param name="Scope">The settings block (<c>net0</c>, <c>net0.dhcp</c>, <c>smbios</c>), or null.</param>
/// <param name="Name">The setting name (may be empty, or a tag number such as <c>175.19</c>).</param>
/// <param name="Type">The type name (<c>ipv4</c>, <c>hex</c>, <c>uint8</c>, ...), or null.</param>
/// <param name="IsDynamic">Whether the reference's own name is built from another reference (<c>${${x}}</c>).</param>
/// <param name="Position">Where the <c>${</c> is.</param>
public sealed record IpxeSettingReference(string? Scope, string Name, string? Type, bool IsDynamic, IpxePosition Position)
{
    /// <summary>Finds the references in a token. Nested references are returned innermost first; an outer
    /// reference whose name contains an inner one is returned with <see cref="IsDynamic"/> set.</summary>
    public static IReadOnlyList<IpxeSettingReference> Parse(IpxeToken token)
    {
        var text = token.Span;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return [];
        }

        var found = new List<IpxeSettingReference>();
        var opens = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                opens.Push(i);
                i++;
            }
            else if (text[i] == '}' && opens.Count > 0)
            {
                var start = opens.Pop();
                var inner = text[(start + 2)..i];
                var position = token.Position == default ? default : token.Position with { Column = token.Position.Column + start };
                found.Add(Split(inner, inner.Contains("${", StringComparison.Ordinal), position));
            }
        }

        return found;
    }

    private static IpxeSettingReference Split(ReadOnlySpan<char> inner, bool dynamic, IpxePosition position)
    {
        string? scope = null;
        var slash = inner.IndexOf('/');
        if (slash >= 0)
        {
            scope = inner[..slash].ToString();
            inner = inner[(slash + 1)..];
        }

        string? type = null;
        var colon = inner.IndexOf(':');
        if (colon >= 0)
        {
            type = inner[(colon + 1)..].ToString();
            inner = inner[..colon];
        }

        return new IpxeSettingReference(scope, inner.ToString(), type, dynamic, position);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        "${" + (Scope is null ? string.Empty : Scope + "/") + Name + (Type is null ? string.Empty : ":" + Type) + "}";
}
