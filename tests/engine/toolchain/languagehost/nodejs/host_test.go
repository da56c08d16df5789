package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"alexa-app-linking/engine-toolchain/languagehost/internal/hosttest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestParseRuntimeOptions(t *testing.T) {
	cases := []struct {
		name    string
		in      map[string]any
		want    runtimeOptions
		wantErr bool
	}{
		{"defaults", nil, runtimeOptions{typescript: true, packagemanager: npm.AutoPackageManager}, false},
		{"all set", map[string]any{"typescript": false, "tsconfig": "tsconfig.pulumi.json",
			"nodeargs": "--max-old-space-size=4096 --trace-warnings", "packagemanager": "pnpm"},
			runtimeOptions{typescript: false, tsconfig: "tsconfig.pulumi.json",
				nodeargs:       []string{"--max-old-space-size=4096", "--trace-warnings"},
				packagemanager: npm.PnpmPackageManager}, false},
		{"typescript not a bool", map[string]any{"typescript": "yes"}, runtimeOptions{}, true},
		{"unknown package manager", map[string]any{"packagemanager": "deno"}, runtimeOptions{}, true},
		{"unbalanced nodeargs", map[string]any{"nodeargs": `--title "x`}, runtimeOptions{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseRuntimeOptions(hosttest.Options(t, c.in))
			hosttest.Result(t, got, err, c.want, c.wantErr)
		})
	}
}

func TestProviderDependency(t *testing.T) {
	cases := []struct {
		name, manifest       string
		wantName, wantVer    string
		wantServer           string
		wantErr, wantParamed bool
	}{
		{name: "pulumi scope", manifest: `{"name":"@pulumi/aws","version":"7.48.0","pulumi":{"resource":true}}`,
			wantName: "aws", wantVer: "v7.48.0"},
		{name: "explicit name, version and server",
			manifest: `{"name":"@acme/thing","version":"1.0.0","pulumi":{"resource":true,"name":"thing",` +
				`"version":"2.0.0","server":"https://example.test"}}`,
			wantName: "thing", wantVer: "v2.0.0", wantServer: "https://example.test"},
		{name: "parameterized",
			manifest: `{"name":"@pulumi/x","version":"v1.0.0","pulumi":{"resource":true,` +
				`"parameterization":{"name":"x","version":"1.0.0","value":"AQI="}}}`,
			wantName: "x", wantVer: "v1.0.0", wantParamed: true},
		{name: "third party without a name", manifest: `{"name":"thing","version":"1.0.0","pulumi":{"resource":true}}`,
			wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m packageManifest
			if err := json.Unmarshal([]byte(c.manifest), &m); err != nil {
				t.Fatal(err)
			}
			dep, err := providerDependency(m)
			if c.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %v", dep)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if dep.GetName() != c.wantName || dep.GetVersion() != c.wantVer || dep.GetServer() != c.wantServer ||
				dep.GetKind() != "resource" || (dep.GetParameterization() != nil) != c.wantParamed {
				t.Fatalf("got %v", dep)
			}
		})
	}
}

// The search goes down from the program folder, through symlinks, and never up; a folder seen
// first outside node_modules ("a-store" sorts before "prog") still counts when linked from one.
func TestFindProviderPackages(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) { hosttest.WriteFile(t, root, rel, content) }
	write("node_modules/@pulumi/aws/package.json", `{"name":"@pulumi/aws","version":"7.0.0","pulumi":{"resource":true}}`)
	write("node_modules/@pulumi/pulumi/package.json", `{"name":"@pulumi/pulumi","version":"3.248.0"}`)
	write("a-store/@pulumi/command/package.json", `{"name":"@pulumi/command","version":"1.2.1","pulumi":{"resource":true}}`)
	write("prog/package.json", `{"name":"prog","pulumi":{"resource":true}}`) // not inside node_modules
	if err := os.MkdirAll(filepath.Join(root, "prog/node_modules/@pulumi"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a-store/@pulumi/command"),
		filepath.Join(root, "prog/node_modules/@pulumi/command")); err != nil {
		t.Fatal(err)
	}

	names := func(deps []*pulumirpc.PackageDependency) []string {
		var out []string
		for _, d := range deps {
			out = append(out, d.GetName()+"@"+d.GetVersion())
		}
		return out
	}
	got, err := findProviderPackages(filepath.Join(root, "prog"))
	if err != nil || !reflect.DeepEqual(names(got), []string{"command@v1.2.1"}) {
		t.Fatalf("prog: got %v, %v", names(got), err)
	}
	got, err = findProviderPackages(root)
	if err != nil || len(got) != 2 {
		t.Fatalf("root: got %v, %v", names(got), err)
	}
}

func TestProgramConfigUsesTheLegacyKeyForm(t *testing.T) {
	cases := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "proj:x", want: "proj:config:x"},
		{in: "aws:region", want: "aws:config:region"},
		{in: "proj:config:x", want: "proj:config:x"}, // already in that form
		{in: "no-namespace", wantErr: true},
	}
	for _, c := range cases {
		got, err := legacyConfigKey(c.in)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("legacyConfigKey(%q) = %q, %v; want %q (error: %v)", c.in, got, err, c.want, c.wantErr)
		}
	}
}

func TestRunFlags(t *testing.T) {
	req := &pulumirpc.RunRequest{MonitorAddress: "127.0.0.1:1", Project: "p", Stack: "dev",
		Organization: "org", DryRun: true, Parallel: 8}
	info := &pulumirpc.ProgramInfo{RootDirectory: "/r", ProgramDirectory: "/r/stacks", EntryPoint: "."}
	got := runFlags(req, info, "127.0.0.1:2", "")
	want := []string{"--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--organization", "org",
		"--project", "p", "--root-directory", "/r", "--stack", "dev", "--pwd", "/r/stacks", "--dry-run",
		"--parallel", "8"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v", got)
	}
}

// The RPCs answered by the session, the program-info check and the Unimplemented fallbacks,
// called through gRPC as the engine calls them.
func TestRPCs(t *testing.T) {
	c := hosttest.Serve(t, newHost("", ""))
	rpcs := hosttest.SessionRPCs(hostVersion)
	rpcs = append(rpcs,
		hosttest.Unimplemented("GeneratePackage",
			hosttest.Unary(pulumirpc.LanguageRuntimeClient.GeneratePackage, &pulumirpc.GeneratePackageRequest{})),
		hosttest.Unimplemented("Link", hosttest.Unary(pulumirpc.LanguageRuntimeClient.Link, &pulumirpc.LinkRequest{})),
		hosttest.Unimplemented("a policy pack through RunPlugin",
			hosttest.RunPlugin(&pulumirpc.RunPluginRequest{Kind: string(apitype.AnalyzerPlugin)})),
	)
	hosttest.CheckRPCs(t, c, rpcs)
}
