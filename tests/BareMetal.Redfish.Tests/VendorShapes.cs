namespace BareMetal.Redfish.Tests;

/// <summary>
/// Responses written for these tests in the shapes the DMTF schemas define and vendors' public mock-ups show:
/// Dell-, HPE-, Lenovo- and Supermicro-like services with their OEM noise (extra objects the client must skip),
/// weak ETags in the body, reset types inline or in an ActionInfo, virtual media under the manager. Not copies.
/// </summary>
internal static class VendorShapes
{
    public const string DellRoot = """
        {"@odata.context":"/redfish/v1/$metadata#ServiceRoot.ServiceRoot","@odata.id":"/redfish/v1","@odata.type":"#ServiceRoot.v1_6_0.ServiceRoot",
         "AccountService":{"@odata.id":"/redfish/v1/AccountService"},"Chassis":{"@odata.id":"/redfish/v1/Chassis"},"Description":"Root Service",
         "Id":"RootService","Links":{"Sessions":{"@odata.id":"/redfish/v1/SessionService/Sessions"}},"Managers":{"@odata.id":"/redfish/v1/Managers"},
         "Name":"Root Service","Oem":{"Dell":{"@odata.type":"#DellServiceRoot.v1_0_0.DellServiceRoot","IsBranded":0,"ManagerMACAddress":"4c:d9:8f:00:00:01","ServiceTag":"H18TEST"}},
         "Product":"Integrated Dell Remote Access Controller","ProtocolFeaturesSupported":{"ExpandQuery":{"ExpandAll":true,"Levels":true,"MaxLevels":1},"SelectQuery":true},
         "RedfishVersion":"1.11.0","SessionService":{"@odata.id":"/redfish/v1/SessionService"},"Systems":{"@odata.id":"/redfish/v1/Systems"},
         "UUID":"4c4c4544-0048-3110-8054-b8c04f503432","Vendor":"Dell"}
        """;

    public const string DellSystems = """
        {"@odata.context":"/redfish/v1/$metadata#ComputerSystemCollection.ComputerSystemCollection","@odata.id":"/redfish/v1/Systems",
         "@odata.type":"#ComputerSystemCollection.ComputerSystemCollection","Description":"Collection of Computer Systems",
         "Members":[{"@odata.id":"/redfish/v1/Systems/System.Embedded.1"}],"Members@odata.count":1,"Name":"Computer System Collection"}
        """;

    public const string DellSystem = """
        {"@odata.context":"/redfish/v1/$metadata#ComputerSystem.ComputerSystem","@odata.id":"/redfish/v1/Systems/System.Embedded.1",
         "@odata.type":"#ComputerSystem.v1_12_0.ComputerSystem",
         "Actions":{"#ComputerSystem.Reset":{"target":"/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset",
           "ResetType@Redfish.AllowableValues":["On","ForceOff","ForceRestart","GracefulRestart","GracefulShutdown","PushPowerButton","Nmi","PowerCycle"]}},
         "AssetTag":"","BiosVersion":"2.12.2",
         "Boot":{"BootOptions":{"@odata.id":"/redfish/v1/Systems/System.Embedded.1/BootOptions"},"BootOrder":["Boot0003","Boot0004"],
           "BootSourceOverrideEnabled":"Disabled","BootSourceOverrideMode":"UEFI","BootSourceOverrideTarget":"None",
           "BootSourceOverrideTarget@Redfish.AllowableValues":["None","Pxe","Floppy","Cd","Hdd","BiosSetup","Utilities","UefiTarget","SDCard","UefiHttp"],
           "UefiTargetBootSourceOverride":null},
         "HostName":"node-h18","Id":"System.Embedded.1","Links":{"Chassis":[{"@odata.id":"/redfish/v1/Chassis/System.Embedded.1"}],
           "ManagedBy":[{"@odata.id":"/redfish/v1/Managers/iDRAC.Embedded.1"}],
           "Oem":{"Dell":{"@odata.type":"#DellOem.v1_1_0.DellOemLinks","BootOrder":{"@odata.id":"/redfish/v1/Systems/System.Embedded.1/BootSources"}}}},
         "Manufacturer":"Dell Inc.","MemorySummary":{"Status":{"Health":"OK","HealthRollup":"OK","State":"Enabled"},"TotalSystemMemoryGiB":256},
         "Model":"PowerEdge R650","Name":"System",
         "Oem":{"Dell":{"@odata.type":"#DellOem.v1_1_0.DellOemResources","DellSystem":{"BIOSReleaseDate":"09/01/2023","CPURollupStatus":"OK",
           "ChassisServiceTag":"H18TEST","CurrentRollupStatus":"OK","EstimatedExhaustTemperatureCelsius":41,"EstimatedSystemAirflowCFM":37,
           "FanRollupStatus":"OK","IntrusionRollupStatus":"OK","LicensingRollupStatus":"OK","MaxCPUSockets":2,"MaxDIMMSlots":16,
           "NodeID":"H18TEST","PSRollupStatus":"OK","SystemGeneration":"15G Monolithic","SystemID":2209,"TempRollupStatus":"OK","smbiosGUID":"44454c4c-4800-1031-8054-b8c04f503432"}}},
         "PowerState":"Off","ProcessorSummary":{"Count":2,"LogicalProcessorCount":64,"Model":"Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz","Status":{"Health":"OK","State":"Enabled"}},
         "SKU":"H18TEST","SerialNumber":"CNIVC0012345678","Status":{"Health":"OK","HealthRollup":"OK","State":"StandbyOffline"},
         "SystemType":"Physical","UUID":"4c4c4544-0048-3110-8054-b8c04f503432"}
        """;

