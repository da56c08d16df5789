package main

import (
	"context"
	"os"

	"alexa-app-linking/engine-toolchain/languagehost/internal/programinfo"
	"alexa-app-linking/engine-toolchain/languagehost/internal/runner"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Run executes the program: `node [nodeargs] <@pulumi/pulumi/cmd/run> <flags> <entry point> <args>`,
// with @pulumi/pulumi resolved from the program directory and TypeScript handled by the SDK's
// own ts-node registration (PULUMI_NODEJS_TYPESCRIPT), as with Pulumi's host.
//
// The Node.js SDK is given the engine's resource monitor address directly. Pulumi's host puts a
// forwarding proxy in between, for two reasons that do not apply to @pulumi/pulumi 3.248.0: a
// file-pipe channel for synchronous invokes (--sync; the SDK still parses the flag but no code
// path uses it any more), and a "pulumi-runtime: nodejs" header on RegisterResource so the engine
// applies its Node.js alias-compatibility fix. A direct connection from Node carries the
// "grpc-node-js/..." user agent, which the engine (deploy.requestFromNodeJS) accepts instead.
//
// Outcome mapping (runner.Outcome): exit 0 -> success; exit 32 -> Bail (the SDK already reported
// the error to the engine); any other exit -> Error "Program exited with non-zero exit code: N";
// node missing or not startable, or @pulumi/pulumi not resolvable -> Error with that message.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engineAddress, err := h.Engine()
	if err != nil {
		return nil, err
	}
	info, err := programinfo.Check(req.GetInfo())
	if err != nil {
		return nil, err
	}
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "this language host cannot attach a debugger (pulumi --attach-debugger)"}, nil
	}
	opts, err := parseRuntimeOptions(info.GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	node, err := findNode()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runScript := runModule
	if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" {
		runScript = override
	}
	runScript, err = resolveModule(ctx, node, info.GetProgramDirectory(), runScript,
		"is @pulumi/pulumi installed for this program (pulumi install)?")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	configEnv, err := runner.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys(), legacyConfigKey)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript)
	args = append(args, runFlags(req, info, engineAddress, h.Tracing())...)
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(), configEnv...)
	env = append(env, opts.typescriptEnv()...)

	// Stop node when the engine cancels (Cancel RPC) or drops this request.
	runCtx, stop := h.Bind(ctx)
	defer stop()

	// node gets pipes, not this process's descriptors (runner.HostStdio).
	cmd := nodeCommand(runCtx, node, args, info.GetProgramDirectory(), env)
	logging.V(5).Infof("pulumi-language-nodejs: running %s %v in %s", node, args, cmd.Dir)
	return runner.RunProgram(cmd), nil
}

// runFlags are the command-line flags @pulumi/pulumi's cmd/run parses (minimist; see its usage()):
// dashed names, and --dry-run a bare flag. It copies them into PULUMI_NODEJS_* variables for
// every copy of the SDK the program loads.
func runFlags(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo, engineAddress, tracing string) []string {
	return runner.FlagStyle{WordSeparator: "-"}.Flags(req, info, engineAddress, tracing)
}

// legacyConfigKey is a config key as it goes out in PULUMI_CONFIG: in the
// "<namespace>:config:<name>" form. @pulumi/pulumi accepts that and the newer "<namespace>:<name>",
// older SDKs only the first, so this is the form every SDK version understands.
func legacyConfigKey(k string) (string, error) {
	key, err := config.ParseKey(k)
	if err != nil {
		return "", err
	}
	return key.Namespace() + ":config:" + key.Name(), nil
}
