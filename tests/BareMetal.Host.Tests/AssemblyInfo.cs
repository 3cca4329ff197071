// One test class at a time: the interop classes start hosts in their own namespaces, and one at a time keeps the
// 2-core CI machine responsive and the timings of DHCP/TFTP clients predictable; WebApplicationFactory finds the
// in-process host through a process-wide hook (a DiagnosticListener), which two hosts starting at once would share.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Network namespaces, veth pairs and the peers exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
