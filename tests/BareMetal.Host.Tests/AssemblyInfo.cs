// Each test class starts hosts in its own namespaces; running them one at a time keeps the 2-core CI
// machine responsive and the timings of DHCP/TFTP clients predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Network namespaces, veth pairs and the peers exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
