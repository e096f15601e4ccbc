// Command gonode is ts-doudou's Go peer for the interop specs: one hashicorp/memberlist node whose
// membership events are printed on stdout as JSON lines, so a spec can start it, wait for what it saw,
// signal it and read how it ended. It is built in GOPATH mode against Debian's memberlist 0.2.2
// (golang-go + golang-github-hashicorp-memberlist-dev, see .ci/install-system.sh) by spec/support/go-peer.ts.
//
// Flags: -name -bind -port -advertise -join h:p,h:p -profile local|lan|wan -key BASE64 -proto N
// -delegate-vsn min:max:cur -compress=false -meta-file F -members-every 1s -quiet. The meta is the file's
// content, else $GONODE_META, else empty.
//
// Lines: start, joined (error set when the join failed), join / leave / update (name, addr, port, meta or
// meta_hex, vsn), user-msg (len), members, self-update (after SIGUSR1 re-read the meta file and gossiped
// it), self-leave (after SIGTERM or SIGINT: Leave, Shutdown, exit 0). Every line has ts (RFC 3339, UTC).
// memberlist reports a dead node and a node that left alike (NotifyLeave): both print "leave".
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/memberlist"
)

// lines writes one JSON object per line; memberlist calls the delegates from several goroutines.
type lines struct {
	mu  sync.Mutex
	out io.Writer
}

