package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"alexa-app-linking/engine-toolchain/languagehost/internal/dependency"
	"alexa-app-linking/engine-toolchain/languagehost/internal/programinfo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// GetRequiredPackages answers honestly from disk: every package.json inside a node_modules
// folder below the program directory whose `pulumi` field says `resource: true` is a provider
// plugin the program may use, with its name, version, download server and parameterization.
//
// The search goes DOWN from the program directory (following symlinks, as pnpm links packages),
// never up: that is what the real Node.js host does, and the engine layer has to see what users
// see. With a hoisted workspace whose node_modules sits above the program folder the answer is
// empty, and that is still correct for the engine: required packages are only a pre-install
// hint (engine.installPlugins is best effort; with PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION
// the failures are only logged), and the provider registry loads each provider plugin when the
// program first registers a resource of that package, from the version the SDK sends.
//
// Read errors are logged and the packages found so far are returned, like the real host.
func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	info, err := programinfo.Check(req.GetInfo())
	if err != nil {
		return nil, err
	}
	packages, err := findProviderPackages(info.GetProgramDirectory())
	if err != nil {
		logging.V(3).Infof("GetRequiredPackages: errors while looking for provider packages: %v", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

// GetRequiredPlugins is the deprecated form of GetRequiredPackages (the engine calls it only when
// GetRequiredPackages is unimplemented); same search, without parameterization.
func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd() //nolint:staticcheck // older engines only sent pwd
	}
	if dir == "" {
		return nil, programinfo.ErrMissing
	}
	packages, err := findProviderPackages(dir)
	if err != nil {
		logging.V(3).Infof("GetRequiredPlugins: errors while looking for provider packages: %v", err)
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: dependency.Plugins(packages)}, nil
}

// packageManifest is the part of a package.json this search reads.
type packageManifest struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
}

func findProviderPackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	root, err := filepath.Abs(programDir)
	if err != nil {
		return nil, err
	}
	w := &packageWalk{seen: map[string]int{}}
	w.dir(root, false)
	return w.found, errors.Join(w.errs...)
}

type packageWalk struct {
	// real paths already visited (symlink cycles, a shared pnpm store): 1 = outside node_modules,
	// 2 = inside. A folder first met outside node_modules is searched again when a node_modules
	// link leads to it, because only then do its package.json files count.
	seen  map[string]int
	found []*pulumirpc.PackageDependency
	errs  []error
}

func (w *packageWalk) dir(dir string, inNodeModules bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	state := 1
	if inNodeModules {
		state = 2
	}
	if w.seen[real] >= state {
		return
	}
	w.seen[real] = state

	// A policy pack's own dependencies are not the program's.
	if pack, err := workspace.DetectPolicyPackPathAt(dir); err != nil {
		w.errs = append(w.errs, err)
		return
	} else if pack != "" {
		return
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	childrenInNodeModules := inNodeModules || filepath.Base(dir) == "node_modules"
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				w.errs = append(w.errs, fmt.Errorf("following link %s: %w", path, err))
				continue
			}
			isDir = fi.IsDir()
		}
		switch {
		case isDir && e.Name() == ".git":
			continue
		case isDir:
			w.dir(path, childrenInNodeModules)
		case inNodeModules && e.Name() == "package.json":
			w.manifest(path)
		}
	}
}

func (w *packageWalk) manifest(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	var m packageManifest
	if err := json.Unmarshal(b, &m); err != nil {
		w.errs = append(w.errs, fmt.Errorf("%s: %w", path, err))
		return
	}
	if !m.Pulumi.Resource {
		return
	}
	dep, err := providerDependency(m)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("%s: %w", path, err))
		return
	}
	w.found = append(w.found, dep)
}

// providerDependency names the plugin the way Pulumi's Node.js packages declare it: an explicit
// pulumi.name, else the package name without the @pulumi/ scope (other scopes must say a name);
// pulumi.version, else the package version, with a leading "v".
func providerDependency(m packageManifest) (*pulumirpc.PackageDependency, error) {
	name := m.Pulumi.Name
	if name == "" {
		rest, ok := strings.CutPrefix(m.Name, "@pulumi/")
		if !ok || rest == "" {
			return nil, fmt.Errorf("package %q has pulumi.resource but no pulumi.name", m.Name)
		}
		name = rest
	}
	version := m.Pulumi.Version
	if version == "" {
		version = m.Version
	}
	if version == "" {
		return nil, fmt.Errorf("package %q has no version", m.Name)
	}
	return &pulumirpc.PackageDependency{
		Name:             name,
		Kind:             "resource",
		Version:          dependency.Version(version),
		Server:           m.Pulumi.Server,
		Parameterization: dependency.Parameterization(m.Pulumi.Parameterization),
		Extension:        dependency.Parameterization(m.Pulumi.ExtensionParameterization),
	}, nil
}
