package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"

	"alexa-app-linking/engine-toolchain/languagehost/internal/dependency"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// GetRequiredPackages reports the Pulumi packages installed in the program's Python environment,
// as Pulumi's host does: every distribution that ships a pulumi-plugin.json in its top-level
// module (what generated SDKs, including `pulumi package add` ones, carry), and, for SDKs
// older than that file, every distribution named pulumi-*. A pulumi-plugin.json with
// `resource: false` means "no plugin". Creating the virtualenv first when it is missing is also
// what Pulumi's host does, so `pulumi up` works without a prior `pulumi install`.
func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	info, _, tc, err := programToolchain(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	stdout, stderr, closeLog, err := h.engineLog(ctx)
	if err != nil {
		return nil, err
	}
	defer closeLog()
	if err := tc.EnsureVenv(ctx, info.GetProgramDirectory(), false, true, stdout, stderr); err != nil {
		return nil, err
	}

	dists, err := installedDistributions(ctx, tc)
	if err != nil {
		return nil, err
	}
	packages := []*pulumirpc.PackageDependency{}
	for _, d := range dists {
		dep, err := packageDependency(d)
		if err != nil {
			return nil, err
		}
		if dep != nil {
			packages = append(packages, dep)
		}
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

// GetRequiredPlugins is the deprecated form; the engine only calls it when GetRequiredPackages
// is unimplemented. Pulumi's Python host no longer implements it either.
func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	resp, err := h.GetRequiredPackages(ctx, &pulumirpc.GetRequiredPackagesRequest{Info: req.GetInfo()})
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: dependency.Plugins(resp.GetPackages())}, nil
}

// distribution is one installed Python distribution as distributionsScript reports it.
type distribution struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// PluginJSON is the content of <module>/pulumi-plugin.json, empty when there is none.
	PluginJSON string `json:"plugin"`
}

// distributionsScript prints every installed distribution with its pulumi-plugin.json, in one
// Python process. The file is looked for among the distribution's recorded files first (a file
// directly inside a top-level package), then in the module named after the distribution, which
// covers editable installs whose files are not recorded.
const distributionsScript = `import importlib.metadata as md, importlib.util, json, os
out = []
for d in md.distributions():
    name = d.metadata["Name"]
    if not name:
        continue
    text = ""
    for f in d.files or []:
        parts = f.parts
        if len(parts) == 2 and parts[1] == "pulumi-plugin.json":
            try:
                text = f.read_text()
            except OSError:
                pass
            break
    if not text:
        try:
            spec = importlib.util.find_spec(name.replace("-", "_").lower())
        except Exception:
            spec = None
        for loc in (spec.submodule_search_locations or []) if spec else []:
            p = os.path.join(loc, "pulumi-plugin.json")
            if os.path.isfile(p):
                with open(p) as fh:
                    text = fh.read()
                break
    out.append({"name": name, "version": d.version, "plugin": text})
print(json.dumps(out))
`

func installedDistributions(ctx context.Context, tc toolchain.Toolchain) ([]distribution, error) {
	cmd, err := tc.Command(ctx, "-c", distributionsScript)
	if err != nil {
		return nil, err
	}
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) && len(exitErr.Stderr) > 0 {
			err = fmt.Errorf("%w: %s", err, strings.TrimSpace(string(exitErr.Stderr)))
		}
		return nil, fmt.Errorf("listing the installed Python packages with %s: %w", cmd.Path, err)
	}
	return parseDistributions(out)
}

func parseDistributions(out []byte) ([]distribution, error) {
	var dists []distribution
	if err := json.Unmarshal(out, &dists); err != nil {
		return nil, fmt.Errorf("reading the installed Python packages: %w", err)
	}
	return dists, nil
}

// withoutPlugin are pulumi-* distributions known to have no plugin and no pulumi-plugin.json.
var withoutPlugin = map[string]bool{"pulumi-policy": true, "pulumi-esc-sdk": true}

// packageDependency turns a distribution into the package the engine should provide, or nil
// when it is not a Pulumi package or has no plugin. Name and version come from pulumi-plugin.json
// when it says them, else from the distribution: pulumi-aws 7.1.0 -> aws v7.1.0. A version
// that cannot be translated from PEP 440 skips the package (logged), as with Pulumi's host.
func packageDependency(d distribution) (*pulumirpc.PackageDependency, error) {
	normalized := normalizeName(d.Name)
	var pj *plugin.PulumiPluginJSON
	if d.PluginJSON != "" {
		pj = &plugin.PulumiPluginJSON{}
		if err := json.Unmarshal([]byte(d.PluginJSON), pj); err != nil {
			return nil, fmt.Errorf("pulumi-plugin.json of %s: %w", d.Name, err)
		}
		if !pj.Resource {
			return nil, nil
		}
	} else if !strings.HasPrefix(normalized, "pulumi-") || withoutPlugin[normalized] {
		return nil, nil
	}

	dep := &pulumirpc.PackageDependency{Kind: "resource"}
	if pj != nil {
		dep.Name, dep.Version, dep.Server = pj.Name, pj.Version, pj.Server
		dep.Parameterization = dependency.Parameterization(pj.Parameterization)
	}
	if dep.Name == "" {
		dep.Name = strings.TrimPrefix(normalized, "pulumi-")
	}
	if dep.Version == "" {
		v, err := pluginVersion(d.Version)
		if err != nil {
			logging.V(5).Infof("GetRequiredPackages: skipping %s: %v", d.Name, err)
			return nil, nil
		}
		dep.Version = v
	}
	dep.Version = dependency.Version(dep.Version)
	return dep, nil
}

// normalizeName is PEP 503 normalization: lower case, runs of -_. become one -.
func normalizeName(name string) string {
	return strings.ToLower(nameSeparators.ReplaceAllString(name, "-"))
}

var nameSeparators = regexp.MustCompile(`[-_.]+`)

// pep440 matches the release-segment, pre, post and dev parts of a PEP 440 version (no epoch,
// no local part: plugin versions have no counterpart for those).
var pep440 = regexp.MustCompile(`^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|rc|alpha|beta|c)[-_.]?(\d*))?` +
	`(?:[-_.]?(post)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?$`)

// pluginVersion translates a PEP 440 package version into the semver of its plugin:
// 1.2 -> 1.2.0, 1.2.3a4 -> 1.2.3-alpha.4, 1.2.3rc1 -> 1.2.3-rc.1, 1.2.3.post4 -> 1.2.3+post4,
// 1.2.3.dev5 -> 1.2.3+dev5 (both: +post4dev5). A pre-release's build suffix is not in the
// package version, so such a translation may not name a published plugin; the engine decides.
func pluginVersion(v string) (string, error) {
	m := pep440.FindStringSubmatch(strings.ToLower(strings.TrimSpace(v)))
	if m == nil {
		return "", fmt.Errorf("cannot translate the Python version %q into a plugin version", v)
	}
	release := strings.Split(m[1], ".")
	for len(release) < 3 {
		release = append(release, "0")
	}
	out := strings.Join(release, ".")
	if m[2] != "" {
		pre := map[string]string{"a": "alpha", "alpha": "alpha", "b": "beta", "beta": "beta", "rc": "rc", "c": "rc"}[m[2]]
		n := m[3]
		if n == "" {
			n = "0"
		}
		out += "-" + pre + "." + n
	}
	var build string
	if m[4] != "" {
		build += "post" + m[5]
	}
	if m[6] != "" {
		build += "dev" + m[7]
	}
	if build != "" {
		out += "+" + build
	}
	return out, nil
}
