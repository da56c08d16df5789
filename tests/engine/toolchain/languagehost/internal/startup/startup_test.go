package startup

import (
	"flag"
	"io"
	"testing"

	"alexa-app-linking/engine-toolchain/languagehost/internal/hosttest"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		want     commandLine
		executor string // the host's own flag
		v        string // the verbosity logging.InitLogging reads
		wantErr  bool
	}{
		{name: "the engine address", args: []string{"127.0.0.1:1"},
			want: commandLine{engineAddress: "127.0.0.1:1"}, v: "0"},
		{name: "attached: no address", v: "0"},
		{name: "the engine's logging and tracing flags",
			args: []string{"-v=9", "--logtostderr", "--logflow", "--tracing=http://zipkin.test", "127.0.0.1:1"},
			want: commandLine{engineAddress: "127.0.0.1:1", tracing: "http://zipkin.test", logFlow: true}, v: "9"},
		{name: "runtime options from an older engine are dropped",
			args: []string{"-typescript=false", "-root=/p", "127.0.0.1:1"},
			want: commandLine{engineAddress: "127.0.0.1:1", legacyOptions: []string{"typescript", "root"}}, v: "0"},
		{name: "a flag of the host's own is kept", args: []string{"-use-executor=/x/exec", "127.0.0.1:1"},
			want: commandLine{engineAddress: "127.0.0.1:1"}, executor: "/x/exec", v: "0"},
		{name: "--version", args: []string{"--version"}, want: commandLine{showVersion: true}, v: "0"},
		{name: "an unknown flag without a value", args: []string{"-bogus", "127.0.0.1:1"}, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := flag.NewFlagSet("host", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			executor := fs.String("use-executor", "", "a host's own flag")
			got, err := parse(fs, c.args, "tracing endpoint")
			if hosttest.Result(t, got, err, c.want, c.wantErr); c.wantErr {
				return
			}
			if *executor != c.executor || fs.Lookup("v").Value.String() != c.v {
				t.Fatalf("use-executor %q, -v %s; want %q, %s", *executor, fs.Lookup("v").Value, c.executor, c.v)
			}
		})
	}
}

// glog registers -v and -logtostderr on flag.CommandLine; parse must not define them twice.
func TestParseKeepsFlagsAlreadyDefined(t *testing.T) {
	fs := flag.NewFlagSet("host", flag.ContinueOnError)
	v := fs.String("v", "0", "glog's")
	fs.Bool("logtostderr", false, "glog's")
	if _, err := parse(fs, []string{"-v=3", "127.0.0.1:1"}, ""); err != nil || *v != "3" {
		t.Fatalf("got -v=%s, %v", *v, err)
	}
}
