// Package lsp is Mapwright's language server: the checks, formatting and navigation of the
// command line and the desktop editor, offered to any code editor over the Language Server
// Protocol (`mapwright lsp`, JSON-RPC over standard input and output).
//
// Nothing here knows the map language itself. Diagnostics are lint.Check's (the same codes and
// messages as `mapwright check`, with the .mapwright.json found beside the file), formatting is
// mapdsl.Format, renames and new components are mapdsl/edit splices, and semantic tokens come
// from mapdsl.HighlightLine, which also colours the desktop editor's text. This package only
// turns those into protocol messages: byte offsets into (line, UTF-16 unit) positions, splices
// into text edits.
//
// The protocol's types and method dispatch are github.com/tliron/glsp's; the JSON-RPC framing is
// github.com/sourcegraph/jsonrpc2's.
package lsp

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/internal/lint"
	"mapwright/mapdsl"
)

// Name is how the server introduces itself to the client.
const Name = "mapwright"

// Server holds the open documents of one client connection.
type Server struct {
	version string

	mu   sync.Mutex
	docs map[protocol.DocumentUri]*document
	// configErrors remembers the configuration files already reported as unreadable, so a
	// broken .mapwright.json is reported once, not at every keystroke.
	configErrors map[string]string
	shutdown     bool
	// notify sends a notification to the client; set by Serve.
	notify func(method string, params any)
	// kick wakes the analyser: some document has text it has not checked yet.
	kick chan struct{}
	// exitCode is what the process should exit with once the client sends exit: 0 after a
	// shutdown request, 1 without one (the protocol's rule).
	exitCode int
}

// New returns a server; version is reported to the client in serverInfo.
func New(version string) *Server {
	return &Server{version: version, docs: map[protocol.DocumentUri]*document{},
		configErrors: map[string]string{}, exitCode: 1, kick: make(chan struct{}, 1)}
}

// Serve speaks the protocol over rwc until the client exits, the stream ends or ctx is cancelled.
// It returns the exit code the process should end with.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	h := s.handler()
	var conn *jsonrpc2.Conn
	dispatch := func(ctx context.Context, c *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		gc := glsp.Context{
			Method: req.Method,
			Notify: func(method string, params any) { _ = c.Notify(ctx, method, params) },
			Call:   func(method string, params any, result any) { _ = c.Call(ctx, method, params, result) },
		}
		if req.Params != nil {
			gc.Params = *req.Params
		}
		r, validMethod, validParams, err := h.Handle(&gc)
		switch {
		case req.Method == protocol.MethodExit:
			go c.Close()
			return nil, nil
		case !validMethod:
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
		case !validParams:
			msg := "invalid parameters"
			if err != nil {
				msg = err.Error()
			}
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
		case err != nil:
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
		}
		return r, nil
	}
	conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(dispatch))
	s.mu.Lock()
	s.notify = func(method string, params any) { _ = conn.Notify(ctx, method, params) }
	s.mu.Unlock()
	actx, stop := context.WithCancel(ctx)
	defer stop()
	go s.analyser(actx)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

// Stdio joins an input and an output stream (standard input and output) into the one stream
// Serve reads and writes. Close closes each of them that can be closed.
type Stdio struct {
	In  io.Reader
	Out io.Writer
}

func (s Stdio) Read(p []byte) (int, error)  { return s.In.Read(p) }
func (s Stdio) Write(p []byte) (int, error) { return s.Out.Write(p) }
func (s Stdio) Close() error {
	var err error
	for _, x := range []any{s.In, s.Out} {
		if c, ok := x.(io.Closer); ok {
			if e := c.Close(); err == nil {
				err = e
			}
		}
	}
	return err
}

// tokenTypes is the semantic-token legend: index i is the type the server sends as i.
var tokenTypes = []string{"keyword", "variable", "number", "operator", "comment", "string", "decorator", "parameter"}

