// Peer benchmark for docs/dhcp6.md: insomniacslk/dhcp's dhcpv6 package measured on the same input as
// BareMetal.Dhcp6's Dhcp6ParseClassifyBenchmark: frame 1 of tests/TestData/captures/dhcp6-uefi-edk2-pxe.pcap
// (OVMF's PXE Solicit) and frame 3 of dhcp6-perfdhcp-relay-kea.pcap (a Relay-Forw wrapping a Request).
//
// Builds offline from Debian's packaged sources (golang-go, golang-github-insomniacslk-dhcp-dev,
// golang-github-google-gopacket-dev); see run.sh.
package dhcp6codec

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
	"github.com/insomniacslk/dhcp/dhcpv6"
	"github.com/insomniacslk/dhcp/iana"
)

// udpPayload returns the UDP payload of frame n (1-based) of a capture.
func udpPayload(tb testing.TB, name string, n int) []byte {
	path := filepath.Join("..", "..", "..", "tests", "TestData", "captures", name)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 1; ; i++ {
		data, _, err := r.ReadPacketData()
		if err != nil {
			tb.Fatal(err)
		}
		if i != n {
			continue
		}
		p := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
		udp, ok := p.Layer(layers.LayerTypeUDP).(*layers.UDP)
		if !ok {
			tb.Fatalf("%s frame %d: no UDP", name, n)
		}
		return append([]byte(nil), udp.Payload...)
	}
}

// bootInfo is what the C# Dhcp6BootClassifier returns: kind, architecture, MAC, UNDI, whether 59 is requested.
type bootInfo struct {
	boot      bool
	kind      string
	arch      iana.Arch
	mac       []byte
	undiMajor uint8
	undiMinor uint8
	wantsURL  bool
	relays    int
}

// classify reads the same options as Dhcp6BootClassifier (relays' 79, 1, 15, 16, 61, 62, 6) with the library's own
// accessors, as a Go boot server would.
func classify(d dhcpv6.DHCPv6) bootInfo {
	var info bootInfo
	for d.IsRelay() {
		relay := d.(*dhcpv6.RelayMessage)
		if _, mac := relay.Options.ClientLinkLayerAddress(); mac != nil {
			info.mac = mac
		}
		inner := relay.Options.RelayMessage()
		if inner == nil {
			return info
		}
		d = inner
		info.relays++
	}
	m := d.(*dhcpv6.Message)
	if id := m.Options.ClientID(); id != nil && info.mac == nil {
		info.mac = id.LinkLayerAddr
	}
	pxe, http := false, false
	if vc, ok := m.GetOneOption(dhcpv6.OptionVendorClass).(*dhcpv6.OptVendorClass); ok && vc.EnterpriseNumber == 343 {
		for _, item := range vc.Data {
			pxe = pxe || bytes.HasPrefix(item, []byte("PXEClient"))
			http = http || bytes.HasPrefix(item, []byte("HTTPClient"))
		}
	}
	ipxe := false
	for _, uc := range m.Options.UserClasses() {
		ipxe = ipxe || string(uc) == "iPXE"
	}
	archs := m.Options.ArchTypes()
	if len(archs) > 0 {
		info.arch = archs[0]
	}
	if nii, ok := m.GetOneOption(dhcpv6.OptionNII).(*dhcpv6.OptNetworkInterfaceID); ok {
		info.undiMajor, info.undiMinor = nii.Major, nii.Minor
	}
	info.wantsURL = m.IsOptionRequested(dhcpv6.OptionBootfileURL)
	switch {
	case ipxe:
		info.kind = "iPXE"
	case http:
		info.kind = "UefiHttp"
	case pxe:
		info.kind = "UefiPxe"
	default:
		info.kind = "NotPxe"
	}
	t := m.Type()
	info.boot = info.kind != "NotPxe" && len(archs) > 0 && (t == dhcpv6.MessageTypeSolicit || t == dhcpv6.MessageTypeRequest ||
		t == dhcpv6.MessageTypeRenew || t == dhcpv6.MessageTypeRebind || t == dhcpv6.MessageTypeInformationRequest)
	return info
}

// TestPeerAgreesWithCapture checks the peer reads the captured Solicit as the C# golden tests do.
func TestPeerAgreesWithCapture(t *testing.T) {
	d, err := dhcpv6.FromBytes(udpPayload(t, "dhcp6-uefi-edk2-pxe.pcap", 1))
	if err != nil {
		t.Fatal(err)
	}
	info := classify(d)
	if !info.boot || info.kind != "UefiPxe" || info.arch != iana.EFI_X86_64 || info.undiMajor != 3 || !info.wantsURL ||
		!bytes.Equal(info.mac, []byte{0x52, 0x54, 0, 0x24, 0, 7}) {
		t.Fatalf("unexpected classification %+v", info)
	}
	r, err := dhcpv6.FromBytes(udpPayload(t, "dhcp6-perfdhcp-relay-kea.pcap", 3))
	if err != nil {
		t.Fatal(err)
	}
	if classify(r).relays != 1 {
		t.Fatal("relay not unwrapped")
	}
}

func BenchmarkParse(b *testing.B) {
	payload := udpPayload(b, "dhcp6-uefi-edk2-pxe.pcap", 1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := dhcpv6.FromBytes(payload); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAndClassify(b *testing.B) {
	payload := udpPayload(b, "dhcp6-uefi-edk2-pxe.pcap", 1)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d, err := dhcpv6.FromBytes(payload)
		if err != nil {
			b.Fatal(err)
		}
		if !classify(d).boot {
			b.Fatal("not a boot request")
		}
	}
}

func BenchmarkParseAndClassifyRelayed(b *testing.B) {
	payload := udpPayload(b, "dhcp6-perfdhcp-relay-kea.pcap", 3)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d, err := dhcpv6.FromBytes(payload)
		if err != nil {
			b.Fatal(err)
		}
		if classify(d).relays != 1 {
			b.Fatal("relay not unwrapped")
		}
	}
}
