// The agent's actions are Linux-only (mount, ioctl, loop devices), and so are the tests that run them.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
