package runner

import (
	"context"
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// sh runs a shell script the way a host runs a program, and returns cmd.Run's error.
func sh(t *testing.T, script string) error {
	t.Helper()
	return exec.Command("sh", "-c", script).Run()
}

func TestExitCode(t *testing.T) {
	cases := []struct {
		name       string
		err        func(t *testing.T) error
		code       int
		wantExited bool
	}{
		{"success", func(*testing.T) error { return nil }, 0, false},
		{"exit 3", func(t *testing.T) error { return sh(t, "exit 3") }, 3, true},
		{"killed by SIGTERM", func(t *testing.T) error { return sh(t, "kill -TERM $$") }, 128 + 15, true},
		{"never started", func(*testing.T) error {
			return exec.Command("/nonexistent/interpreter").Run()
		}, 0, false},
		{"an I/O error", func(*testing.T) error { return errors.New("copying stdout: broken pipe") }, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, exited := ExitCode(c.err(t))
			if code != c.code || exited != c.wantExited {
				t.Fatalf("got %d, %v; want %d, %v", code, exited, c.code, c.wantExited)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	cases := []struct {
		name   string
		script string // "" = the executable does not exist
		want   *pulumirpc.RunResponse
	}{
		{"success", "exit 0", &pulumirpc.RunResponse{}},
		{"the SDK reported the error", "exit 32", &pulumirpc.RunResponse{Bail: true}},
		{"any other exit", "exit 1", &pulumirpc.RunResponse{Error: "Program exited with non-zero exit code: 1"}},
		{"a signal", "kill -INT $$", &pulumirpc.RunResponse{Error: "Program exited with non-zero exit code: 130"}},
		{"not started", "", &pulumirpc.RunResponse{
			Error: "could not run the program with /nonexistent/node: fork/exec /nonexistent/node: no such file or directory"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command("sh", "-c", c.script)
			if c.script == "" {
				cmd = exec.Command("/nonexistent/node")
			}
			got := RunProgram(cmd)
			if got.GetError() != c.want.GetError() || got.GetBail() != c.want.GetBail() {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

// A cancelled process gets SIGINT first (the trap answers it), and is killed when it ignores it.
func TestInterruptOnCancel(t *testing.T) {
	cases := []struct {
		name     string
		script   string
		wantCode int
	}{
		{"interrupted", `trap 'exit 7' INT; echo ready; while :; do sleep 0.05; done`, 7},
		{"killed after the grace period", `trap '' INT; echo ready; while :; do sleep 0.05; done`, 128 + 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", "-c", c.script)
			InterruptOnCancel(cmd)
			if cmd.WaitDelay != StopGrace {
				t.Fatalf("WaitDelay %v, want %v", cmd.WaitDelay, StopGrace)
			}
			cmd.WaitDelay = 300 * time.Millisecond // not 5 s in a test
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, len("ready\n"))
			if _, err := out.Read(buf); err != nil { // the trap is set
				t.Fatal(err)
			}
			cancel()
			code, exited := ExitCode(cmd.Wait())
			if !exited || code != c.wantCode {
				t.Fatalf("got %d, %v; want %d", code, exited, c.wantCode)
			}
		})
	}
}

func TestConfigEnv(t *testing.T) {
	legacy := func(k string) (string, error) {
		ns, name, ok := strings.Cut(k, ":")
		if !ok {
			return "", errors.New("no namespace in " + k)
		}
		return ns + ":config:" + name, nil
	}
	cases := []struct {
		name    string
		config  map[string]string
		secret  []string
		key     func(string) (string, error)
		want    []string
		wantErr string
	}{
		// Objects and arrays even when empty, so the SDKs' JSON parsing never sees "null".
		{"no config is an empty object and array", nil, nil, nil,
			[]string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}, ""},
		{"keys kept", map[string]string{"proj:x": "1"}, []string{"proj:x"}, nil,
			[]string{`PULUMI_CONFIG={"proj:x":"1"}`, `PULUMI_CONFIG_SECRET_KEYS=["proj:x"]`}, ""},
		{"keys rewritten", map[string]string{"proj:x": "1", "aws:region": "eu-west-1"}, nil, legacy,
			[]string{`PULUMI_CONFIG={"aws:config:region":"eu-west-1","proj:config:x":"1"}`, "PULUMI_CONFIG_SECRET_KEYS=[]"}, ""},
		{"a key that cannot be rewritten", map[string]string{"x": "1"}, nil, legacy, nil,
			"failed to serialize configuration: no namespace in x"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ConfigEnv(c.config, c.secret, c.key)
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("got %v, %v; want the error %q", got, err, c.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}
