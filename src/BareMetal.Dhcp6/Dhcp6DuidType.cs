namespace BareMetal.Dhcp6;

/// <summary>The DUID types (RFC 8415 §11.1, RFC 6355 §4).</summary>
public enum Dhcp6DuidType : ushort
{
    /// <summary>1: link-layer address plus time (RFC 8415 §11.2).</summary>
    LinkLayerPlusTime = 1,

    /// <summary>2: assigned by vendor based on enterprise number (RFC 8415 §11.3).</summary>
    EnterpriseNumber = 2,

    /// <summary>3: link-layer address (RFC 8415 §11.4).</summary>
    LinkLayer = 3,

    /// <summary>4: a 16-byte UUID (RFC 6355 §4), what UEFI firmware sends.</summary>
    Uuid = 4,
}
