// The agent is the in-memory OS's provisioning process: it calls Linux system calls (mount, ioctl, reboot) and runs
// only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
