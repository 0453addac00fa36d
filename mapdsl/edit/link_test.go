package edit

import "testing"

func TestLinkTexts(t *testing.T) {
	tests := []struct {
		name, src string
		edit      func(src []byte) (Splice, error)
		want      string
	}{
		{"add a context", "A->B\n", func(s []byte) (Splice, error) { return SetLinkContext(s, nil, Ref{Links, 0}, "boils") }, "A->B; boils\n"},
		{"change a context", "A->B ;  old // c\n", func(s []byte) (Splice, error) { return SetLinkContext(s, nil, Ref{Links, 0}, "new") }, "A->B; new // c\n"},
		{"remove a context", "A->B; old\n", func(s []byte) (Splice, error) { return SetLinkContext(s, nil, Ref{Links, 0}, "") }, "A->B\n"},
		{"flow text on a plain link", "A->B\n", func(s []byte) (Splice, error) { return SetFlowLabel(s, nil, Ref{Links, 0}, "$5") }, "A+'$5'>B\n"},
		{"flow text on a flow", "A+<B; why\n", func(s []byte) (Splice, error) { return SetFlowLabel(s, nil, Ref{Links, 0}, "$5") }, "A+'$5'<B; why\n"},
		{"change flow text", "A+'$1'<>B\n", func(s []byte) (Splice, error) { return SetFlowLabel(s, nil, Ref{Links, 0}, "$2") }, "A+'$2'<>B\n"},
		{"remove flow text", "A+'$1'>B\n", func(s []byte) (Splice, error) { return SetFlowLabel(s, nil, Ref{Links, 0}, "") }, "A+>B\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte("component A [0.5, 0.5]\ncomponent B [0.4, 0.4]\n" + tc.src)
			s, err := tc.edit(src)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(Apply(src, s)), "component A [0.5, 0.5]\ncomponent B [0.4, 0.4]\n"+tc.want; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	if _, err := SetFlowLabel([]byte("A->B\n"), nil, Ref{Links, 0}, "it's"); err == nil {
		t.Error("a quote in a flow text was accepted")
	}
}
