// Command pulumi-language-python is this project's own, minimal Python language host for the
// Pulumi engine (v3.248.0). The published one cannot be fetched from the Go module proxy here, so
// the engine test layer builds this one instead (see ../../README.md).
//
// Startup contract: the same as the Node.js host's (../nodejs/main.go). The program itself is run
// by pulumi-language-python-exec, the Python SDK's runner script, which has to sit next to this
// binary (build.sh copies it there from the sdk/v3 module, where Pulumi's distribution ships it).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"google.golang.org/grpc"

	"alexa-app-linking/engine-toolchain/languagehost/internal/engineflags"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// hostVersion is stamped by build.sh (-X main.hostVersion=...). It says which engine protocol
// this host was written against and that it is not Pulumi's own build.
var hostVersion = "v3.248.0+alexa-app-linking"

// execScript is the SDK's program runner, looked for next to this binary.
const execScript = "pulumi-language-python-exec"

// engineHealthInterval is how often the host checks that the engine is still alive; it exits
// when the engine stops answering, so no host outlives its `pulumi` process.
const engineHealthInterval = 5 * time.Minute

func main() {
	// The engine forwards its logging and tracing flags to every plugin; see ../nodejs/main.go.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity (forwarded by the engine with --logflow)")
	}
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr instead of a file")
	}
	logFlow := flag.Bool("logflow", false, "flow log settings to child processes")
	executor := flag.String("use-executor", "", "run programs with this script instead of the "+execScript+" next to the host")
	showVersion := flag.Bool("version", false, "print the host version and exit")
	args, legacyOptions := engineflags.DropRuntimeOptions(flag.CommandLine, os.Args[1:])
	_ = flag.CommandLine.Parse(args) // ExitOnError: a bad flag has already ended the process

	if *showVersion {
		fmt.Println(hostVersion)
		return
	}
	logging.InitLogging(false, 0, *logFlow)
	if len(legacyOptions) > 0 {
		logging.V(5).Infof("ignoring runtime options given as flags (read from ProgramInfo instead): %v", legacyOptions)
	}

	exec := *executor
	if exec == "" {
		self, err := os.Executable()
		if err != nil {
			cmdutil.Exit(fmt.Errorf("locating this executable: %w", err))
		}
		exec = filepath.Join(filepath.Dir(self), execScript)
	}
	// Fail at startup, not at the first Run: without the runner no program can run.
	if _, err := os.Stat(exec); err != nil {
		cmdutil.Exit(fmt.Errorf("the Python program runner is missing: %w", err))
	}

	var engineAddress string
	if flag.NArg() > 0 {
		engineAddress = flag.Arg(0)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopServing := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stopServing)
	}()

	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, engineHealthInterval, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the engine health check: %w", err))
		}
	}

	host := newHost(engineAddress, *tracing, exec)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stopServing,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host gRPC server: %w", err))
	}

	// The first line of stdout is the port; the engine reads exactly that.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped serving: %w", err))
	}
}
