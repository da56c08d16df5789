// Package runner is how a language host runs a program (the Run RPC) or a plugin as a child
// process: interrupted, then killed, when its context is done (session.Bind ties that context to
// the Cancel RPC and to the request); stdout and stderr copied through pipes; the stack's config
// in the environment the Node.js and Python SDKs read; and the exit status turned into the
// RunResponse the engine expects.
package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitUserActionable is the exit code the SDKs' runners (@pulumi/pulumi's cmd/run and
// cmd/run-plugin, pulumi-language-python-exec) use after they have already reported the error to
// the engine: the host must "bail" without adding a message of its own.
const ExitUserActionable = 32

// StopGrace is how long a process gets between SIGINT and SIGKILL when cancelled.
const StopGrace = 5 * time.Second

// InterruptOnCancel makes cmd's context, when done, interrupt the process first and kill it only
// after StopGrace, so the SDK can report what it was doing. cmd must come from
// exec.CommandContext.
func InterruptOnCancel(cmd *exec.Cmd) {
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = StopGrace
}

// HostStdio sends cmd's stdout and stderr to the host's own. They are wrapped (non-*os.File
// writers), so exec copies through pipes and never hands this process's descriptors over: Node
// may switch its stdio to non-blocking mode, which would then break the host's stdout and stderr.
func HostStdio(cmd *exec.Cmd) {
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
}

// ExitCode returns the exit status of a finished process (128+N for a signal N), and false if it
// never ran to an exit (could not start, I/O failure).
func ExitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return 0, false
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), true
	}
	return exitErr.ExitCode(), true
}

// Outcome is the Run RPC's answer for a program process that ended with err (from cmd.Run):
// exit 0 -> success; exit 32 -> Bail (the SDK already reported the error to the engine); any
// other exit -> Error "Program exited with non-zero exit code: N"; not started -> Error naming
// the executable.
func Outcome(err error, executable string) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	code, exited := ExitCode(err)
	switch {
	case !exited:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program with %s: %v", executable, err)}
	case code == ExitUserActionable:
		return &pulumirpc.RunResponse{Bail: true}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}
	}
}

// RunProgram runs cmd with the host's stdio (HostStdio) and answers with its Outcome.
func RunProgram(cmd *exec.Cmd) *pulumirpc.RunResponse {
	HostStdio(cmd)
	return Outcome(cmd.Run(), cmd.Path)
}

// ConfigEnv is the stack configuration of a Run request as the SDKs read it: PULUMI_CONFIG, a
// JSON object of key -> value (an object also when the stack has no config, so the SDKs never
// parse "null"), and PULUMI_CONFIG_SECRET_KEYS, a JSON array of the secret keys (likewise never
// null). key rewrites each engine key ("<namespace>:<name>") for the SDK; nil keeps it. The
// errors are meant for RunResponse.Error.
func ConfigEnv(config map[string]string, secretKeys []string, key func(string) (string, error)) ([]string, error) {
	out := make(map[string]string, len(config))
	for k, v := range config {
		if key != nil {
			var err error
			if k, err = key(k); err != nil {
				return nil, fmt.Errorf("failed to serialize configuration: %w", err)
			}
		}
		out[k] = v
	}
	configJSON, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize secret configuration keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(configJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON)}, nil
}
