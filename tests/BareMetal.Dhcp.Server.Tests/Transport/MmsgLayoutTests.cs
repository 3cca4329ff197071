using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BareMetal.Dhcp.Server.Interop;
using BareMetal.Dhcp.Server.Transport;

namespace BareMetal.Dhcp.Server.Tests.Transport;

/// <summary>The sendmmsg/recvmmsg structures as the running architecture lays them out, and the flags that differ by architecture.</summary>
public class MmsgLayoutTests
{
    [Fact]
    public void Layout_OnLp64Linux_MatchesGlibcMmsghdr()
    {
        // glibc on x86-64 and aarch64 (LP64): msghdr is 56 bytes, msg_namelen at 8, mmsghdr 64 with msg_len at 56.
        Assert.True(Environment.Is64BitProcess, "the host and the lab run 64-bit processes (x64, arm64)");

        Assert.Equal((64, 16, 56, 8), (MmsgLayout.MsgBytes, MmsgLayout.IovBytes, MmsgLayout.MessageLengthOffset, MmsgLayout.NameLengthOffset));
    }

    [Fact]
    public void Layout_IsBlittable_SoTheMarshallerAndTheCompilerAgree()
    {
        Assert.Equal(Marshal.SizeOf<LinuxNative.MultiMessageHeader>(), MmsgLayout.MsgBytes);
        Assert.Equal(Marshal.SizeOf<LinuxNative.IoVector>(), MmsgLayout.IovBytes);
        Assert.Equal(2 * IntPtr.Size, MmsgLayout.IovBytes);
    }

    [Fact]
    public void Describe_WritesEachFieldAtItsDeclaredOffset()
    {
        var message = new byte[MmsgLayout.MsgBytes];
        var vector = new byte[MmsgLayout.IovBytes];
        message.AsSpan().Fill(0xee);

        MmsgLayout.Describe(message, vector, vectorAddress: 0x1000, data: 0x2000, length: 1536, address: 0x3000);

        var header = MemoryMarshal.Read<LinuxNative.MultiMessageHeader>(message);
        var iov = MemoryMarshal.Read<LinuxNative.IoVector>(vector);
        Assert.Equal((0x3000, 16u, 0x1000, 1u), (header.Header.Name, header.Header.NameLength, header.Header.Vectors, (uint)header.Header.VectorCount));
        Assert.Equal((0, 0u, 0, 0u), (header.Header.Control, (uint)header.Header.ControlLength, header.Header.Flags, header.Length));
        Assert.Equal((0x2000, 1536u), (iov.Base, (uint)iov.Length));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(MmsgLayout.NameLengthOffset)));
    }

    [Theory]
    [InlineData(Architecture.X64, 0x10000)]
    [InlineData(Architecture.X86, 0x10000)]
    [InlineData(Architecture.Arm64, 0x4000)]
    [InlineData(Architecture.Arm, 0x4000)]
    public void DirectoryFlag_FollowsTheArchitecturesFcntlH(Architecture architecture, int expected) =>
        Assert.Equal(expected, LinuxNative.DirectoryFlag(architecture));

    [Fact]
    public void Open_TheDirectoryFlagOfThisMachine_OpensADirectoryAndRefusesAFile()
    {
        var directory = Directory.CreateTempSubdirectory("bmds-interop-");
        try
        {
            var file = Path.Combine(directory.FullName, "f");
            File.WriteAllBytes(file, [1]);

            var fd = LinuxNative.Open(System.Text.Encoding.UTF8.GetBytes(directory.FullName + "\0"), LinuxNative.ReadOnly | LinuxNative.Directory);
            Assert.True(fd >= 0, $"open(O_DIRECTORY) failed: errno {Marshal.GetLastPInvokeError()}");
            Assert.Equal(0, LinuxNative.FileSync(fd));
            Assert.Equal(0, LinuxNative.Close(fd));

            // ENOTDIR proves the flag is O_DIRECTORY here (with O_DIRECT instead, a regular file would open).
            Assert.Equal(-1, LinuxNative.Open(System.Text.Encoding.UTF8.GetBytes(file + "\0"), LinuxNative.ReadOnly | LinuxNative.Directory));
            Assert.Equal(20, Marshal.GetLastPInvokeError());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
