package engineflags

import (
	"flag"
	"reflect"
	"testing"
)

func TestDropRuntimeOptions(t *testing.T) {
	fs := flag.NewFlagSet("host", flag.ContinueOnError)
	fs.String("tracing", "", "")
	fs.Bool("logflow", false, "")
	cases := []struct {
		name        string
		in          []string
		kept, names []string
	}{
		{"current engine: address only", []string{"127.0.0.1:1"}, []string{"127.0.0.1:1"}, nil},
		{"older engine: options and root",
			[]string{"-typescript=false", "-root=/p", "--tracing=http://z", "127.0.0.1:1"},
			[]string{"--tracing=http://z", "127.0.0.1:1"}, []string{"typescript", "root"}},
		{"a defined flag without = is kept", []string{"-logflow", "-x=1", "127.0.0.1:1"},
			[]string{"-logflow", "127.0.0.1:1"}, []string{"x"}},
		{"nothing after the address is touched", []string{"127.0.0.1:1", "-virtualenv=venv"},
			[]string{"127.0.0.1:1", "-virtualenv=venv"}, nil},
		{"nothing after --", []string{"--", "-a=b"}, []string{"--", "-a=b"}, nil},
		{"an unknown flag without = is left to fail", []string{"-bogus", "127.0.0.1:1"},
			[]string{"-bogus", "127.0.0.1:1"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kept, names := DropRuntimeOptions(fs, c.in)
			if !reflect.DeepEqual(kept, c.kept) || !reflect.DeepEqual(names, c.names) {
				t.Fatalf("got %q dropping %q; want %q dropping %q", kept, names, c.kept, c.names)
			}
		})
	}
}
