using L = BareMetal.Dhcp.DhcpMessageLayout;

namespace BareMetal.Dhcp;

/// <summary>
/// Walks the options of a validated message: the <c>options</c> field, then <c>file</c> and <c>sname</c> when
/// option 52 overloads them (RFC 3396 §6 order). Pad and End are skipped. Allocation-free; use with <c>foreach</c>.
/// </summary>
public ref struct DhcpOptionEnumerator
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _optionsEnd;
    private readonly byte _overload;
    private int _region;
    private int _position;
    private int _end;
    private DhcpOption _current;

    internal DhcpOptionEnumerator(ReadOnlySpan<byte> packet, int optionsEnd, byte overload)
    {
        _packet = packet;
        _optionsEnd = optionsEnd;
        _overload = overload;
        _region = 0;
        _position = L.Options;
        _end = optionsEnd;
        _current = default;
    }

    /// <summary>The option at the current position.</summary>
    public readonly DhcpOption Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly DhcpOptionEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next option.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        while (true)
        {
            while (_position < _end)
            {
                var code = _packet[_position];
                if (code == (byte)DhcpOptionCode.Pad)
                {
                    _position++;
                    continue;
                }

                if (code == (byte)DhcpOptionCode.End || _position + 1 >= _end || _position + 2 + _packet[_position + 1] > _end)
                {
                    // End, or (never after validation) a length past the region: the region is over.
                    _position = _end;
                    break;
                }

                int length = _packet[_position + 1];
                _current = new DhcpOption((DhcpOptionCode)code, _packet.Slice(_position + 2, length));
                _position += 2 + length;
                return true;
            }

            if (!NextRegion())
            {
                return false;
            }
        }
    }

    private bool NextRegion()
    {
        // RFC 3396 §6: options field, then 'file' (overload bit 1), then 'sname' (overload bit 2).
        if (_region == 0 && (_overload & L.OverloadFile) != 0)
        {
            _region = 1;
            _position = L.File;
            _end = L.File + L.FileLength;
            return true;
        }

        if (_region <= 1 && (_overload & L.OverloadServerName) != 0)
        {
            _region = 2;
            _position = L.ServerName;
            _end = L.ServerName + L.ServerNameLength;
            return true;
        }

        _region = 3;
        _end = _optionsEnd;
        _position = _end;
        return false;
    }
}
