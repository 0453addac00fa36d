package document

// Preferences is the part of fyne.Preferences that Recent needs.
type Preferences interface {
	StringList(key string) []string
	SetStringList(key string, value []string)
}

// Recent is the list of recently opened files, newest first, kept in the app's preferences.
type Recent struct {
	prefs Preferences
	key   string
	max   int
}

// RecentKey is the preferences key of the recent files list.
const RecentKey = "recentFiles"

// NewRecent keeps up to max paths under RecentKey.
func NewRecent(p Preferences, max int) *Recent { return &Recent{prefs: p, key: RecentKey, max: max} }

// List returns the remembered paths, newest first.
func (r *Recent) List() []string { return r.prefs.StringList(r.key) }

// Add puts path first, removing an older entry for it and dropping the oldest beyond max.
func (r *Recent) Add(path string) {
	list := []string{path}
	for _, p := range r.List() {
		if p != path && len(list) < r.max {
			list = append(list, p)
		}
	}
	r.prefs.SetStringList(r.key, list)
}

// Remove forgets path (for example after it failed to open).
func (r *Recent) Remove(path string) {
	var list []string
	for _, p := range r.List() {
		if p != path {
			list = append(list, p)
		}
	}
	r.prefs.SetStringList(r.key, list)
}
