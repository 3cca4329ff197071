using System.Buffers;
using BareMetal.Ipxe;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Ipxe;

/// <summary>Building per-machine boot scripts into a reused buffer.</summary>
public class IpxeBuildBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private readonly LinuxBootSpec _spec = new()
    {
        KernelUri = "http://192.0.2.1:8080/images/debian-12/vmlinuz",
        Initrds = [new LinuxInitrd("http://192.0.2.1:8080/images/debian-12/initrd.img")],
        CommandLine = "console=ttyS0,115200n8 ip=dhcp baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:12:34:56 baremetal.token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    };

    /// <summary>Kernel + initrd + boot for EFI (with the initrd= rule), into a reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public int LinuxBootEfi()
    {
        _buffer.ResetWrittenCount();
        IpxeScripts.WriteLinuxBoot(_buffer, _spec, IpxePlatform.Efi);
        return _buffer.WrittenCount;
    }

    /// <summary>The same for BIOS.</summary>
    [Benchmark]
    public int LinuxBootBios()
    {
        _buffer.ResetWrittenCount();
        IpxeScripts.WriteLinuxBoot(_buffer, _spec, IpxePlatform.Bios);
        return _buffer.WrittenCount;
    }

    /// <summary>The local-disk script (BIOS sanboot).</summary>
    [Benchmark]
    public int LocalBootBios()
    {
        _buffer.ResetWrittenCount();
        IpxeScripts.WriteLocalBoot(_buffer, IpxePlatform.Bios);
        return _buffer.WrittenCount;
    }
}
