// A read-only TFTP server over pin/tftp (the library inside Tinkerbell), for the peer benchmark.
// Build offline from Debian's golang-github-pin-tftp-dev:
//   GOPATH=/usr/share/gocode GO111MODULE=off go build -o /tmp/pin-tftp-server .
package main

import (
	"flag"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/pin/tftp"
)

func main() {
	addr := flag.String("addr", ":69", "listen address")
	root := flag.String("root", ".", "directory served")
	flag.Parse()
	read := func(name string, rf io.ReaderFrom) error {
		file, err := os.Open(filepath.Join(*root, filepath.Clean("/"+name)))
		if err != nil {
			return err
		}
		defer file.Close()
		if info, err := file.Stat(); err == nil {
			rf.(tftp.OutgoingTransfer).SetSize(info.Size())
		}
		_, err = rf.ReadFrom(file)
		return err
	}
	server := tftp.NewServer(read, nil)
	log.Fatal(server.ListenAndServe(*addr))
}
