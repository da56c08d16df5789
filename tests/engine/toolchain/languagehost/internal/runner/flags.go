package runner

import (
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// FlagStyle is how one SDK's program runner spells the flags a Run request turns into. Both
// runners take the same flags, --monitor, --engine, --organization, --project,
// --root-directory, --stack, --pwd, --dry-run, --parallel and --tracing, each followed by its
// value and left out when that is empty; they differ only in these two points.
type FlagStyle struct {
	// WordSeparator joins the words of a name: "-" (root-directory) or "_" (root_directory).
	WordSeparator string
	// DryRunValue gives --dry-run always, with the value true or false; without it, --dry-run
	// is a bare flag, present only for a preview.
	DryRunValue bool
}

// Flags are the runner's flags for req: the program info's directories, the engine's address
// and the host's tracing endpoint.
func (s FlagStyle) Flags(req *pulumirpc.RunRequest, info *pulumirpc.ProgramInfo, engineAddress, tracing string) []string {
	var flags []string
	add := func(name, value string) {
		if value != "" {
			flags = append(flags, "--"+strings.ReplaceAll(name, "-", s.WordSeparator), value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	switch {
	case s.DryRunValue:
		add("dry-run", strconv.FormatBool(req.GetDryRun()))
	case req.GetDryRun():
		flags = append(flags, "--"+strings.ReplaceAll("dry-run", "-", s.WordSeparator))
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)
	return flags
}
