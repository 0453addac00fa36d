package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mapwright/mapdsl"
)

// ConfigFile is the name of the per-repository configuration, looked up from the current
// directory towards the root.
const ConfigFile = ".mapwright.json"

// Config turns rules on and off. A later setting wins over an earlier one, so flags given on the
// command line are applied after the file's.
//
// The file form is
//
//	{"enable": ["dependency-above"], "disable": ["stage-boundary"], "failOn": "warning"}
//
// Disable may also name the codes of the parser's warnings and infos; errors cannot be disabled.
type Config struct {
	Enable  []string `json:"enable,omitempty"`
	Disable []string `json:"disable,omitempty"`
	// FailOn is the lowest severity that makes `check` fail: error, warning or info.
	FailOn string `json:"failOn,omitempty"`
}

// Enabled reports whether the rule or diagnostic code id is on. A rule named explicitly wins
// over "all"; Merge keeps an ID out of one list when it adds it to the other.
func (c Config) Enabled(id string) bool {
	r, ok := Lookup(id)
	return c.enabled(id, !ok || r.Default)
}

// enabled is Enabled for an id that is on when the configuration does not mention it if
// byDefault.
func (c Config) enabled(id string, byDefault bool) bool {
	switch {
	case slices.Contains(c.Disable, id):
		return false
	case slices.Contains(c.Enable, id):
		return true
	case slices.Contains(c.Disable, "all"):
		return false
	case slices.Contains(c.Enable, "all"):
		return true
	}
	return byDefault
}

// Merge returns c with other's settings applied after its own, each overriding whatever c said
// about the same rule. Within other, "all" applies first and named rules after it, so
// --disable all --enable X leaves only X on and --enable all --disable X all but X.
func (c Config) Merge(other Config) Config {
	out := Config{Enable: slices.Clone(c.Enable), Disable: slices.Clone(c.Disable), FailOn: c.FailOn}
	enable := func(id string) {
		if id == "all" {
			out.Disable = nil
		}
		out.Disable = remove(out.Disable, id)
		out.Enable = append(remove(out.Enable, id), id)
	}
	disable := func(id string) {
		if id == "all" {
			out.Enable = nil
		}
		out.Enable = remove(out.Enable, id)
		out.Disable = append(remove(out.Disable, id), id)
	}
	if slices.Contains(other.Enable, "all") {
		enable("all")
	}
	if slices.Contains(other.Disable, "all") {
		disable("all")
	}
	for _, d := range other.Disable {
		if d != "all" {
			disable(d)
		}
	}
	for _, e := range other.Enable {
		if e != "all" {
			enable(e)
		}
	}
	if other.FailOn != "" {
		out.FailOn = other.FailOn
	}
	return out
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// ParseIDs splits a comma-separated list of rule IDs, rejecting IDs that no rule has (except
// the codes of the parser's diagnostics when allowCodes is set, for disabling them); the error
// lists the IDs that exist.
func ParseIDs(list string, allowCodes bool) ([]string, error) {
	var ids []string
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if err := checkID(id, allowCodes); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// checkID accepts a rule ID, "all", and with allowCodes a parser code.
func checkID(id string, allowCodes bool) error {
	if _, ok := Lookup(id); ok || id == "all" || allowCodes && slices.Contains(mapdsl.Codes(), id) {
		return nil
	}
	known := []string{"all"}
	for _, r := range Rules {
		known = append(known, r.ID)
	}
	if allowCodes {
		known = append(known, mapdsl.Codes()...)
	}
	msg := fmt.Sprintf("unknown rule %q", id)
	if near := closestID(id, known); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	msg += "; the rules are " + strings.Join(known[:len(Rules)+1], ", ")
	if allowCodes {
		msg += "; parser warnings can be turned off by their codes: " + strings.Join(mapdsl.Codes(), ", ")
	}
	return errors.New(msg)
}

// closestID is the known ID nearest to id when it is a plausible typo, else "".
func closestID(id string, known []string) string {
	best, bestD := "", max(2, len(id)/4)+1
	for _, k := range known {
		if d := mapdsl.EditDistance(id, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// LoadConfig reads a configuration file. Mistakes are errors in plain words that name the file
// and the line: bad JSON, a misspelt setting, a value of the wrong kind, an unknown rule.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	var c Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, configError(path, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Config{}, fmt.Errorf("%s:%s: more text after the settings; the file holds one {...} object", path, lineCol(data, int(dec.InputOffset())))
	}
	for _, list := range []struct {
		key string
		ids []string
	}{{"enable", c.Enable}, {"disable", c.Disable}} {
		for _, id := range list.ids {
			if err := checkID(id, list.key == "disable"); err != nil {
				return Config{}, fmt.Errorf("%s:%s: %v (in %q)", path, lineCol(data, stringOffset(data, id)), err, list.key)
			}
		}
	}
	switch c.FailOn {
	case "", "error", "warning", "info":
	default:
		return Config{}, fmt.Errorf("%s:%s: failOn must be \"error\", \"warning\" or \"info\", not %q", path, lineCol(data, stringOffset(data, c.FailOn)), c.FailOn)
	}
	return c, nil
}

// configError words a JSON decoding error for a person editing the file.
func configError(path string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%s: this is not valid JSON here (%v); the file looks like {\"disable\": [\"stage-boundary\"], \"failOn\": \"warning\"}", path, lineCol(data, int(syn.Offset)-1), syn)
	case errors.As(err, &typ):
		want := "a list of rule IDs in quotes, e.g. [\"stage-boundary\"]"
		if typ.Field == "failOn" {
			want = "one of \"error\", \"warning\" or \"info\" in quotes"
		}
		return fmt.Errorf("%s:%s: %q must be %s", path, lineCol(data, stringOffset(data, typ.Field)), typ.Field, want)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s:1:1: the file is empty; write the settings as {\"disable\": [\"stage-boundary\"]} or delete it", path)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s:%s: the file ends in the middle of the settings (a missing } or ]?)", path, lineCol(data, len(data)))
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ := strconv.Unquote(field)
		return fmt.Errorf("%s:%s: unknown setting %s; the settings are \"enable\", \"disable\" and \"failOn\"", path, lineCol(data, stringOffset(data, name)), field)
	}
	return fmt.Errorf("%s: %v", path, err)
}

// stringOffset is where the JSON string s first appears in data (0 when it does not).
func stringOffset(data []byte, s string) int {
	q, _ := json.Marshal(s)
	return max(0, bytes.Index(data, q))
}

// lineCol is the 1-based line and column of a byte offset, as "line:col".
func lineCol(data []byte, off int) string {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

// FindConfig looks for ConfigFile in dir and its parents and returns its path, or "".
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, ConfigFile)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
