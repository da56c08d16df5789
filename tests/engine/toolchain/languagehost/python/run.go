package main

import (
	"context"
	"fmt"
	"os"

	"alexa-app-linking/engine-toolchain/languagehost/internal/runner"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// Run executes the program: `<python> pulumi-language-python-exec <flags> <entry point> <args>`,
// where <python> is the virtualenv's (or the toolchain's, or python3 from $PATH without one) and
// the exec script configures the SDK from the flags and runs the entry point with runpy, after
// changing to the program directory. Config goes in PULUMI_CONFIG, secret keys in
// PULUMI_CONFIG_SECRET_KEYS.
//
// Outcome mapping (runner.Outcome): exit 0 -> success; exit 32 -> Bail (the SDK already reported
// the error); any other exit -> Error "Program exited with non-zero exit code: N"; a missing or
// broken virtualenv, or Python not startable -> Error with that message.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engineAddress, err := h.Engine()
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

	// The keys as the engine sends them ("project:key"), which is what the Python SDK reads.
	configEnv, err := runner.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys(), nil)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	tc, err := toolchain.ResolveToolchain(opts.PythonOptions)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Stop Python when the engine cancels (Cancel RPC) or drops this request.
	runCtx, stop := h.Bind(ctx)
	defer stop()

	args := append([]string{h.exec}, execFlags(req, info, engineAddress, h.Tracing())...)
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)
	cmd, err := tc.Command(runCtx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runner.InterruptOnCancel(cmd)
	cmd.Dir = info.GetProgramDirectory()
	env := cmd.Env
	if env == nil { // the toolchain sets Env only when it activates a virtualenv
		env = os.Environ()
	}
	cmd.Env = append(env, configEnv...)
	logging.V(5).Infof("pulumi-language-python: running %s %v in %s", cmd.Path, args, cmd.Dir)
	return runner.RunProgram(cmd), nil
}

// execFlags are the flags pulumi-language-python-exec parses (argparse, snake_case names).
// --dry_run is always given as true or false, and --parallel always, because the script
// converts both without checking for absence.
func execFlags(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo, engineAddress, tracing string) []string {
	return runner.FlagStyle{WordSeparator: "_", DryRunValue: true}.Flags(req, info, engineAddress, tracing)
}
