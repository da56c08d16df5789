package main

import (
	"fmt"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"alexa-app-linking/engine-toolchain/languagehost/internal/runner"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a plugin written in Node.js: a folder whose PulumiPlugin.yaml says
// `runtime: nodejs`, e.g. a component provider used through `pulumi package add`. The engine
// (plugin.ExecPlugin) sends the plugin folder as the program directory, its own working
// directory, the full environment and the plugin's arguments (engine address last); this runs
//
//	node [nodeargs] <@pulumi/pulumi/cmd/run-plugin resolved from the plugin folder> <plugin folder> <args>
//
// in that working directory and streams stdout/stderr back; the plugin's first stdout line is
// its port, read by the engine through this stream. The exit status is sent as the last
// message. The engine stops the plugin by cancelling the stream: node then gets SIGINT, and
// SIGKILL after a grace period.
//
// Policy packs (kind "analyzer") are not supported: they need the policy proxy that feeds stack
// configuration to the pack, which this host does not have; that answers Unimplemented.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	if req.GetKind() == string(apitype.AnalyzerPlugin) {
		return status.Error(codes.Unimplemented, "this language host cannot run Node.js policy packs")
	}
	if req.GetAttachDebugger() {
		return status.Error(codes.Unimplemented, "this language host cannot attach a debugger to a plugin")
	}
	info, opts, err := programWithOptions(req.GetInfo())
	if err != nil {
		return err
	}
	node, err := findNode()
	if err != nil {
		return status.Error(codes.FailedPrecondition, err.Error())
	}
	ctx := server.Context()
	runScript, err := resolveModule(ctx, node, info.GetProgramDirectory(), runPluginModule,
		"install the plugin's dependencies (npm/pnpm install in that folder)")
	if err != nil {
		return status.Error(codes.FailedPrecondition, err.Error())
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript, info.GetProgramDirectory())
	args = append(args, req.GetArgs()...)

	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	env = append(env, opts.typescriptEnv()...)

	dir := req.GetPwd()
	if dir == "" {
		dir = info.GetProgramDirectory()
	}

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false /*isTerminal*/)
	if err != nil {
		return err
	}
	defer closer.Close()

	runCtx, stop := h.Bind(ctx)
	defer stop()

	cmd := nodeCommand(runCtx, node, args, dir, env)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	logging.V(5).Infof("pulumi-language-nodejs: running plugin %s %v in %s", node, args, dir)

	runErr := cmd.Run()
	code, exited := runner.ExitCode(runErr)
	if runErr != nil && !exited {
		return status.Error(codes.Internal, fmt.Sprintf("could not run the plugin with %s: %v", node, runErr))
	}
	if err := closer.Close(); err != nil {
		return err
	}
	return server.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
	})
}