func (l *lines) print(event string, fields map[string]interface{}) {
	if fields == nil {
		fields = map[string]interface{}{}
	}
	fields["event"] = event
	fields["ts"] = time.Now().UTC().Format(time.RFC3339Nano)
	b, err := json.Marshal(fields)
	if err != nil {
		b = []byte(fmt.Sprintf(`{"event":"print-error","error":%q}`, err.Error()))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.out.Write(append(b, '\n'))
}

// metaFields shows meta that is JSON as the JSON value itself, anything else as hex.
func metaFields(meta []byte, into map[string]interface{}) {
	switch {
	case len(meta) == 0:
		into["meta"] = nil
	case json.Valid(meta):
		into["meta"] = json.RawMessage(meta)
	default:
		into["meta"] = nil
		into["meta_hex"] = fmt.Sprintf("%x", meta)
	}
}

// versions is the node's Vsn as numbers (a []uint8 would be marshalled as base64).
func versions(n *memberlist.Node) []int {
	return []int{int(n.PMin), int(n.PMax), int(n.PCur), int(n.DMin), int(n.DMax), int(n.DCur)}
}

func nodeFields(n *memberlist.Node) map[string]interface{} {
	f := map[string]interface{}{
		"name": n.Name,
		"addr": n.Addr.String(),
		"port": n.Port,
		"vsn":  versions(n),
	}
	metaFields(n.Meta, f)
	return f
}

// currentMeta is this node's meta; SIGUSR1 replaces it from the meta file.
type currentMeta struct {
	mu    sync.Mutex
	bytes []byte
}

func (c *currentMeta) get() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

func (c *currentMeta) set(b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bytes = b
}

// delegate hands memberlist our meta and prints the user messages it receives. No broadcasts, no state.
type delegate struct {
	meta *currentMeta
	out  *lines
}

func (d *delegate) NodeMeta(limit int) []byte { return d.meta.get() }
func (d *delegate) NotifyMsg(b []byte) {
	d.out.print("user-msg", map[string]interface{}{"len": len(b)})
}
func (d *delegate) GetBroadcasts(overhead, limit int) [][]byte { return nil }
func (d *delegate) LocalState(join bool) []byte                { return nil }
func (d *delegate) MergeRemoteState(buf []byte, join bool)     {}

// membership prints memberlist's join, leave and update notifications.
type membership struct{ out *lines }

func (m *membership) NotifyJoin(n *memberlist.Node)   { m.out.print("join", nodeFields(n)) }
func (m *membership) NotifyLeave(n *memberlist.Node)  { m.out.print("leave", nodeFields(n)) }
func (m *membership) NotifyUpdate(n *memberlist.Node) { m.out.print("update", nodeFields(n)) }

func baseConfig(profile string) (*memberlist.Config, error) {
	switch profile {
	case "local":
		return memberlist.DefaultLocalConfig(), nil
	case "lan":
		return memberlist.DefaultLANConfig(), nil
	case "wan":
		return memberlist.DefaultWANConfig(), nil
	}
	return nil, fmt.Errorf("-profile must be local, lan or wan, not %q", profile)
}

func parseDelegateVersions(text string, c *memberlist.Config) error {
	var min, max, cur uint8
	if _, err := fmt.Sscanf(text, "%d:%d:%d", &min, &max, &cur); err != nil {
		return fmt.Errorf("-delegate-vsn wants min:max:cur, got %q", text)
	}
	c.DelegateProtocolMin, c.DelegateProtocolMax, c.DelegateProtocolVersion = min, max, cur
	return nil
}

func fail(out *lines, err error) {
	out.print("fatal", map[string]interface{}{"error": err.Error()})
	os.Exit(1)
}

func main() {
	name := flag.String("name", "", "node name (required)")
	bind := flag.String("bind", "127.0.0.1", "address to bind UDP and TCP to")
	port := flag.Int("port", 7946, "gossip port, UDP and TCP")
	advertise := flag.String("advertise", "", "address other nodes reach us at (default: memberlist picks)")
	join := flag.String("join", "", "comma-separated host:port seeds to join")
	profile := flag.String("profile", "local", "memberlist base configuration: local, lan or wan")
	key := flag.String("key", "", "base64 AES key (16, 24 or 32 bytes)")
	proto := flag.Int("proto", -1, "protocol version to speak (default: memberlist's)")
	delegateVsn := flag.String("delegate-vsn", "", "delegate protocol versions min:max:cur")
	compress := flag.Bool("compress", true, "LZW-compress outgoing messages")
	metaFile := flag.String("meta-file", "", "file holding the node meta; SIGUSR1 re-reads it")
	membersEvery := flag.Duration("members-every", 0, "print the member list this often (0 = never)")
	quiet := flag.Bool("quiet", false, "discard memberlist's own log lines (default: stderr)")
	flag.Parse()

	out := &lines{out: os.Stdout}
	if *name == "" {
		fail(out, fmt.Errorf("-name is required"))
	}
	conf, err := baseConfig(*profile)
	if err != nil {
		fail(out, err)
	}
	conf.Name = *name
	conf.BindAddr = *bind
	conf.BindPort = *port
	conf.AdvertisePort = *port
	if *advertise != "" {
		conf.AdvertiseAddr = *advertise
	}
	conf.EnableCompression = *compress
	if *proto >= 0 {
		conf.ProtocolVersion = uint8(*proto)
	}
	if *delegateVsn != "" {
		if err := parseDelegateVersions(*delegateVsn, conf); err != nil {
			fail(out, err)
		}
	}
	if *key != "" {
		secret, err := base64.StdEncoding.DecodeString(*key)
		if err != nil {
			fail(out, fmt.Errorf("-key is not base64: %v", err))
		}
		conf.SecretKey = secret
	}
	if *quiet {
		conf.LogOutput = ioutil.Discard
	} else {
		conf.LogOutput = os.Stderr
	}

	meta := &currentMeta{bytes: []byte(os.Getenv("GONODE_META"))}
	if *metaFile != "" {
		b, err := ioutil.ReadFile(*metaFile)
		if err != nil {
			fail(out, err)
		}
		meta.set(b)
	}
	conf.Delegate = &delegate{meta: meta, out: out}
	conf.Events = &membership{out: out}

	list, err := memberlist.Create(conf)
	if err != nil {
		fail(out, err)
	}
	self := list.LocalNode()
	out.print("start", map[string]interface{}{
		"name": self.Name, "addr": self.Addr.String(), "port": self.Port, "pid": os.Getpid(),
		"vsn": versions(self),
	})

	if *join != "" {
		contacted, err := list.Join(strings.Split(*join, ","))
		f := map[string]interface{}{"contacted": contacted}
		if err != nil {
			f["error"] = err.Error()
		}
		out.print("joined", f)
	}

	if *membersEvery > 0 {
		go func() {
			for range time.Tick(*membersEvery) {
				var members []map[string]interface{}
				for _, n := range list.Members() {
					members = append(members, nodeFields(n))
				}
				out.print("members", map[string]interface{}{"members": members})
			}
		}()
	}

	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGUSR1, syscall.SIGTERM, syscall.SIGINT)
	for sig := range signals {
		if sig == syscall.SIGUSR1 {
			f := map[string]interface{}{}
			if *metaFile == "" {
				f["error"] = "no -meta-file to re-read"
			} else if b, err := ioutil.ReadFile(*metaFile); err != nil {
				f["error"] = err.Error()
			} else {
				meta.set(b)
				if err := list.UpdateNode(5 * time.Second); err != nil {
					f["error"] = err.Error()
				}
				metaFields(b, f)
			}
			out.print("self-update", f)
			continue
		}
		f := map[string]interface{}{"signal": map[os.Signal]string{syscall.SIGTERM: "SIGTERM", syscall.SIGINT: "SIGINT"}[sig]}
		if err := list.Leave(3 * time.Second); err != nil {
			f["leave_error"] = err.Error()
		}
		list.Shutdown()
		out.print("self-leave", f)
		os.Exit(0)
	}
}
