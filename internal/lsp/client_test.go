package lsp

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// The tests speak the protocol to a real `mapwright lsp` process through its standard input and
// output, as an editor does.

var mapwrightBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mapwright-lsp-test")
	if err != nil {
		panic(err)
	}
	mapwrightBin = filepath.Join(dir, "mapwright")
	build := exec.Command("go", "build", "-o", mapwrightBin, "mapwright/cmd/mapwright")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building mapwright: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// wireDiagnostic is a diagnostic as the client reads it (glsp's IntegerOrString cannot be
// decoded: its UnmarshalJSON has a value receiver).
type wireDiagnostic struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     string         `json:"code"`
	Source   string         `json:"source"`
	Message  string         `json:"message"`
}

// client is a test editor: it starts the server, sends requests, and keeps what the server
// publishes.
type client struct {
	t    *testing.T
	cmd  *exec.Cmd
	conn *jsonrpc2.Conn

	mu       sync.Mutex
	diags    map[protocol.DocumentUri][]wireDiagnostic
	versions map[protocol.DocumentUri]int // the version of the last published findings
	messages []string
	changed  chan struct{}
}

// pipes joins the server process's standard output (read) and input (write).
type pipes struct {
	r interface{ Read([]byte) (int, error) }
	w interface {
		Write([]byte) (int, error)
		Close() error
	}
}

func (p pipes) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p pipes) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipes) Close() error                { return p.w.Close() }

func startClient(t *testing.T) *client {
	t.Helper()
	cmd := exec.Command(mapwrightBin, "lsp")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := connect(t, pipes{stdout, stdin})
	c.cmd = cmd
	t.Cleanup(func() {
		c.conn.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return c
}

// startInProcess serves a client from a Server in the test's own process (so the race detector
// sees the server's goroutines).
func startInProcess(t *testing.T) *client {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		New("test").Serve(ctx, serverEnd)
		close(done)
	}()
	c := connect(t, clientEnd)
	t.Cleanup(func() {
		c.conn.Close()
		cancel()
		<-done
	})
	return c
}

// connect initialises a client over stream.
func connect(t *testing.T, stream io.ReadWriteCloser) *client {
	t.Helper()
	c := &client{t: t, diags: map[protocol.DocumentUri][]wireDiagnostic{}, versions: map[protocol.DocumentUri]int{},
		changed: make(chan struct{}, 1000)}
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(c.handle))
	var res protocol.InitializeResult
	root := protocol.DocumentUri("file://" + t.TempDir())
	c.call(protocol.MethodInitialize, protocol.InitializeParams{RootURI: &root}, &res)
	if res.ServerInfo == nil || res.ServerInfo.Name != "mapwright" {
		t.Fatalf("initialize: server info %+v", res.ServerInfo)
	}
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
	return c
}

func (c *client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch req.Method {
	case protocol.ServerTextDocumentPublishDiagnostics:
		var p struct {
			URI         protocol.DocumentUri `json:"uri"`
			Version     int                  `json:"version"`
			Diagnostics []wireDiagnostic     `json:"diagnostics"`
		}
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.diags[p.URI] = p.Diagnostics
		c.versions[p.URI] = p.Version
		c.changed <- struct{}{}
	case protocol.ServerWindowShowMessage:
		var p protocol.ShowMessageParams
		json.Unmarshal(*req.Params, &p)
		c.messages = append(c.messages, p.Message)
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	if err := c.callErr(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) callErr(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// open sends didOpen and waits for the document's first diagnostics.
func (c *client) open(uri protocol.DocumentUri, text string) []wireDiagnostic {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "owm", Version: 1, Text: text}})
	return c.waitDiagnostics(uri)
}

// change sends one didChange with the given content changes and waits for the new diagnostics.
func (c *client) change(uri protocol.DocumentUri, version int32, changes ...any) []wireDiagnostic {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
		ContentChanges: changes})
	return c.waitDiagnostics(uri)
}

// waitDiagnostics waits for the next publishDiagnostics (the server sends one after every open
// and change, in order) and returns what it holds for uri.
func (c *client) waitDiagnostics(uri protocol.DocumentUri) []wireDiagnostic {
	c.t.Helper()
	select {
	case <-c.changed:
	case <-time.After(20 * time.Second):
		c.t.Fatalf("no diagnostics published for %s", uri)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.diags[uri]
}

// applyEdits applies text edits (from any request) to text, as an editor does.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	d := newDocument("file:///x.owm", 0, text)
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{d.offset(e.Range.Start), d.offset(e.Range.End), e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for i, s := range spans {
		if i > 0 && s.end > spans[i-1].start {
			t.Fatalf("overlapping edits: %+v", spans)
		}
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

func pos(line, char int) protocol.Position {
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}
}

func docID(uri protocol.DocumentUri) protocol.TextDocumentIdentifier {
	return protocol.TextDocumentIdentifier{URI: uri}
}

func at(uri protocol.DocumentUri, line, char int) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: docID(uri), Position: pos(line, char)}
}
