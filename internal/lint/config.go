package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	if r, ok := Lookup(id); ok {
		return r.Default
	}
	return true
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
// when allowCodes is set, for disabling parser codes).
func ParseIDs(list string, allowCodes bool) ([]string, error) {
	var ids []string
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if _, ok := Lookup(id); !ok && id != "all" && !allowCodes {
			return nil, fmt.Errorf("unknown rule %q (see mapwright check -h for the list)", id)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// LoadConfig reads a configuration file. Unknown fields are an error, so that a misspelt key
// does not silently do nothing.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	var c Config
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("%s: %v", path, err)
	}
	for _, id := range c.Enable {
		if _, ok := Lookup(id); !ok && id != "all" {
			return Config{}, fmt.Errorf("%s: unknown rule %q in enable", path, id)
		}
	}
	switch c.FailOn {
	case "", "error", "warning", "info":
	default:
		return Config{}, fmt.Errorf("%s: failOn must be error, warning or info, not %q", path, c.FailOn)
	}
	return c, nil
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
