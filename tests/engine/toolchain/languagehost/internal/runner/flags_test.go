package runner

import (
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestFlags(t *testing.T) {
	full := &pulumirpc.RunRequest{MonitorAddress: "127.0.0.1:1", Project: "p", Stack: "dev",
		Organization: "org", DryRun: true, Parallel: 8}
	info := &pulumirpc.ProgramInfo{RootDirectory: "/r", ProgramDirectory: "/r/stacks", EntryPoint: "."}
	dashes := FlagStyle{WordSeparator: "-"}
	argparse := FlagStyle{WordSeparator: "_", DryRunValue: true}
	cases := []struct {
		name    string
		style   FlagStyle
		req     *pulumirpc.RunRequest
		tracing string
		want    []string
	}{
		{"a preview, bare --dry-run", dashes, full, "", []string{"--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2",
			"--organization", "org", "--project", "p", "--root-directory", "/r", "--stack", "dev", "--pwd", "/r/stacks",
			"--dry-run", "--parallel", "8"}},
		{"an update, bare --dry-run left out", dashes, &pulumirpc.RunRequest{Project: "p", Parallel: 1}, "",
			[]string{"--engine", "127.0.0.1:2", "--project", "p", "--root-directory", "/r", "--pwd", "/r/stacks",
				"--parallel", "1"}},
		{"a preview, --dry_run true, with tracing", argparse, full, "http://zipkin.test", []string{"--monitor",
			"127.0.0.1:1", "--engine", "127.0.0.1:2", "--organization", "org", "--project", "p", "--root_directory", "/r",
			"--stack", "dev", "--pwd", "/r/stacks", "--dry_run", "true", "--parallel", "8", "--tracing", "http://zipkin.test"}},
		{"an update, --dry_run false; --parallel always", argparse, &pulumirpc.RunRequest{}, "",
			[]string{"--engine", "127.0.0.1:2", "--root_directory", "/r", "--pwd", "/r/stacks",
				"--dry_run", "false", "--parallel", "0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.style.Flags(c.req, info, "127.0.0.1:2", c.tracing); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}
