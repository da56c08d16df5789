// Package session is the part of a language host that is about the engine rather than the
// language: the engine's address (from the command line, or from Handshake when the engine
// attaches to a running host), the host's version, the tracing endpoint, and the Cancel RPC that
// every child process the host starts is bound to.
//
// A host embeds *Session. Session embeds pulumirpc.UnimplementedLanguageRuntimeServer, so the
// RPCs neither Session nor the host defines answer codes.Unimplemented, which the engine
// understands (it falls back or reports the feature as unsupported); nothing is faked.
package session

import (
	"context"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Session implements Handshake, GetPluginInfo and Cancel of pulumirpc.LanguageRuntimeServer.
type Session struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	version string
	tracing string

	mu            sync.Mutex
	engineAddress string

	// cancelled by the Cancel RPC; every process the host starts is bound to it (Bind).
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

// New starts a session. engineAddress may be empty when the engine will attach with Handshake.
func New(engineAddress, tracing, version string) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	return &Session{
		version:       version,
		tracing:       tracing,
		engineAddress: engineAddress,
		cancelCtx:     ctx,
		cancelFunc:    cancel,
	}
}

// Engine is the engine's gRPC address, or FailedPrecondition while there is none.
func (s *Session) Engine() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.engineAddress == "" {
		return "", status.Error(codes.FailedPrecondition,
			"no engine address: start the host with the engine address as its argument, or call Handshake first")
	}
	return s.engineAddress, nil
}

// Tracing is the tracing endpoint the host was started with (--tracing), for its programs.
func (s *Session) Tracing() string { return s.tracing }

// Bind returns the context a child process started for a request runs under: it is done when the
// engine cancels (Cancel RPC), when the request's ctx is done (the engine dropped the request), or
// when stop is called. Call stop when the process has finished.
func (s *Session) Bind(ctx context.Context) (runCtx context.Context, stop context.CancelFunc) {
	runCtx, stop = context.WithCancel(s.cancelCtx)
	context.AfterFunc(ctx, stop)
	return runCtx, stop
}

// Handshake is only used when the engine attaches to an already running host
// (PULUMI_DEBUG_LANGUAGES=<language>:<port>); a normally started host gets the address as argv.
func (s *Session) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() == "" {
		return nil, status.Error(codes.InvalidArgument, "handshake without an engine address")
	}
	s.mu.Lock()
	s.engineAddress = req.GetEngineAddress()
	s.mu.Unlock()
	// An attached host belongs to whoever started it (a debugger), not to this engine: it keeps
	// serving after the engine exits, so no health check is tied to this address.
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (s *Session) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: s.version}, nil
}

// Cancel interrupts every process this host started (programs and plugins get SIGINT, then
// SIGKILL after a grace period: runner.InterruptOnCancel); their RPCs then return with the
// process's exit status.
func (s *Session) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	s.cancelFunc()
	return &emptypb.Empty{}, nil
}
