package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"alexa-app-linking/engine-toolchain/languagehost/internal/hosttest"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

func TestParseRuntimeOptions(t *testing.T) {
	base := toolchain.PythonOptions{Root: "/p", ProgramDir: "/p/app"}
	with := func(f func(o *runtimeOptions)) runtimeOptions {
		o := runtimeOptions{PythonOptions: base}
		f(&o)
		return o
	}
	cases := []struct {
		name     string
		in       map[string]any
		isPlugin bool
		want     runtimeOptions
		wantErr  bool
	}{
		{"defaults: ambient python, toolchain detected", nil, false, with(func(*runtimeOptions) {}), false},
		{"virtualenv and pip", map[string]any{"virtualenv": "venv", "toolchain": "pip"}, false,
			with(func(o *runtimeOptions) { o.Virtualenv = "venv"; o.Toolchain = toolchain.Pip }), false},
		{"uv", map[string]any{"toolchain": "uv"}, false, with(func(o *runtimeOptions) { o.Toolchain = toolchain.Uv }), false},
		{"poetry", map[string]any{"toolchain": "poetry"}, false,
			with(func(o *runtimeOptions) { o.Toolchain = toolchain.Poetry }), false},
		{"typechecker is recorded", map[string]any{"typechecker": "mypy"}, false,
			with(func(o *runtimeOptions) { o.typechecker = "mypy" }), false},
		{"a plugin gets a venv", nil, true, with(func(o *runtimeOptions) { o.Virtualenv = "venv" }), false},
		{"a plugin keeps its own venv", map[string]any{"virtualenv": ".venv"}, true,
			with(func(o *runtimeOptions) { o.Virtualenv = ".venv" }), false},
		{"a uv plugin gets none", map[string]any{"toolchain": "uv"}, true,
			with(func(o *runtimeOptions) { o.Toolchain = toolchain.Uv }), false},
		{"virtualenv not a string", map[string]any{"virtualenv": true}, false, runtimeOptions{}, true},
		{"unknown toolchain", map[string]any{"toolchain": "conda"}, false, runtimeOptions{}, true},
		{"unknown typechecker", map[string]any{"typechecker": "pytype"}, false, runtimeOptions{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseRuntimeOptions("/p", "/p/app", hosttest.Options(t, c.in), c.isPlugin)
			hosttest.Result(t, got, err, c.want, c.wantErr)
		})
	}
}

