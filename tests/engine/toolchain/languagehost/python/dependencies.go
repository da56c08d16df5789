package main

import (
	"context"
	"fmt"

	"google.golang.org/grpc"

	"alexa-app-linking/engine-toolchain/languagehost/internal/dependency"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// InstallDependencies (`pulumi install`, and the last step of `pulumi package add`) lets the
// toolchain install the program's dependencies: for pip, create the virtualenv when
// runtime.options.virtualenv names one (python3 -m venv, then pip, setuptools and wheel
// upgraded) and `pip install -r requirements.txt`; for poetry and uv, their own install. Output
// streams back to the engine. Python plugins that are buildable packages are not installed as
// such: this host does not run Python plugins (RunPlugin is unimplemented).
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	info, opts, tc, err := programToolchain(req.GetInfo(), req.GetIsPlugin())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	fmt.Fprintf(stdout, "Installing dependencies in %s with %s...\n", info.GetProgramDirectory(), toolchain.Name(opts.Toolchain))
	// useLanguageVersionTools makes the toolchain install the pyenv-pinned Python first.
	if err := tc.InstallDependencies(server.Context(), info.GetProgramDirectory(), req.GetUseLanguageVersionTools(),
		true /*showOutput*/, stdout, stderr); err != nil {
		return err
	}
	// The toolchain has already printed "Finished installing dependencies".
	return closer.Close()
}

// GetProgramDependencies (`pulumi about`) lists what the toolchain reports as installed.
func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	_, _, tc, err := programToolchain(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	deps, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("listing the Python dependencies: %w", err)
	}
	return dependency.ProgramDependencies(deps), nil
}

// About (`pulumi about`) reports the Python executable, its version and the toolchain's.
func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	// Older engines sent no program info: describe the ambient Python with pip then.
	opts := runtimeOptions{PythonOptions: toolchain.PythonOptions{Toolchain: toolchain.Pip}}
	if req.GetInfo() != nil {
		var err error
		if _, opts, err = programWithOptions(req.GetInfo(), false); err != nil {
			return nil, err
		}
	}
	tc, err := toolchain.ResolveToolchain(opts.PythonOptions)
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	meta := map[string]string{
		"toolchain":        toolchain.Name(opts.Toolchain),
		"toolchainVersion": about.ToolchainVersion.String(),
	}
	if opts.typechecker != "" {
		meta["typechecker"] = opts.typechecker + " (not run by this host)"
	}
	return &pulumirpc.AboutResponse{
		Executable: about.PythonExecutable,
		Version:    about.PythonVersion.String(),
		Metadata:   meta,
	}, nil
}
