package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// exitUserActionable is the exit code pulumi-language-python-exec uses after the SDK has already
// reported the error to the engine: the host must "bail" without adding a message of its own.
const exitUserActionable = 32

// stopGrace is how long a Python process gets between SIGINT and SIGKILL when cancelled.
const stopGrace = 5 * time.Second

// Run executes the program: `<python> pulumi-language-python-exec <flags> <entry point> <args>`,
// where <python> is the virtualenv's (or the toolchain's, or python3 from $PATH without one) and
// the exec script configures the SDK from the flags and runs the entry point with runpy, after
// changing to the program directory. Config goes in PULUMI_CONFIG, secret keys in
// PULUMI_CONFIG_SECRET_KEYS.
//
// Outcome mapping: exit 0 -> success; exit 32 -> Bail (the SDK already reported the error);
// any other exit -> Error "Program exited with non-zero exit code: N"; a missing or broken
// virtualenv, or Python not startable -> Error with that message.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engineAddress, err := h.engine()
	if err != nil {
		return nil, err
	}
	info, opts, err := programWithOptions(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "this language host cannot attach a debugger (pulumi --attach-debugger)"}, nil
	}
	if opts.typechecker != "" {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"this language host does not run type checkers: remove runtime option typechecker: %s", opts.typechecker)}, nil
	}

	configJSON, err := json.Marshal(orEmpty(req.GetConfig()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize configuration: " + err.Error()}, nil
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return &pulumirpc.RunResponse{Error: "failed to serialize secret configuration keys: " + err.Error()}, nil
	}

	tc, err := toolchain.ResolveToolchain(opts.PythonOptions)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Stop Python when the engine cancels (Cancel RPC) or drops this request.
	runCtx, stop := context.WithCancel(h.cancelCtx)
	defer stop()
	context.AfterFunc(ctx, stop)

	args := append([]string{h.exec}, execFlags(req, info, engineAddress, h.tracing)...)
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)
	cmd, err := tc.Command(runCtx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	interruptOnCancel(cmd)
	cmd.Dir = info.GetProgramDirectory()
	env := cmd.Env
	if env == nil { // the toolchain sets Env only when it activates a virtualenv
		env = os.Environ()
	}
	cmd.Env = append(env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	// Wrapped so that exec copies through pipes and never hands this process's descriptors over.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("pulumi-language-python: running %s %v in %s", cmd.Path, args, cmd.Dir)

	err = cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	code, exited := exitCode(err)
	switch {
	case !exited:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program with %s: %v", cmd.Path, err)}, nil
	case code == exitUserActionable:
		return &pulumirpc.RunResponse{Bail: true}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
	}
}

// execFlags are the flags pulumi-language-python-exec parses (argparse, snake_case names).
// --dry_run is always given as true or false, and --parallel always, because the script
// converts both without checking for absence.
func execFlags(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo, engineAddress, tracing string) []string {
	var flags []string
	add := func(name, value string) {
		if value != "" {
			flags = append(flags, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root_directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	add("dry_run", strconv.FormatBool(req.GetDryRun()))
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)
	return flags
}

// orEmpty keeps PULUMI_CONFIG a JSON object when the stack has no config.
func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// interruptOnCancel makes a cancelled context interrupt the process first and kill it only
// after stopGrace, so the SDK can report what it was doing.
func interruptOnCancel(cmd *exec.Cmd) {
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = stopGrace
}

// exitCode returns the exit status of a finished process, and false if it never ran to an exit.
func exitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return 0, false
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), true
	}
	return exitErr.ExitCode(), true
}
