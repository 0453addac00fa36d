package benchsuite

import (
	"context"
	"encoding/json"
	"net"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/internal/lsp"
)

// BenchmarkLSPDiagnostics is what a keystroke costs in a code editor: a client sends an
// incremental change to `mapwright lsp` (in process, over a pipe, JSON-RPC as on stdio) and waits
// for the first findings the server publishes for that version of the text. One operation is one
// change and its first findings, typed as fast as they come: on big maps the server's second
// message (the label overlaps) is dropped when the next change overtakes it, as when typing.
func BenchmarkLSPDiagnostics(b *testing.B) {
	for _, in := range inputs(b, light) {
		if len(in.srcs) > 1 {
			continue // the corpus: one document per client is what an editor has open
		}
		b.Run(in.name, func(b *testing.B) {
			published := make(chan int, 16)
			serverEnd, clientEnd := net.Pipe()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go lsp.New("bench").Serve(ctx, serverEnd)
			conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}),
				jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
					if req.Method == protocol.ServerTextDocumentPublishDiagnostics {
						var p struct {
							Version int `json:"version"`
						}
						json.Unmarshal(*req.Params, &p)
						published <- p.Version
					}
					return nil, nil
				}))
			defer conn.Close()
			var res json.RawMessage
			if err := conn.Call(ctx, protocol.MethodInitialize, protocol.InitializeParams{}, &res); err != nil {
				b.Fatal(err)
			}
			uri := protocol.DocumentUri("untitled:bench.owm")
			conn.Notify(ctx, protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{
				TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "owm", Version: 1, Text: string(in.srcs[0])}})
			// wait waits for the first findings of version v, skipping those of older versions.
			wait := func(v int32) {
				for {
					select {
					case got := <-published:
						if got >= int(v) {
							return
						}
					case <-time.After(time.Minute):
						b.Fatal("no diagnostics published")
					}
				}
			}
			wait(1)
			// Type a character into the title and take it out again, alternately.
			version := int32(1)
			at := protocol.Range{Start: protocol.Position{Line: 0, Character: 5}, End: protocol.Position{Line: 0, Character: 5}}
			run(b, in, func(int) {
				version++
				change := protocol.TextDocumentContentChangeEvent{Range: &at, Text: "x"}
				if version%2 == 1 {
					r := at
					r.End.Character++
					change = protocol.TextDocumentContentChangeEvent{Range: &r, Text: ""}
				}
				conn.Notify(ctx, protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
					TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
					ContentChanges: []any{change}})
				wait(version)
			})
		})
	}
}
