// Package programinfo checks the ProgramInfo that the engine sends with every request about a
// program (or plugin folder), and reads its runtime options, the same way for every host.
package programinfo

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ErrMissing is the answer to a request without a program directory.
var ErrMissing = status.Error(codes.InvalidArgument, "request carries no program info")

// Check returns info when it names a program directory, else ErrMissing.
func Check(info *pulumirpc.ProgramInfo) (*pulumirpc.ProgramInfo, error) {
	if info == nil || info.GetProgramDirectory() == "" {
		return nil, ErrMissing
	}
	return info, nil
}

// WithOptions is Check plus the program's runtime options as the host's parse reads them; bad
// options are the caller's error (InvalidArgument).
func WithOptions[T any](info *pulumirpc.ProgramInfo, parse func(*pulumirpc.ProgramInfo) (T, error),
) (*pulumirpc.ProgramInfo, T, error) {
	var none T
	program, err := Check(info)
	if err != nil {
		return nil, none, err
	}
	opts, err := parse(program)
	if err != nil {
		return nil, none, status.Error(codes.InvalidArgument, err.Error())
	}
	return program, opts, nil
}
