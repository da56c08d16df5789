package main

import (
	"context"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntimeServer. Methods it does not define come from the
// embedded UnimplementedLanguageRuntimeServer and answer codes.Unimplemented, which the engine
// understands (it falls back or reports the feature as unsupported); nothing is faked.
//
// Implemented: Handshake, GetRequiredPackages, GetRequiredPlugins, Run, GetPluginInfo,
// InstallDependencies, GetProgramDependencies, About, RunPlugin (not for policy packs), Cancel.
// Not implemented: RuntimeOptionsPrompts, Template (`pulumi new`), GenerateProgram,
// GenerateProject, GeneratePackage, Pack, Link (`pulumi convert`, `pulumi package gen-sdk/add`
// into a TypeScript program, which need Pulumi's Node.js code generator).
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing string

	mu            sync.Mutex
	engineAddress string

	// cancelled by the Cancel RPC; every Node.js process the host starts is bound to it.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newHost(engineAddress, tracing string) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{
		engineAddress: engineAddress,
		tracing:       tracing,
		cancelCtx:     ctx,
		cancelFunc:    cancel,
	}
}

func (h *host) engine() (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.engineAddress == "" {
		return "", status.Error(codes.FailedPrecondition,
			"no engine address: start the host with the engine address as its argument, or call Handshake first")
	}
	return h.engineAddress, nil
}

// Handshake is only used when the engine attaches to an already running host
// (PULUMI_DEBUG_LANGUAGES=nodejs:<port>); a normally started host gets the address as argv.
func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() == "" {
		return nil, status.Error(codes.InvalidArgument, "handshake without an engine address")
	}
	h.mu.Lock()
	h.engineAddress = req.GetEngineAddress()
	h.mu.Unlock()
	// An attached host belongs to whoever started it (a debugger), not to this engine: it keeps
	// serving after the engine exits, so no health check is tied to this address.
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion}, nil
}

// Cancel interrupts every Node.js process this host started (programs and plugins get SIGINT,
// then SIGKILL after a grace period); their RPCs then return with the process's exit status.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelFunc()
	return &emptypb.Empty{}, nil
}

var errNoProgramInfo = status.Error(codes.InvalidArgument, "request carries no program info")

func programInfo(info *pulumirpc.ProgramInfo) (*pulumirpc.ProgramInfo, error) {
	if info == nil || info.GetProgramDirectory() == "" {
		return nil, errNoProgramInfo
	}
	return info, nil
}

// programWithOptions is programInfo plus its runtime options; bad options are the caller's error.
func programWithOptions(info *pulumirpc.ProgramInfo) (*pulumirpc.ProgramInfo, runtimeOptions, error) {
	program, err := programInfo(info)
	if err != nil {
		return nil, runtimeOptions{}, err
	}
	opts, err := parseRuntimeOptions(program.GetOptions())
	if err != nil {
		return nil, runtimeOptions{}, status.Error(codes.InvalidArgument, err.Error())
	}
	return program, opts, nil
}
