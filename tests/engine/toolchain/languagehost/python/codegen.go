package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"

	pycodegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// GeneratePackage (`pulumi package gen-sdk`, and the first step of `pulumi package add`) writes
// the Python SDK for a schema into req.Directory with Pulumi's own Python code generator
// (pkg/v3/codegen/python): a setup.py (or pyproject.toml) distribution whose top-level module
// carries pulumi-plugin.json, which is how GetRequiredPackages later finds the package. Schemas
// this package references are resolved through the engine's schema loader (req.LoaderTarget).
// Binding problems come back as diagnostics, not as an RPC error, so the CLI can show them.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return resp, nil
	}
	files, err := pycodegen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), cached)
	if err != nil {
		return nil, fmt.Errorf("generating the Python SDK for %s: %w", pkg.Name, err)
	}
	if err := writeFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return resp, nil
}

// writeFiles writes generated files below dir; a name that would land outside it is refused,
// since names come from a schema and extra files the host did not write itself.
func writeFiles(dir string, files map[string][]byte) error {
	if dir == "" {
		return errors.New("no output directory for the generated SDK")
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !filepath.IsLocal(name) {
			return fmt.Errorf("refusing to write generated file %q outside %s", name, dir)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Link (`pulumi package add`, after GeneratePackage) adds each generated SDK folder to the
// program's dependencies through the toolchain: for pip, the folder's path relative to the
// project root (e.g. sdks/tiny-component) replaces any requirements.txt line naming the same
// distribution; poetry and uv add a path dependency to pyproject.toml. The CLI runs
// InstallDependencies next. The answer is the import line to print, e.g.
// `import pulumi_tiny_component as tiny_component`.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	_, opts, err := programWithOptions(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	paths := map[string]string{} // distribution name -> path
	var imports []string
	for _, dep := range req.GetPackages() {
		if dep.GetPackage().GetName() == "pulumi" { // a local build of the Python SDK itself
			paths["pulumi"] = dep.GetPath()
			continue
		}
		pkg, err := loadLinkedPackage(ctx, cached, dep.GetPackage())
		if err != nil {
			return nil, err
		}
		dist, alias, err := pythonNames(pkg)
		if err != nil {
			return nil, err
		}
		paths[dist] = dep.GetPath()
		imports = append(imports, fmt.Sprintf("  import %s as %s\n", dist, alias))
	}

	tc, err := toolchain.ResolveToolchain(linkToolchain(opts.PythonOptions))
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, paths); err != nil {
		return nil, fmt.Errorf("adding the SDK to the program's dependencies: %w", err)
	}
	return &pulumirpc.LinkResponse{ImportInstructions: importInstructions(imports)}, nil
}

// loadLinkedPackage fetches the schema of a package being linked from the CLI's loader, which
// `pulumi package add` has primed with the schema it just generated the SDK from.
func loadLinkedPackage(ctx context.Context, loader schema.ReferenceLoader, dep *pulumirpc.PackageDependency,
) (*schema.Package, error) {
	desc := &schema.PackageDescriptor{Name: dep.GetName(), DownloadURL: dep.GetServer()}
	if v, err := semver.ParseTolerant(dep.GetVersion()); err == nil {
		desc.Version = &v
	} else if dep.GetVersion() != "" {
		logging.V(5).Infof("Link: ignoring the version %q of %s: %v", dep.GetVersion(), dep.GetName(), err)
	}
	if p := dep.GetParameterization(); p != nil {
		desc.Parameterization = &schema.ParameterizationDescriptor{Name: p.GetName(), Value: p.GetValue()}
		if v, err := semver.ParseTolerant(p.GetVersion()); err == nil {
			desc.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, loader, desc)
	if err != nil {
		return nil, fmt.Errorf("loading the schema of %s: %w", dep.GetName(), err)
	}
	return ref.Definition()
}

// pythonNames are the distribution (and top-level module) name of a package's generated SDK and
// the alias to import it under: language.python.packageName when the schema sets one, else
// pulumi_<name> (or <namespace>_<name>), imported as <name> with - turned into _.
func pythonNames(pkg *schema.Package) (dist, alias string, err error) {
	if err := pkg.ImportLanguages(map[string]schema.Language{"python": pycodegen.Importer}); err != nil {
		return "", "", err
	}
	if info, ok := pkg.Language["python"].(pycodegen.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName, info.PackageName, nil
	}
	return pycodegen.PyPack(pkg.Namespace, pkg.Name), strings.ReplaceAll(pkg.Name, "-", "_"), nil
}

// linkToolchain picks the toolchain whose files Link edits. A poetry or uv project that still
// has only a requirements.txt (before its first `pulumi install` converts it) is linked as pip,
// so the line ends up in the file that conversion reads.
func linkToolchain(opts toolchain.PythonOptions) toolchain.PythonOptions {
	if opts.Toolchain == toolchain.Pip || opts.Toolchain == toolchain.Auto {
		return opts
	}
	if !fileExists(filepath.Join(opts.ProgramDir, "pyproject.toml")) &&
		fileExists(filepath.Join(opts.ProgramDir, "requirements.txt")) {
		opts.Toolchain = toolchain.Pip
	}
	return opts
}

func importInstructions(imports []string) string {
	switch len(imports) {
	case 0:
		return ""
	case 1:
		return "You can import the SDK in your Python code with:\n\n" + imports[0]
	default:
		return "You can import the SDKs in your Python code with:\n\n" + strings.Join(imports, "")
	}
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
