// Peer benchmarks for docs/benchmarks/dhcp-codec.md: the Go DHCPv4 codecs measured on the same input as
// BareMetal.Dhcp, the first DISCOVER (frame 1) of tests/TestData/captures/netboot-bios-ipxe-dhcp.pcap.
//
// Builds offline from Debian's packaged sources (golang-go, golang-github-insomniacslk-dhcp-dev,
// golang-github-google-gopacket-dev); see run.sh.
package dhcpcodec

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
	"github.com/insomniacslk/dhcp/dhcpv4"
	"github.com/insomniacslk/dhcp/iana"
)

var serverIP = net.IPv4(192, 0, 2, 1).To4()

// firstDiscover returns the UDP payload of the first UDP datagram in the capture.
func firstDiscover(tb testing.TB) []byte {
	path := filepath.Join("..", "..", "..", "tests", "TestData", "captures", "netboot-bios-ipxe-dhcp.pcap")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	for {
		data, _, err := r.ReadPacketData()
		if err != nil {
			tb.Fatal(err)
		}
		p := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
		if udp, ok := p.Layer(layers.LayerTypeUDP).(*layers.UDP); ok {
			return append([]byte(nil), udp.Payload...)
		}
	}
}

// pxeInfo is what the C# PxeClassifier returns: kind, architecture, UUID, UNDI version, iPXE features.
type pxeInfo struct {
	boot     bool
	kind     string
	arch     iana.Arch
	uuid     []byte
	undi     []byte
	features uint32
}

// classify reads the same options as BareMetal.Dhcp's PxeClassifier (53, 60, 77, 93, 94, 97, 175) with the
// library's own accessors, as a Tinkerbell-style boot server does.
func classify(m *dhcpv4.DHCPv4) pxeInfo {
	var info pxeInfo
	mt := m.MessageType()
	vc := m.ClassIdentifier()
	uc := m.UserClass()
	archs := m.ClientArch()
	if len(archs) > 0 {
		info.arch = archs[0]
	}
	info.uuid = m.GetOneOption(dhcpv4.OptionClientMachineIdentifier)
	info.undi = m.GetOneOption(dhcpv4.OptionClientNetworkInterfaceIdentifier)
	ipxe := m.GetOneOption(dhcpv4.OptionEtherboot)
	for i := 0; i+1 < len(ipxe); {
		code, n := ipxe[i], int(ipxe[i+1])
		if i+2+n > len(ipxe) {
			break
		}
		if code >= 0x10 && code <= 0x2f && n > 0 && ipxe[i+2] != 0 {
			info.features |= 1 << (code - 0x10)
		}
		i += 2 + n
	}
	isIpxe := ipxe != nil
	for _, c := range uc {
		if c == "iPXE" {
			isIpxe = true
		}
	}
	switch {
	case isIpxe:
		info.kind = "ipxe"
	case strings.HasPrefix(vc, "HTTPClient"):
		info.kind = "uefi-http"
	case strings.HasPrefix(vc, "PXEClient"):
		info.kind = "pxe"
	default:
		info.kind = "not-pxe"
	}
	info.boot = (mt == dhcpv4.MessageTypeDiscover || mt == dhcpv4.MessageTypeRequest) && info.kind != "not-pxe" && len(archs) > 0
	return info
}

// proxyOffer builds the same proxyDHCP OFFER as DhcpProxyOfferBenchmark and serialises it.
func proxyOffer(req *dhcpv4.DHCPv4) []byte {
	reply, err := dhcpv4.NewReplyFromRequest(req,
		dhcpv4.WithMessageType(dhcpv4.MessageTypeOffer),
		dhcpv4.WithServerIP(serverIP),
		dhcpv4.WithOption(dhcpv4.OptServerIdentifier(serverIP)),
		dhcpv4.WithOption(dhcpv4.OptClassIdentifier("PXEClient")),
		dhcpv4.WithGeneric(dhcpv4.OptionVendorSpecificInformation, []byte{6, 1, 8, 255}),
		dhcpv4.WithOptionCopied(req, dhcpv4.OptionClientMachineIdentifier),
		func(d *dhcpv4.DHCPv4) { d.BootFileName = "undionly.kpxe" },
	)
	if err != nil {
		panic(err)
	}
	return reply.ToBytes()
}

func TestPeersAgreeWithTshark(t *testing.T) {
	b := firstDiscover(t)
	m, err := dhcpv4.FromBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	info := classify(m)
	if !info.boot || info.kind != "ipxe" || info.arch != iana.INTEL_X86PC || m.TransactionID != [4]byte{0x7b, 0xde, 0x6a, 0x14} {
		t.Fatalf("unexpected classification %+v xid %v", info, m.TransactionID)
	}
	offer, err := dhcpv4.FromBytes(proxyOffer(m))
	if err != nil || offer.MessageType() != dhcpv4.MessageTypeOffer || offer.BootFileName != "undionly.kpxe" {
		t.Fatalf("bad offer: %v %v", err, offer)
	}
	var d layers.DHCPv4
	if err := d.DecodeFromBytes(b, gopacket.NilDecodeFeedback); err != nil || len(d.Options) != 10 {
		t.Fatalf("gopacket: %v, %d options", err, len(d.Options))
	}
}

var sinkInfo pxeInfo
var sinkInt int

func BenchmarkInsomniacslkParseClassify(b *testing.B) {
	data := firstDiscover(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := dhcpv4.FromBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		sinkInfo = classify(m)
	}
}

func BenchmarkInsomniacslkParseFiveLookups(b *testing.B) {
	data := firstDiscover(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := dhcpv4.FromBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		n := len(m.ClassIdentifier())
		if a := m.ClientArch(); len(a) > 0 {
			n += int(a[0]) + 1
		}
		if s, err := m.MaxMessageSize(); err == nil {
			n += int(s)
		}
		n += len(m.GetOneOption(dhcpv4.OptionClientMachineIdentifier))
		n += len(m.GetOneOption(dhcpv4.OptionClientIdentifier))
		sinkInt = n
	}
}

// BenchmarkInsomniacslkProxyOffer builds the OFFER from an already-parsed request (parse excluded).
func BenchmarkInsomniacslkProxyOffer(b *testing.B) {
	req, err := dhcpv4.FromBytes(firstDiscover(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInt = len(proxyOffer(req))
	}
}

// BenchmarkInsomniacslkParseProxyOffer parses the request then builds the OFFER, like the C# benchmark.
func BenchmarkInsomniacslkParseProxyOffer(b *testing.B) {
	data := firstDiscover(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, err := dhcpv4.FromBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		sinkInt = len(proxyOffer(req))
	}
}

// BenchmarkGopacketDecode decodes into a fresh layer each time, as one packet per decode does.
func BenchmarkGopacketDecode(b *testing.B) {
	data := firstDiscover(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := &layers.DHCPv4{}
		if err := d.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		sinkInt = len(d.Options)
	}
}

func BenchmarkGopacketDecodeFiveLookups(b *testing.B) {
	data := firstDiscover(b)
	want := [5]layers.DHCPOpt{layers.DHCPOptClassID, 93, layers.DHCPOptMaxMessageSize, 97, layers.DHCPOptClientID}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := &layers.DHCPv4{}
		if err := d.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, code := range want {
			for _, o := range d.Options {
				if o.Type == code {
					n += int(o.Length)
					break
				}
			}
		}
		sinkInt = n
	}
}