    public const string HpeSystem = """
        {"@odata.context":"/redfish/v1/$metadata#ComputerSystem.ComputerSystem","@odata.etag":"W/\"8C3A9B10\"","@odata.id":"/redfish/v1/Systems/1/",
         "@odata.type":"#ComputerSystem.v1_13_0.ComputerSystem","Id":"1",
         "Actions":{"#ComputerSystem.Reset":{"ResetType@Redfish.AllowableValues":["On","ForceOff","GracefulShutdown","ForceRestart","Nmi","PushPowerButton","GracefulRestart"],
           "target":"/redfish/v1/Systems/1/Actions/ComputerSystem.Reset/"}},
         "Boot":{"BootSourceOverrideEnabled":"Disabled","BootSourceOverrideMode":"UEFI","BootSourceOverrideTarget":"None",
           "BootSourceOverrideTarget@Redfish.AllowableValues":["None","Cd","Hdd","Usb","SDCard","Utilities","Diags","BiosSetup","Pxe","UefiShell","UefiHttp","UefiTarget"],
           "UefiTargetBootSourceOverride":"None","UefiTargetBootSourceOverride@Redfish.AllowableValues":["HD(1,GPT,5D4EC2E0,0x800,0x100000)/\\EFI\\debian\\shimx64.efi"]},
         "Manufacturer":"HPE","Model":"ProLiant DL360 Gen10 Plus","Name":"Computer System",
         "Oem":{"Hpe":{"@odata.context":"/redfish/v1/$metadata#HpeComputerSystemExt.HpeComputerSystemExt","@odata.type":"#HpeComputerSystemExt.v2_11_0.HpeComputerSystemExt",
           "Actions":{"#HpeComputerSystemExt.PowerButton":{"PushType@Redfish.AllowableValues":["Press","PressAndHold"],"target":"/redfish/v1/Systems/1/Actions/Oem/Hpe/HpeComputerSystemExt.PowerButton/"}},
           "Bios":{"Backup":{"Date":"10/30/2020","Family":"U46","VersionString":"U46 v1.32 (09/24/2020)"}},"PostState":"InPostDiscoveryComplete","PowerOnMinutes":123456,
           "VirtualProfile":"Inactive"}},
         "PowerState":"On","SerialNumber":"MXQ0H18TST","Status":{"Health":"OK","HealthRollup":"OK","State":"Enabled"},"SystemType":"Physical","UUID":"30313436-3631-584D-5130-303048313854",
         "VirtualMedia":null}
        """;

    public const string LenovoSystem = """
        {"@odata.id":"/redfish/v1/Systems/1","@odata.type":"#ComputerSystem.v1_13_0.ComputerSystem","@odata.etag":"\"1f2e3d\"","Id":"1","Name":"ThinkSystem SR650 V2",
         "Actions":{"#ComputerSystem.Reset":{"@Redfish.ActionInfo":"/redfish/v1/Systems/1/ResetActionInfo","target":"/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"}},
         "Boot":{"BootSourceOverrideEnabled":"Disabled","BootSourceOverrideTarget":"None","BootSourceOverrideMode":"UEFI"},
         "Links":{"ManagedBy":[{"@odata.id":"/redfish/v1/Managers/1"}]},
         "Oem":{"Lenovo":{"@odata.type":"#LenovoComputerSystem.v1_0_0.LenovoComputerSystem","FrontPanelUSB":{"PortSwitchingTo":"BMC"},"NumberOfReboots":17,"TotalPowerOnHours":9001}},
         "PowerState":"On","Status":{"Health":"Warning","State":"Enabled"}}
        """;

