package programinfo

import (
	"errors"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestWithOptions(t *testing.T) {
	// The options a test parse reads: the program directory, or an error for "/bad".
	parse := func(p *pulumirpc.ProgramInfo) (string, error) {
		if p.GetProgramDirectory() == "/bad" {
			return "", errors.New("runtime option x must be a string")
		}
		return "opts of " + p.GetProgramDirectory(), nil
	}
	cases := []struct {
		name     string
		info     *pulumirpc.ProgramInfo
		want     string
		wantCode codes.Code
		wantMsg  string
	}{
		{name: "a program", info: &pulumirpc.ProgramInfo{ProgramDirectory: "/p/app"}, want: "opts of /p/app"},
		{name: "no info", wantCode: codes.InvalidArgument, wantMsg: "request carries no program info"},
		{name: "no program directory", info: &pulumirpc.ProgramInfo{RootDirectory: "/p"},
			wantCode: codes.InvalidArgument, wantMsg: "request carries no program info"},
		{name: "bad options", info: &pulumirpc.ProgramInfo{ProgramDirectory: "/bad"},
			wantCode: codes.InvalidArgument, wantMsg: "runtime option x must be a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, opts, err := WithOptions(c.info, parse)
			if c.wantCode != codes.OK {
				if status.Code(err) != c.wantCode || status.Convert(err).Message() != c.wantMsg || info != nil || opts != "" {
					t.Fatalf("got %v, %q, %v; want %v %q", info, opts, err, c.wantCode, c.wantMsg)
				}
				return
			}
			if err != nil || info != c.info || opts != c.want {
				t.Fatalf("got %v, %q, %v; want %q", info, opts, err, c.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	for _, info := range []*pulumirpc.ProgramInfo{nil, {}, {EntryPoint: "."}} {
		if _, err := Check(info); !errors.Is(err, ErrMissing) {
			t.Errorf("Check(%v) = %v, want ErrMissing", info, err)
		}
	}
	info := &pulumirpc.ProgramInfo{ProgramDirectory: "/p"}
	if got, err := Check(info); got != info || err != nil {
		t.Fatalf("got %v, %v", got, err)
	}
}
