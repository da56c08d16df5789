package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"alexa-app-linking/engine-toolchain/languagehost/internal/dependency"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDependencies (`pulumi install`, and `pulumi package add` for a plugin folder) runs the
// configured package manager's install through the SDK's npm package, in the workspace root when
// the program sits in an npm/yarn/pnpm workspace, else in the program directory. Output streams
// back to the engine. `--use-language-version-tools` (fnm) is not supported and says so.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	info, opts, err := programWithOptions(req.GetInfo())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	if req.GetUseLanguageVersionTools() {
		fmt.Fprintln(stderr, "note: this language host does not switch Node.js versions; using node from $PATH")
	}

	dir := info.GetProgramDirectory()
	root, err := npm.FindWorkspaceRoot(dir)
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "Detected workspace root at %s\n", root)
		dir = root
	case !errors.Is(err, npm.ErrNotInWorkspace):
		return fmt.Errorf("looking for a workspace root above %s: %w", dir, err)
	}

	fmt.Fprintf(stdout, "Installing dependencies in %s...\n", dir)
	pm, err := npm.Install(server.Context(), opts.packagemanager, dir, false /*production*/, stdout, stderr)
	if err != nil {
		return fmt.Errorf("%s install in %s failed: %w", pm, dir, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}

// GetProgramDependencies (`pulumi about`) lists the packages the package manager reports.
func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	info, opts, err := programWithOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	pm, err := npm.ResolvePackageManager(opts.packagemanager, info.GetProgramDirectory())
	if err != nil {
		return nil, fmt.Errorf("choosing a package manager: %w", err)
	}
	deps, err := pm.ListPackages(ctx, info.GetProgramDirectory(), req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("listing Node.js dependencies with %s: %w", pm.Name(), err)
	}
	return dependency.ProgramDependencies(deps), nil
}

// About (`pulumi about`) reports node and the package manager. A version that cannot be read
// is left empty rather than failing the command.
func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	info, opts, err := programWithOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	node, err := findNode()
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	resp := &pulumirpc.AboutResponse{Executable: node, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	pm, err := npm.ResolvePackageManager(opts.packagemanager, info.GetProgramDirectory())
	if err != nil {
		return nil, fmt.Errorf("choosing a package manager: %w", err)
	}
	resp.Metadata["packagemanager"] = pm.Name()
	if v, err := pm.Version(); err == nil {
		resp.Metadata["packagemanagerVersion"] = v.String()
	}
	return resp, nil
}
