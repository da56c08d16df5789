package dependency

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestVersion(t *testing.T) {
	for in, want := range map[string]string{"7.1.0": "v7.1.0", "v2.0.0": "v2.0.0", "0.1.0-alpha.1": "v0.1.0-alpha.1"} {
		if got := Version(in); got != want {
			t.Errorf("Version(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParameterization(t *testing.T) {
	cases := []struct {
		name string
		in   *plugin.PulumiParameterizationJSON
		want *pulumirpc.PackageParameterization
	}{
		{"none", nil, nil},
		{"set", &plugin.PulumiParameterizationJSON{Name: "x", Version: "1.0.0", Value: []byte{1, 2}},
			&pulumirpc.PackageParameterization{Name: "x", Version: "1.0.0", Value: []byte{1, 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Parameterization(c.in); !proto.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestPlugins(t *testing.T) {
	aws := &pulumirpc.PackageDependency{Name: "aws", Kind: "resource", Version: "v7.1.0", Server: "https://example.test"}
	paramed := &pulumirpc.PackageDependency{Name: "terraform-provider", Kind: "resource", Version: "v0.8.0",
		Parameterization: &pulumirpc.PackageParameterization{Name: "x", Version: "1.0.0"}}
	cases := []struct {
		name string
		in   []*pulumirpc.PackageDependency
		want []*pulumirpc.PluginDependency
	}{
		{"none", nil, nil},
		{"a plain package", []*pulumirpc.PackageDependency{aws},
			[]*pulumirpc.PluginDependency{{Name: "aws", Kind: "resource", Version: "v7.1.0", Server: "https://example.test"}}},
		{"a parameterized package is left out", []*pulumirpc.PackageDependency{paramed, aws},
			[]*pulumirpc.PluginDependency{{Name: "aws", Kind: "resource", Version: "v7.1.0", Server: "https://example.test"}}},
		{"only parameterized", []*pulumirpc.PackageDependency{paramed}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Plugins(c.in)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if !proto.Equal(got[i], c.want[i]) {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestProgramDependencies(t *testing.T) {
	cases := []struct {
		name string
		in   []plugin.DependencyInfo
		want []string
	}{
		{"none is an empty list", nil, []string{}},
		{"two", []plugin.DependencyInfo{{Name: "@pulumi/pulumi", Version: "3.248.0"}, {Name: "pulumi", Version: "3.272.0"}},
			[]string{"@pulumi/pulumi@3.248.0", "pulumi@3.272.0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := ProgramDependencies(c.in)
			got := []string{}
			for _, d := range resp.GetDependencies() {
				got = append(got, d.GetName()+"@"+d.GetVersion())
			}
			if resp.Dependencies == nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v (nil list: %v), want %v", got, resp.Dependencies == nil, c.want)
			}
		})
	}
}