func (s *Server) handler() *protocol.Handler {
	h := &protocol.Handler{}
	h.Initialize = s.initialize
	h.Initialized = func(*glsp.Context, *protocol.InitializedParams) error { return nil }
	h.Shutdown = func(*glsp.Context) error {
		s.mu.Lock()
		s.shutdown, s.exitCode = true, 0
		s.mu.Unlock()
		return nil
	}
	h.Exit = func(*glsp.Context) error { return nil }
	h.SetTrace = func(*glsp.Context, *protocol.SetTraceParams) error { return nil }
	h.CancelRequest = func(*glsp.Context, *protocol.CancelParams) error { return nil }
	h.TextDocumentDidOpen = s.didOpen
	h.TextDocumentDidChange = s.didChange
	h.TextDocumentDidClose = s.didClose
	h.TextDocumentDidSave = s.didSave
	h.WorkspaceDidChangeWatchedFiles = s.didChangeWatchedFiles
	h.WorkspaceDidChangeConfiguration = func(*glsp.Context, *protocol.DidChangeConfigurationParams) error { return nil }
	h.TextDocumentFormatting = s.formatting
	h.TextDocumentRangeFormatting = s.rangeFormatting
	h.TextDocumentCompletion = s.completion
	h.TextDocumentHover = s.hover
	h.TextDocumentDefinition = s.definition
	h.TextDocumentReferences = s.references
	h.TextDocumentDocumentHighlight = s.documentHighlight
	h.TextDocumentPrepareRename = s.prepareRename
	h.TextDocumentRename = s.rename
	h.TextDocumentDocumentSymbol = s.documentSymbol
	h.TextDocumentCodeAction = s.codeAction
	h.TextDocumentFoldingRange = s.foldingRange
	h.TextDocumentSemanticTokensFull = s.semanticTokensFull
	h.TextDocumentSemanticTokensRange = s.semanticTokensRange
	return h
}

func (s *Server) initialize(_ *glsp.Context, _ *protocol.InitializeParams) (any, error) {
	sync := protocol.TextDocumentSyncKindIncremental
	yes := true
	caps := protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: &yes,
			Change:    &sync,
			Save:      &protocol.SaveOptions{IncludeText: &yes},
		},
		CompletionProvider: &protocol.CompletionOptions{
			// Names follow link operators and "evolve "; decorators follow "(".
			TriggerCharacters: []string{">", "(", " ", ","},
		},
		HoverProvider:                   true,
		DefinitionProvider:              true,
		ReferencesProvider:              true,
		DocumentHighlightProvider:       true,
		DocumentSymbolProvider:          true,
		DocumentFormattingProvider:      true,
		DocumentRangeFormattingProvider: true,
		RenameProvider:                  protocol.RenameOptions{PrepareProvider: &yes},
		CodeActionProvider: protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{
			protocol.CodeActionKindQuickFix, protocol.CodeActionKindRefactorRewrite,
			protocol.CodeActionKindSource}},
		FoldingRangeProvider: true,
		SemanticTokensProvider: protocol.SemanticTokensOptions{
			Legend: protocol.SemanticTokensLegend{TokenTypes: tokenTypes, TokenModifiers: []string{}},
			Full:   true,
			Range:  true,
		},
	}
	return protocol.InitializeResult{
		Capabilities: caps,
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: Name, Version: &s.version},
	}, nil
}

func (s *Server) didOpen(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	d := newDocument(p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text)
	s.mu.Lock()
	s.docs[d.uri] = d
	s.mu.Unlock()
	s.refresh(ctx, d)
	return nil
}

