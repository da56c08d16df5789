package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

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
// Outcome mapping: exit 0 -> success; exit 32 -> Bail (the SDK already reported the error to the
// engine); any other exit -> Error "Program exited with non-zero exit code: N"; node missing or
// not startable, or @pulumi/pulumi not resolvable -> Error with that message.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engineAddress, err := h.engine()
	if err != nil {
		return nil, err
	}
	info, err := programInfo(req.GetInfo())
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

	configJSON, err := programConfig(req.GetConfig())
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

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript)
	args = append(args, runFlags(req, info, engineAddress, h.tracing)...)
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(),
		"PULUMI_CONFIG="+configJSON,
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	env = append(env, opts.typescriptEnv()...)

	// Stop node when the engine cancels (Cancel RPC) or drops this request.
	runCtx, stop := context.WithCancel(h.cancelCtx)
	defer stop()
	context.AfterFunc(ctx, stop)

	cmd := nodeCommand(runCtx, node, args, info.GetProgramDirectory(), env)
	// Node may switch its stdio to non-blocking mode; giving it pipes (non-*os.File writers)
	// instead of this process's own descriptors keeps the host's stdout and stderr intact.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("pulumi-language-nodejs: running %s %v in %s", node, args, cmd.Dir)

	err = cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	code, exited := exitCode(err)
	switch {
	case !exited:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run the program with %s: %v", node, err)}, nil
	case code == exitUserActionable:
		return &pulumirpc.RunResponse{Bail: true}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
	}
}

// runFlags are the command-line flags @pulumi/pulumi's cmd/run parses (minimist; see its usage()).
// It copies them into PULUMI_NODEJS_* variables for every copy of the SDK the program loads.
func runFlags(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo, engineAddress, tracing string) []string {
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
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		flags = append(flags, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)
	return flags
}

// programConfig serializes the stack configuration for PULUMI_CONFIG. Keys go out in the
// "<namespace>:config:<name>" form: @pulumi/pulumi accepts that and the newer "<namespace>:<name>",
// older SDKs only the first, so this is the form every SDK version understands.
func programConfig(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}
