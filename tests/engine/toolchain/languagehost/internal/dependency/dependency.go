// Package dependency holds the rules every host follows when it answers for what a program
// depends on: GetRequiredPackages (the packages whose plugins the engine should provide), its
// deprecated form GetRequiredPlugins, and GetProgramDependencies (`pulumi about`).
package dependency

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Version is a plugin version as the engine wants it, with a leading v (7.1.0 -> v7.1.0).
func Version(v string) string {
	if !strings.HasPrefix(v, "v") {
		return "v" + v
	}
	return v
}

// Parameterization is a package.json `pulumi` field's or a pulumi-plugin.json's parameterization,
// nil when there is none.
func Parameterization(p *plugin.PulumiParameterizationJSON) *pulumirpc.PackageParameterization {
	if p == nil {
		return nil
	}
	return &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
}

// Plugins is the GetRequiredPlugins answer for the packages GetRequiredPackages found, without
// the parameterized ones: a parameterized package cannot be expressed as a plain plugin.
func Plugins(packages []*pulumirpc.PackageDependency) []*pulumirpc.PluginDependency {
	var plugins []*pulumirpc.PluginDependency
	for _, p := range packages {
		if p.GetParameterization() != nil {
			continue
		}
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: p.GetName(), Kind: p.GetKind(), Version: p.GetVersion(), Server: p.GetServer(),
		})
	}
	return plugins
}

// ProgramDependencies is the GetProgramDependencies answer for what the package manager or
// toolchain lists.
func ProgramDependencies(deps []plugin.DependencyInfo) *pulumirpc.GetProgramDependenciesResponse {
	out := make([]*pulumirpc.DependencyInfo, 0, len(deps))
	for _, d := range deps {
		out = append(out, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: out}
}
