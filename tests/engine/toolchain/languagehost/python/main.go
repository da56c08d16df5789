// Command pulumi-language-python is this project's own, minimal Python language host for the
// Pulumi engine (v3.248.0). The published one cannot be fetched from the Go module proxy here, so
// the engine test layer builds this one instead (see ../../README.md).
//
// Startup contract: the one every host here keeps (../internal/startup). The program itself is
// run by pulumi-language-python-exec, the Python SDK's runner script, which has to sit next to
// this binary (build.sh copies it there from the sdk/v3 module, where Pulumi's distribution
// ships it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"alexa-app-linking/engine-toolchain/languagehost/internal/startup"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// hostVersion is stamped by build.sh (-X main.hostVersion=...). It says which engine protocol
// this host was written against and that it is not Pulumi's own build.
var hostVersion = "v3.248.0+alexa-app-linking"

// execScript is the SDK's program runner, looked for next to this binary.
const execScript = "pulumi-language-python-exec"

func main() {
	executor := flag.String("use-executor", "", "run programs with this script instead of the "+execScript+" next to the host")
	startup.Serve(startup.Options{
		Version:      hostVersion,
		TracingUsage: "Zipkin-compatible tracing endpoint, passed on to the program",
		NewHost: func(engineAddress, tracing string) (pulumirpc.LanguageRuntimeServer, error) {
			exec, err := findExec(*executor)
			if err != nil {
				return nil, err
			}
			return newHost(engineAddress, tracing, exec), nil
		},
	})
}

// findExec is the runner programs are run with: executor (--use-executor) when given, else the
// execScript next to this binary. It has to exist: the host fails at startup, not at the first
// Run, since without the runner no program can run.
func findExec(executor string) (string, error) {
	exec := executor
	if exec == "" {
		self, err := os.Executable()
		if err != nil {
			return "", fmt.Errorf("locating this executable: %w", err)
		}
		exec = filepath.Join(filepath.Dir(self), execScript)
	}
	if _, err := os.Stat(exec); err != nil {
		return "", fmt.Errorf("the Python program runner is missing: %w", err)
	}
	return exec, nil
}