func TestParseRuntimeOptionsRootDefaultsToTheProgram(t *testing.T) {
	got, err := parseRuntimeOptions("", "/p/app", nil, false)
	if err != nil || got.Root != "/p/app" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestPluginVersion(t *testing.T) {
	cases := map[string]string{
		"7.1.0":            "7.1.0",
		"1.2":              "1.2.0",
		"3":                "3.0.0",
		"1.2.3a4":          "1.2.3-alpha.4",
		"1.2.3b1":          "1.2.3-beta.1",
		"1.2.3rc1":         "1.2.3-rc.1",
		"1.2.3.post4":      "1.2.3+post4",
		"1.2.3.dev5":       "1.2.3+dev5",
		"1.2.3.post4.dev5": "1.2.3+post4dev5",
		"1.2.3a1.dev2":     "1.2.3-alpha.1+dev2",
		"3.248.0":          "3.248.0",
	}
	for in, want := range cases {
		got, err := pluginVersion(in)
		if err != nil || got != want {
			t.Errorf("pluginVersion(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "1!2.0", "1.0+local", "latest"} {
		if got, err := pluginVersion(bad); err == nil {
			t.Errorf("pluginVersion(%q) = %q, want an error", bad, got)
		}
	}
}

func TestPackageDependency(t *testing.T) {
	cases := []struct {
		name string
		in   distribution
		want *pulumirpc.PackageDependency // nil: not a package the engine provides
	}{
		{"a provider SDK without pulumi-plugin.json", distribution{Name: "pulumi_aws", Version: "7.1.0"},
			&pulumirpc.PackageDependency{Name: "aws", Kind: "resource", Version: "v7.1.0"}},
		{"a package add SDK", distribution{Name: "pulumi_tiny_component", Version: "0.0.0",
			PluginJSON: `{"resource":true,"name":"tiny-component","version":"0.1.0"}`},
			&pulumirpc.PackageDependency{Name: "tiny-component", Kind: "resource", Version: "v0.1.0"}},
		{"pulumi-plugin.json without a version", distribution{Name: "acme-thing", Version: "2.0",
			PluginJSON: `{"resource":true,"name":"thing","server":"https://example.test"}`},
			&pulumirpc.PackageDependency{Name: "thing", Kind: "resource", Version: "v2.0.0", Server: "https://example.test"}},
		{"parameterized", distribution{Name: "pulumi-x", Version: "1.0.0",
			PluginJSON: `{"resource":true,"name":"terraform-provider","version":"0.8.0",` +
				`"parameterization":{"name":"x","version":"1.0.0","value":"AQI="}}`},
			&pulumirpc.PackageDependency{Name: "terraform-provider", Kind: "resource", Version: "v0.8.0",
				Parameterization: &pulumirpc.PackageParameterization{Name: "x", Version: "1.0.0", Value: []byte{1, 2}}}},
		{"resource: false", distribution{Name: "pulumi-random-helpers", Version: "1.0.0", PluginJSON: `{"resource":false}`}, nil},
		{"the SDK itself", distribution{Name: "pulumi", Version: "3.248.0"}, nil},
		{"a plain library", distribution{Name: "requests", Version: "2.32.0"}, nil},
		{"known to have no plugin", distribution{Name: "pulumi_policy", Version: "1.0.0"}, nil},
		{"untranslatable version", distribution{Name: "pulumi-aws", Version: "1!2.0"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := packageDependency(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				if got != nil {
					t.Fatalf("got %v, want none", got)
				}
				return
			}
			if got == nil || got.GetName() != c.want.GetName() || got.GetVersion() != c.want.GetVersion() ||
				got.GetKind() != c.want.GetKind() || got.GetServer() != c.want.GetServer() ||
				!reflect.DeepEqual(got.GetParameterization().GetValue(), c.want.GetParameterization().GetValue()) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	if _, err := packageDependency(distribution{Name: "pulumi-x", Version: "1", PluginJSON: "{"}); err == nil {
		t.Fatal("a broken pulumi-plugin.json must be an error")
	}
}

func TestParseDistributions(t *testing.T) {
	got, err := parseDistributions([]byte(`[{"name":"pulumi","version":"3.248.0","plugin":""}]`))
	if err != nil || len(got) != 1 || got[0].Name != "pulumi" {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := parseDistributions([]byte("Traceback (most recent call last):")); err == nil {
		t.Fatal("want an error for output that is not JSON")
	}
}

func TestExecFlags(t *testing.T) {
	req := &pulumirpc.RunRequest{MonitorAddress: "127.0.0.1:1", Project: "p", Stack: "dev",
		Organization: "organization", Parallel: 4}
	info := &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/app", EntryPoint: "."}
	want := []string{"--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--organization", "organization",
		"--project", "p", "--root_directory", "/p", "--stack", "dev", "--pwd", "/p/app",
		"--dry_run", "false", "--parallel", "4"}
	if got := execFlags(req, info, "127.0.0.1:2", ""); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	req.DryRun = true
	got := execFlags(req, info, "127.0.0.1:2", "http://zipkin.test")
	if got[len(got)-5] != "true" || got[len(got)-1] != "http://zipkin.test" {
		t.Fatalf("dry run and tracing: got %v", got)
	}
}

func TestWriteFilesStaysInItsFolder(t *testing.T) {
	dir := t.TempDir()
	if err := writeFiles(dir, map[string][]byte{"setup.py": []byte("x"), "pulumi_x/__init__.py": []byte("y")}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "pulumi_x", "__init__.py")); err != nil || string(b) != "y" {
		t.Fatalf("got %q, %v", b, err)
	}
	for _, bad := range []string{"../escape.py", "/abs.py"} {
		if err := writeFiles(dir, map[string][]byte{bad: nil}); err == nil {
			t.Errorf("writing %q must be refused", bad)
		}
	}
}

func TestPythonNames(t *testing.T) {
	bind := func(spec schema.PackageSpec) *schema.Package {
		t.Helper()
		// A schema without references never asks the loader; it only has to be non-nil.
		pkg, diags, err := schema.BindSpec(spec, schema.NewPluginLoader(nil), schema.ValidationOptions{AllowDanglingReferences: true})
		if err != nil || diags.HasErrors() {
			t.Fatalf("bind: %v %v", err, diags)
		}
		return pkg
	}
	cases := []struct {
		spec              schema.PackageSpec
		wantDist, wantAls string
	}{
		{schema.PackageSpec{Name: "tiny-component", Version: "0.1.0"}, "pulumi_tiny_component", "tiny_component"},
		{schema.PackageSpec{Name: "thing", Namespace: "acme-co", Version: "1.0.0"}, "acme_co_thing", "thing"},
		{schema.PackageSpec{Name: "alexa-linking-component", Version: "0.2.0",
			Language: map[string]schema.RawMessage{"python": schema.RawMessage(`{"packageName":"alexa_linking_component"}`)}},
			"alexa_linking_component", "alexa_linking_component"},
	}
	for _, c := range cases {
		dist, alias, err := pythonNames(bind(c.spec))
		if err != nil || dist != c.wantDist || alias != c.wantAls {
			t.Errorf("%s: got %q as %q, %v; want %q as %q", c.spec.Name, dist, alias, err, c.wantDist, c.wantAls)
		}
	}
}

func TestLinkToolchain(t *testing.T) {
	dir := t.TempDir()
	opts := toolchain.PythonOptions{Root: dir, ProgramDir: dir, Toolchain: toolchain.Uv}
	write := func(name string) {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := linkToolchain(opts).Toolchain; got != toolchain.Uv {
		t.Fatalf("no files: got %s", toolchain.Name(got))
	}
	write("requirements.txt")
	if got := linkToolchain(opts).Toolchain; got != toolchain.Pip {
		t.Fatalf("uv before its first install: got %s, want Pip", toolchain.Name(got))
	}
	write("pyproject.toml")
	if got := linkToolchain(opts).Toolchain; got != toolchain.Uv {
		t.Fatalf("uv with pyproject.toml: got %s", toolchain.Name(got))
	}
}

func TestImportInstructions(t *testing.T) {
	if got := importInstructions(nil); got != "" {
		t.Fatalf("got %q", got)
	}
	one := importInstructions([]string{"  import pulumi_a as a\n"})
	two := importInstructions([]string{"  import pulumi_a as a\n", "  import pulumi_b as b\n"})
	if one != "You can import the SDK in your Python code with:\n\n  import pulumi_a as a\n" ||
		two != "You can import the SDKs in your Python code with:\n\n  import pulumi_a as a\n  import pulumi_b as b\n" {
		t.Fatalf("got %q and %q", one, two)
	}
}

func TestFindExec(t *testing.T) {
	dir := t.TempDir()
	hosttest.WriteFile(t, dir, "my-exec", "#!/bin/sh\n")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, executor, want, wantErr string
	}{
		{name: "--use-executor", executor: filepath.Join(dir, "my-exec"), want: filepath.Join(dir, "my-exec")},
		{name: "--use-executor names a missing file", executor: filepath.Join(dir, "gone"),
			wantErr: "the Python program runner is missing"},
		// The test binary has no runner next to it; the error names the path looked at.
		{name: "next to the binary", wantErr: filepath.Join(filepath.Dir(self), execScript)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := findExec(c.executor)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("got %q, %v; want an error containing %q", got, err, c.wantErr)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

// The RPCs answered by the session, the program-info check and the Unimplemented fallbacks,
// called through gRPC as the engine calls them.
func TestRPCs(t *testing.T) {
	c := hosttest.Serve(t, newHost("", "", "/nonexistent/pulumi-language-python-exec"))
	rpcs := hosttest.SessionRPCs(hostVersion)
	rpcs = append(rpcs,
		hosttest.Unimplemented("Pack", hosttest.Unary(pulumirpc.LanguageRuntimeClient.Pack, &pulumirpc.PackRequest{})),
		hosttest.Unimplemented("GenerateProgram",
			hosttest.Unary(pulumirpc.LanguageRuntimeClient.GenerateProgram, &pulumirpc.GenerateProgramRequest{})),
		hosttest.Unimplemented("RunPlugin", hosttest.RunPlugin(&pulumirpc.RunPluginRequest{})),
	)
	hosttest.CheckRPCs(t, c, rpcs)
}
