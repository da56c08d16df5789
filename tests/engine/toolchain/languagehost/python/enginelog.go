package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// engineLog returns writers that show text as ephemeral engine messages (info and error) on one
// stream, for work done inside an RPC that has no output stream of its own: creating the
// virtualenv during GetRequiredPackages. close releases the connection.
func (h *host) engineLog(ctx context.Context) (stdout, stderr io.Writer, close func(), err error) {
	address, err := h.Engine()
	if err != nil {
		return nil, nil, nil, err
	}
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()),
		rpcutil.GrpcChannelOptions())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("connecting to the engine at %s: %w", address, err)
	}
	client := pulumirpc.NewEngineClient(conn)
	stream := rand.Int32() //nolint:gosec // a display stream id, not a secret
	stdout = &engineWriter{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_INFO}
	stderr = &engineWriter{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_ERROR}
	return stdout, stderr, func() { _ = conn.Close() }, nil
}

type engineWriter struct {
	ctx      context.Context
	client   pulumirpc.EngineClient
	stream   int32
	severity pulumirpc.LogSeverity
}

func (w *engineWriter) Write(p []byte) (int, error) {
	_, err := w.client.Log(w.ctx, &pulumirpc.LogRequest{
		Message:   strings.ToValidUTF8(string(p), "\uFFFD"),
		Ephemeral: true,
		StreamId:  w.stream,
		Severity:  w.severity,
	})
	if err != nil {
		return 0, err
	}
	return len(p), nil
}