func (s *Server) didChange(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	d := s.doc(p.TextDocument.URI)
	if d == nil {
		return fmt.Errorf("%s is not open", p.TextDocument.URI)
	}
	s.mu.Lock()
	for _, c := range p.ContentChanges {
		d.applyChange(c)
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	s.refresh(ctx, d)
	return nil
}

func (s *Server) didSave(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	if d := s.doc(p.TextDocument.URI); d != nil && p.Text != nil && *p.Text != d.text {
		s.mu.Lock()
		d.setText(*p.Text)
		s.mu.Unlock()
		s.refresh(ctx, d)
	}
	return nil
}

func (s *Server) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	// Findings of a closed file would otherwise stay in the client's problem list.
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics,
		protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// didChangeWatchedFiles re-checks every open map when a .mapwright.json changes, since its rule
// settings change the findings.
func (s *Server) didChangeWatchedFiles(ctx *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	for _, ch := range p.Changes {
		if filepath.Base(uriPath(ch.URI)) == lint.ConfigFile {
			s.mu.Lock()
			s.configErrors = map[string]string{}
			docs := make([]*document, 0, len(s.docs))
			for _, d := range s.docs {
				docs = append(docs, d)
			}
			s.mu.Unlock()
			for _, d := range docs {
				s.refresh(ctx, d)
			}
			return nil
		}
	}
	return nil
}

func (s *Server) doc(uri protocol.DocumentUri) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[uri]
}

// withDoc runs f on the open document uri while holding the lock, or reports that it is not open.
func withDoc[T any](s *Server, uri protocol.DocumentUri, f func(d *document) (T, error)) (T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		var zero T
		return zero, fmt.Errorf("%s is not open", uri)
	}
	s.fresh(d)
	return f(d)
}

// refresh wakes the analyser after a document's text changed. Typing never waits for a check:
// the analyser checks the newest text when it is free, and texts typed meanwhile are skipped.
func (s *Server) refresh(_ *glsp.Context, _ *document) {
	select {
	case s.kick <- struct{}{}:
	default: // already awake
	}
}

// analyser checks documents whose text changed since their last check and publishes the
// findings, until ctx ends. The check runs without the lock, on a copy of the text; if the text
// changed again meanwhile, its findings are dropped and the newest text is checked instead.
func (s *Server) analyser(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		}
		for s.analyseOne() {
		}
	}
}

// slowRule is the one check that draws the map (label placement), by far the dearest on big
// maps; stagedSize is the number of components from which its findings come in a second message.
const (
	slowRule   = "overlapping-labels"
	stagedSize = 200
)

// analyseOne checks one document that needs it and reports whether there was one.
//
// On a big map the findings come in two messages, so that a mistake typed is underlined at once:
// first every check but the label overlaps, with the overlaps found before the edit carried to
// where their lines are now (so they do not flicker), then all of them.
func (s *Server) analyseOne() bool {
	s.mu.Lock()
	var d *document
	for _, x := range s.docs {
		if x.analysed != x.changes {
			d = x
			break
		}
	}
	if d == nil {
		s.mu.Unlock()
		return false
	}
	text, changes, cfg := d.text, d.changes, s.config(d)
	staged := cfg.Enabled(slowRule) && d.m != nil && len(d.m.Components) >= stagedSize
	prevText, prevSlow := d.slowText, d.slowDiags
	s.mu.Unlock()

	if staged {
		m, diags := d.check(text, cfg.Merge(lint.Config{Disable: []string{slowRule}}))
		diags = append(diags, carryOver(prevText, prevSlow, text)...)
		diags.Sort()
		if !s.publish(d, changes, m, diags, false) {
			return true
		}
	}
	m, diags := d.check(text, cfg)
	var slow mapdsl.Diagnostics
	for _, f := range diags {
		if f.Code == slowRule {
			slow = append(slow, f)
		}
	}
	s.mu.Lock()
	if s.docs[d.uri] == d && d.changes == changes {
		d.slowText, d.slowDiags = text, slow
	}
	s.mu.Unlock()
	s.publish(d, changes, m, diags, true)
	return true
}

// publish stores the findings of the text counted changes and sends them, unless the document
// was closed or changed since; it reports whether it sent them. final marks the text as checked.
func (s *Server) publish(d *document, changes int, m *mapdsl.Map, diags mapdsl.Diagnostics, final bool) bool {
	s.mu.Lock()
	if s.docs[d.uri] != d || d.changes != changes {
		s.mu.Unlock()
		return false // closed, or changed again: the newer text is checked next
	}
	d.m, d.diags = m, diags
	if final {
		d.analysed = changes
	}
	params := protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: d.protocolDiagnostics()}
	v := protocol.UInteger(max(d.version, 0))
	params.Version = &v
	notify := s.notify
	s.mu.Unlock()
	if notify != nil {
		notify(protocol.ServerTextDocumentPublishDiagnostics, params)
	}
	return true
}

