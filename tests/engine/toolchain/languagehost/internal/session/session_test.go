package session

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The host's own methods win over the embedded Unimplemented ones, and the rest still answer.
var _ pulumirpc.LanguageRuntimeServer = (*Session)(nil)

func TestEngineAddress(t *testing.T) {
	cases := []struct {
		name      string
		argv      string // the address the host was started with
		handshake string // "" = no Handshake
		want      string
		wantCode  codes.Code // of Engine(); OK when want is set
		shakeCode codes.Code // of Handshake
	}{
		{name: "started by the engine", argv: "127.0.0.1:1", want: "127.0.0.1:1"},
		{name: "no address yet", wantCode: codes.FailedPrecondition},
		{name: "attached through Handshake", handshake: "127.0.0.1:2", want: "127.0.0.1:2"},
		{name: "Handshake replaces the argument", argv: "127.0.0.1:1", handshake: "127.0.0.1:2", want: "127.0.0.1:2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(c.argv, "", "v0")
			if c.handshake != "" {
				if _, err := s.Handshake(context.Background(),
					&pulumirpc.LanguageHandshakeRequest{EngineAddress: c.handshake}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Engine()
			if status.Code(err) != c.wantCode || got != c.want {
				t.Fatalf("got %q, %v; want %q, %v", got, err, c.want, c.wantCode)
			}
		})
	}
}

func TestHandshakeWithoutAnAddress(t *testing.T) {
	s := New("127.0.0.1:1", "", "v0")
	_, err := s.Handshake(context.Background(), &pulumirpc.LanguageHandshakeRequest{})
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("got %v", err)
	}
	if got, _ := s.Engine(); got != "127.0.0.1:1" {
		t.Fatalf("a refused Handshake changed the address to %q", got)
	}
}

func TestPluginInfoAndTracing(t *testing.T) {
	s := New("", "http://zipkin.test", "v3.248.0+test")
	info, err := s.GetPluginInfo(context.Background(), nil)
	if err != nil || info.GetVersion() != "v3.248.0+test" || s.Tracing() != "http://zipkin.test" {
		t.Fatalf("got %v, %v, %q", info, err, s.Tracing())
	}
}

// A bound context ends for each of the three reasons, and only for them.
func TestBind(t *testing.T) {
	cases := []struct {
		name string
		end  func(s *Session, cancelRequest, stop context.CancelFunc)
		done bool
	}{
		{"still running", func(*Session, context.CancelFunc, context.CancelFunc) {}, false},
		{"the Cancel RPC", func(s *Session, _, _ context.CancelFunc) {
			if _, err := s.Cancel(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"the engine drops the request", func(_ *Session, cancelRequest, _ context.CancelFunc) { cancelRequest() }, true},
		{"the process finished", func(_ *Session, _, stop context.CancelFunc) { stop() }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New("127.0.0.1:1", "", "v0")
			req, cancelRequest := context.WithCancel(context.Background())
			defer cancelRequest()
			runCtx, stop := s.Bind(req)
			defer stop()
			c.end(s, cancelRequest, stop)
			select {
			case <-runCtx.Done():
				if !c.done {
					t.Fatal("done too early")
				}
			case <-time.After(100 * time.Millisecond):
				if c.done {
					t.Fatal("not done")
				}
			}
		})
	}
}

// Cancel reaches every process, also those bound after other requests ended.
func TestCancelReachesEveryBoundContext(t *testing.T) {
	s := New("127.0.0.1:1", "", "v0")
	first, stopFirst := s.Bind(context.Background())
	defer stopFirst()
	finished, stopFinished := s.Bind(context.Background())
	stopFinished()
	<-finished.Done()
	second, stopSecond := s.Bind(context.Background())
	defer stopSecond()
	if _, err := s.Cancel(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for i, ctx := range []context.Context{first, second} {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
			t.Fatalf("context %d not cancelled", i)
		}
	}
}
