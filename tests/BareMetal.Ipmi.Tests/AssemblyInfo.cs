// ipmi_sim, ipmitool and the lab BMC are Linux programs: these tests run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
