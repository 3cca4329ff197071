using System.Text;
using BareMetal.Redfish.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Redfish.Tests;

/// <summary>The readers take untrusted bodies: any bytes, any JSON, any mutation of a real shape gives a value or a typed error.</summary>
public sealed class JsonReaderProperties
{
    private static readonly string[] Templates = [VendorShapes.DellSystem, VendorShapes.HpeSystem, VendorShapes.LenovoSystem, VendorShapes.DellRoot, VendorShapes.LenovoVirtualMediaExt1, VendorShapes.LenovoResetActionInfo];

    private static readonly Gen<string> JsonValue = Gen.Elements(
        "null", "true", "0", "-1.5e300", "\"\"", "\"On\"", "[]", "[null]", "[1,\"x\",{}]", "{}", "{\"@odata.id\":5}", "{\"@odata.id\":null}",
        "\"\\u0000\"", "\"\\ud800\"", "{\"a\":{\"b\":{\"c\":[[[]]]}}}", "123456789012345678901234567890");

    [Property(MaxTest = 1000)]
    public bool AnyBytes_NeverThrow(byte[] bytes) => ReadAll(bytes);

    [Property(MaxTest = 500)]
    public bool AnyText_NeverThrows(NonNull<string> text) => ReadAll(Encoding.UTF8.GetBytes(text.Get));

    /// <summary>A real shape with one property's value replaced by a value of any JSON type.</summary>
    [Property(MaxTest = 1000)]
    public Property MutatedVendorShape_NeverThrows() => Prop.ForAll(
        Gen.Elements(Templates).SelectMany(t => Gen.Choose(0, t.Length - 1).SelectMany(at => JsonValue.Select(v => (t, at, v)))).ToArbitrary(),
        input =>
        {
            var (template, at, value) = input;
            // Replace whatever follows the first ':' after a random position with the generated value.
            var colon = template.IndexOf(':', at);
            if (colon < 0)
            {
                return ReadAll(Encoding.UTF8.GetBytes(template[..at]));
            }

            var end = template.IndexOfAny([',', '}'], colon + 1);
            var mutated = template[..(colon + 1)] + value + (end < 0 ? string.Empty : template[end..]);
            return ReadAll(Encoding.UTF8.GetBytes(mutated));
        });

    /// <summary>A truncated real shape is MalformedJson, never an exception.</summary>
    [Property(MaxTest = 300)]
    public Property TruncatedVendorShape_IsMalformed() => Prop.ForAll(
        Gen.Elements(Templates).SelectMany(t => Gen.Choose(1, t.Trim().Length - 1).Select(n => t.Trim()[..n])).ToArbitrary(),
        truncated =>
        {
            var ok = RedfishJsonReader.TryReadComputerSystem(Encoding.UTF8.GetBytes(truncated), "/x", null, out _, out var error);
            return !ok && error!.Kind == RedfishErrorKind.MalformedJson;
        });

    /// <summary>A fingerprint from a configuration file: 64 hex digits with or without colons parse, nothing else does, nothing throws.</summary>
    [Property(MaxTest = 500)]
    public bool Fingerprint_ParsesOnlyHexSha256(NonNull<string> text)
    {
        var parsed = RedfishTrust.ParseFingerprint(text.Get);
        var hex = text.Get.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        var valid = hex.Length == 64 && hex.All(Uri.IsHexDigit);
        return valid ? parsed is { Length: 32 } : parsed is null;
    }

    [Property(MaxTest = 200)]
    public bool Fingerprint_FormattedOrNot_RoundTrips(byte[] bytes)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(bytes);
        var colons = string.Join(':', digest.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        return RedfishTrust.ParseFingerprint(colons)!.SequenceEqual(digest)
            && RedfishTrust.ParseFingerprint(Convert.ToHexStringLower(digest))!.SequenceEqual(digest);
    }

    [Fact]
    public void DeepNesting_IsMalformedNotAStackOverflow()
    {
        var deep = Encoding.UTF8.GetBytes("{\"Boot\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        Assert.False(RedfishJsonReader.TryReadComputerSystem(deep, "/x", null, out _, out var error));
        Assert.Equal(RedfishErrorKind.MalformedJson, error!.Kind);
    }

    [Fact]
    public void ErrorMessages_ExtendedInfoThenMessageThenNothing()
    {
        Assert.Equal("Base.1.8.X", RedfishJsonReader.ErrorMessages(Encoding.UTF8.GetBytes(VendorShapes.Error("Base.1.8.X", "m")))[0].MessageId);
        Assert.Equal("plain", RedfishJsonReader.ErrorMessages("""{"error":{"code":"c","message":"plain"}}"""u8)[0].Message);
        Assert.Empty(RedfishJsonReader.ErrorMessages("<html/>"u8));
        Assert.Empty(RedfishJsonReader.ErrorMessages(""u8));
    }

    private static bool ReadAll(byte[] bytes)
    {
        RedfishJsonReader.TryReadServiceRoot(bytes, "/r", out _, out _);
        RedfishJsonReader.TryReadCollection(bytes, "/c", out _, out _);
        RedfishJsonReader.TryReadComputerSystem(bytes, "/s", "\"e\"", out _, out _);
        RedfishJsonReader.TryReadActionInfoValues(bytes, "/a", "ResetType", out _, out _);
        RedfishJsonReader.TryReadVirtualMedia(bytes, "/v", out _, out _);
        RedfishJsonReader.TryReadTask(bytes, "/t", out _, out _);
        RedfishJsonReader.ErrorMessages(bytes);
        return true;
    }
}
