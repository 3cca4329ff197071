using System.Buffers;
using System.Text;

namespace BareMetal.Ipxe.Tests;

/// <summary>Runs a writer callback into a fresh buffer and returns the UTF-8 text.</summary>
internal static class TestText
{
    public static string Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Build(Func<IpxeScriptBuilder, IpxeScriptBuilder> build) =>
        Write(w => build(new IpxeScriptBuilder(w)).Complete());
}