    public const string LenovoResetActionInfo = """
        {"@odata.id":"/redfish/v1/Systems/1/ResetActionInfo","@odata.type":"#ActionInfo.v1_1_2.ActionInfo","Id":"ResetActionInfo","Name":"Reset Action Info",
         "Parameters":[{"AllowableValues":["On","Nmi","GracefulShutdown","GracefulRestart","ForceOn","ForceOff","ForceRestart"],"DataType":"String","Name":"ResetType","Required":true}]}
        """;

    public const string LenovoManager = """
        {"@odata.id":"/redfish/v1/Managers/1","@odata.type":"#Manager.v1_10_0.Manager","Id":"1","ManagerType":"BMC","Name":"XClarity Controller",
         "VirtualMedia":{"@odata.id":"/redfish/v1/Managers/1/VirtualMedia"},"Oem":{"Lenovo":{"release_name":"h18"}}}
        """;

    public const string LenovoVirtualMediaCollection = """
        {"@odata.id":"/redfish/v1/Managers/1/VirtualMedia","Members":[{"@odata.id":"/redfish/v1/Managers/1/VirtualMedia/EXT1"},{"@odata.id":"/redfish/v1/Managers/1/VirtualMedia/Remote1"}],"Members@odata.count":2}
        """;

    public const string LenovoVirtualMediaExt1 = """
        {"@odata.id":"/redfish/v1/Managers/1/VirtualMedia/EXT1","@odata.type":"#VirtualMedia.v1_3_0.VirtualMedia","Id":"EXT1","Name":"EXT1",
         "MediaTypes":["CD","DVD"],"Image":null,"Inserted":false,"WriteProtected":true,"ConnectedVia":"NotConnected",
         "Actions":{"#VirtualMedia.InsertMedia":{"target":"/redfish/v1/Managers/1/VirtualMedia/EXT1/Actions/VirtualMedia.InsertMedia"},
                    "#VirtualMedia.EjectMedia":{"target":"/redfish/v1/Managers/1/VirtualMedia/EXT1/Actions/VirtualMedia.EjectMedia"}}}
        """;

    public const string LenovoVirtualMediaRemote1 = """
        {"@odata.id":"/redfish/v1/Managers/1/VirtualMedia/Remote1","@odata.type":"#VirtualMedia.v1_3_0.VirtualMedia","Id":"Remote1","Name":"Remote1",
         "MediaTypes":["DVD"],"Image":null,"Inserted":false,"Oem":{"Lenovo":{"Note":"RDOC, mounted through the web page"}}}
        """;

    /// <summary>An older service: no Links.Sessions, the sessions live under SessionService.</summary>
    public const string SupermicroRoot = """
        {"@odata.type":"#ServiceRoot.v1_5_2.ServiceRoot","@odata.id":"/redfish/v1","Id":"ServiceRoot","Name":"Root Service","RedfishVersion":"1.8.0",
         "UUID":"00000000-0000-0000-0000-AC1F6B000018","Systems":{"@odata.id":"/redfish/v1/Systems"},"SessionService":{"@odata.id":"/redfish/v1/SessionService"},
         "Oem":{"Supermicro":{"DumpService":{"@odata.id":"/redfish/v1/Oem/Supermicro/DumpService"}}}}
        """;

    public static string Systems(params string[] paths) =>
        $$"""{"@odata.id":"/redfish/v1/Systems","Members":[{{string.Join(',', paths.Select(p => $$"""{"@odata.id":"{{p}}"}"""))}}],"Members@odata.count":{{paths.Length}}}""";

    public static string Error(string messageId, string message) =>
        $$$"""{"error":{"code":"Base.1.12.GeneralError","message":"A general error has occurred. See ExtendedInfo for more information.","@Message.ExtendedInfo":[{"@odata.type":"#Message.v1_1_1.Message","MessageId":"{{{messageId}}}","Message":"{{{message}}}","MessageArgs":[],"Severity":"Critical","Resolution":"Retry the operation."}]}}""";
}