// carryOver moves findings made on an older text to the same lines in the new text: a finding
// on a line whose text is found unchanged (the nearest such line) moves with it; one on a line
// that changed or went away is dropped. Only single-line findings are carried.
func carryOver(oldText string, old mapdsl.Diagnostics, newText string) mapdsl.Diagnostics {
	if len(old) == 0 {
		return nil
	}
	oldLines, newLines := strings.SplitAfter(oldText, "\n"), strings.SplitAfter(newText, "\n")
	oldStarts := lineOffsets(oldLines)
	newStarts := lineOffsets(newLines)
	where := map[string][]int{}
	for i, l := range newLines {
		where[l] = append(where[l], i)
	}
	var out mapdsl.Diagnostics
	for _, f := range old {
		l := f.Range.Start.Line - 1
		if !f.Range.Valid() || f.Range.End.Line != f.Range.Start.Line || l >= len(oldLines) {
			continue
		}
		best := -1
		for _, k := range where[oldLines[l]] {
			if best < 0 || abs(k-l) < abs(best-l) {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		shift := newStarts[best] - oldStarts[l]
		f.Range.Start.Offset += shift
		f.Range.End.Offset += shift
		f.Range.Start.Line, f.Range.End.Line = best+1, best+1
		out = append(out, f)
	}
	return out
}

func lineOffsets(lines []string) []int {
	out := make([]int, len(lines))
	off := 0
	for i, l := range lines {
		out[i] = off
		off += len(l)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fresh makes sure the document's map and findings are those of its current text, checking it
// now if the analyser has not yet: requests (hover, rename, ...) must never use the positions of
// an older text. Called with s.mu held.
func (s *Server) fresh(d *document) {
	if d.analysed != d.changes {
		d.m, d.diags = d.check(d.text, s.config(d))
		d.analysed = d.changes
		// The analyser still publishes these findings: its pass for this text is not done.
	}
}

// config is the rule configuration for d: the .mapwright.json nearest to its file, as `mapwright
// check` finds it from the file's folder. An unreadable configuration is reported to the user
// once and the defaults are used. Called with s.mu held.
func (s *Server) config(d *document) lint.Config {
	if d.path == "" {
		return lint.Config{}
	}
	path := lint.FindConfig(filepath.Dir(d.path))
	if path == "" {
		return lint.Config{}
	}
	cfg, err := lint.LoadConfig(path)
	if err != nil {
		if s.configErrors[path] != err.Error() {
			s.configErrors[path] = err.Error()
			if s.notify != nil {
				msg := protocol.ShowMessageParams{Type: protocol.MessageTypeWarning,
					Message: fmt.Sprintf("mapwright: %v; using the default rules", err)}
				s.notify(protocol.ServerWindowShowMessage, msg)
			}
		}
		return lint.Config{}
	}
	delete(s.configErrors, path)
	return cfg
}

// protocolDiagnostics converts the document's findings.
func (d *document) protocolDiagnostics() []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(d.diags))
	source := Name
	for _, f := range d.diags {
		sev := map[mapdsl.Severity]protocol.DiagnosticSeverity{
			mapdsl.SeverityError:   protocol.DiagnosticSeverityError,
			mapdsl.SeverityWarning: protocol.DiagnosticSeverityWarning,
			mapdsl.SeverityInfo:    protocol.DiagnosticSeverityInformation,
		}[f.Severity]
		code := protocol.IntegerOrString{Value: f.Code}
		out = append(out, protocol.Diagnostic{Range: d.rangeOf(f.Range), Severity: &sev, Code: &code,
			Source: &source, Message: f.Message})
	}
	return out
}
