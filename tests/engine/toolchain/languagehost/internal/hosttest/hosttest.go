// Package hosttest has the helpers the hosts' tests share: runtime options as the engine sends
// them, files in a test folder, and the host served over loopback gRPC, so that a test calls its
// RPCs the way the engine does (through the embedded session and the Unimplemented fallbacks).
// Only _test.go files import it.
package hosttest

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Options is a Pulumi.yaml `runtime.options` map as ProgramInfo carries it; nil stays nil (no
// options at all).
func Options(t testing.TB, m map[string]any) *structpb.Struct {
	t.Helper()
	if m == nil {
		return nil
	}
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Result checks what a parse-like function returned: an error when wantErr, else no error and
// got deep-equal to want.
func Result[T any](t testing.TB, got T, err error, want T, wantErr bool) {
	t.Helper()
	if wantErr {
		if err == nil {
			t.Fatalf("want an error, got %+v", got)
		}
		return
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

// WriteFile writes content to root/rel, creating the folders on the way.
func WriteFile(t testing.TB, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Serve serves srv on a loopback port for the rest of the test and returns a client for it.
func Serve(t testing.TB, srv pulumirpc.LanguageRuntimeServer) pulumirpc.LanguageRuntimeClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	pulumirpc.RegisterLanguageRuntimeServer(server, srv)
	go func() { _ = server.Serve(lis) }()
	t.Cleanup(server.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return pulumirpc.NewLanguageRuntimeClient(conn)
}

// A Call makes one RPC through a client and returns its error.
type Call func(ctx context.Context, c pulumirpc.LanguageRuntimeClient) error

// Unary is the Call of a unary RPC, named by its method expression, with req:
// Unary(pulumirpc.LanguageRuntimeClient.Link, &pulumirpc.LinkRequest{}).
func Unary[Req, Resp any](
	method func(pulumirpc.LanguageRuntimeClient, context.Context, *Req, ...grpc.CallOption) (*Resp, error), req *Req,
) Call {
	return func(ctx context.Context, c pulumirpc.LanguageRuntimeClient) error {
		_, err := method(c, ctx, req)
		return err
	}
}

// RunPlugin is the Call of the streaming RunPlugin RPC: its error is the stream's first answer.
func RunPlugin(req *pulumirpc.RunPluginRequest) Call {
	return func(ctx context.Context, c pulumirpc.LanguageRuntimeClient) error {
		stream, err := c.RunPlugin(ctx, req)
		if err != nil {
			return err
		}
		_, err = stream.Recv()
		return err
	}
}

// RPC is one call and the status code it must answer with.
type RPC struct {
	Name string
	Call Call
	Code codes.Code
}

// CheckRPCs makes the calls in order, on one host, and checks each one's code.
func CheckRPCs(t *testing.T, c pulumirpc.LanguageRuntimeClient, rpcs []RPC) {
	t.Helper()
	for _, r := range rpcs {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := r.Call(ctx, c)
		cancel()
		if got := status.Code(err); got != r.Code {
			t.Errorf("%s: got %v (%v), want %v", r.Name, got, err, r.Code)
		}
	}
}

// Unimplemented is an RPC the host does not define: the embedded fallback answers it.
func Unimplemented(name string, call Call) RPC {
	return RPC{Name: name + " is not implemented", Call: call, Code: codes.Unimplemented}
}

// SessionRPCs are what every host answers alike, for a host started without an engine address
// and the version given (package session, package programinfo), in this order.
func SessionRPCs(version string) []RPC {
	type client = pulumirpc.LanguageRuntimeClient
	run := Unary(client.Run, &pulumirpc.RunRequest{})
	return []RPC{
		{"GetPluginInfo reports the version", func(ctx context.Context, c client) error {
			info, err := c.GetPluginInfo(ctx, &emptypb.Empty{})
			if err == nil && info.GetVersion() != version {
				return status.Errorf(codes.Unknown, "version %q, want %q", info.GetVersion(), version)
			}
			return err
		}, codes.OK},
		{"Run before the engine address is known", run, codes.FailedPrecondition},
		{"Handshake without an address", Unary(client.Handshake, &pulumirpc.LanguageHandshakeRequest{}),
			codes.InvalidArgument},
		{"Handshake", Unary(client.Handshake, &pulumirpc.LanguageHandshakeRequest{EngineAddress: "127.0.0.1:1"}),
			codes.OK},
		{"Run without program info", run, codes.InvalidArgument},
		{"GetRequiredPackages without program info",
			Unary(client.GetRequiredPackages, &pulumirpc.GetRequiredPackagesRequest{}), codes.InvalidArgument},
		{"GetRequiredPlugins without program info",
			Unary(client.GetRequiredPlugins, &pulumirpc.GetRequiredPluginsRequest{}), codes.InvalidArgument},
		{"GetProgramDependencies without program info",
			Unary(client.GetProgramDependencies, &pulumirpc.GetProgramDependenciesRequest{}), codes.InvalidArgument},
		{"Cancel", Unary(client.Cancel, &emptypb.Empty{}), codes.OK},
	}
}
