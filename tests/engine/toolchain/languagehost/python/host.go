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
// embedded UnimplementedLanguageRuntimeServer and answer codes.Unimplemented; nothing is faked.
//
// Implemented: Handshake, GetRequiredPackages, GetRequiredPlugins, Run, GetPluginInfo,
// InstallDependencies, GetProgramDependencies, About, GeneratePackage, Link, Cancel.
// Not implemented: RunPlugin (plugins and policy packs written in Python), Pack (`pulumi package
// publish` of a Python SDK), RuntimeOptionsPrompts, Template (`pulumi new`), GenerateProgram and
// GenerateProject (`pulumi convert`).
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing string
	exec    string // pulumi-language-python-exec

	mu            sync.Mutex
	engineAddress string

	// cancelled by the Cancel RPC; every Python process the host starts is bound to it.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newHost(engineAddress, tracing, exec string) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{
		engineAddress: engineAddress,
		tracing:       tracing,
		exec:          exec,
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
// (PULUMI_DEBUG_LANGUAGES=python:<port>); a normally started host gets the address as argv.
func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() == "" {
		return nil, status.Error(codes.InvalidArgument, "handshake without an engine address")
	}
	h.mu.Lock()
	h.engineAddress = req.GetEngineAddress()
	h.mu.Unlock()
	// An attached host belongs to whoever started it, so no health check is tied to this engine.
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion}, nil
}

// Cancel interrupts every Python process this host started (SIGINT, then SIGKILL after a grace
// period); their RPCs then return with the process's exit status.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelFunc()
	return &emptypb.Empty{}, nil
}

var errNoProgramInfo = status.Error(codes.InvalidArgument, "request carries no program info")

// programWithOptions checks the program info and reads its runtime options; bad options are the
// caller's error.
func programWithOptions(info *pulumirpc.ProgramInfo, isPlugin bool) (*pulumirpc.ProgramInfo, runtimeOptions, error) {
	if info == nil || info.GetProgramDirectory() == "" {
		return nil, runtimeOptions{}, errNoProgramInfo
	}
	opts, err := parseRuntimeOptions(info.GetRootDirectory(), info.GetProgramDirectory(), info.GetOptions(), isPlugin)
	if err != nil {
		return nil, runtimeOptions{}, status.Error(codes.InvalidArgument, err.Error())
	}
	return info, opts, nil
}
