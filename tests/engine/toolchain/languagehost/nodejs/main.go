// Command pulumi-language-nodejs is this project's own, minimal Node.js language host for the
// Pulumi engine (v3.248.0). The published one cannot be fetched from the Go module proxy here, so
// the engine test layer builds this one instead (see ../../README.md).
//
// Startup contract, as the engine's plugin loader expects it
// (sdk/go/common/resource/plugin/plugin.go, newPlugin): the engine starts the binary in the
// program's directory with optional logging/tracing flags followed by one positional argument,
// the engine's gRPC address; the host listens on a free loopback port, writes that port and a
// newline as the first line of stdout, and serves LanguageRuntime until the engine goes away.
// Everything the host writes afterwards to stdout/stderr is shown by the engine as diagnostics.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
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

// engineHealthInterval is how often the host checks that the engine is still alive; it exits
// when the engine stops answering, so no host outlives its `pulumi` process.
const engineHealthInterval = 5 * time.Minute

func main() {
	// The engine forwards its own logging and tracing flags to every plugin
	// (plugin.buildPluginArguments): accept them all, or a verbose `pulumi -v=9 --logflow`
	// run would fail to start the host. -v and -logtostderr are usually registered already by
	// glog (linked in through a dependency); logging.InitLogging reads them by name.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint, passed on to the Node.js runtime")
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity (forwarded by the engine with --logflow)")
	}
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr instead of a file")
	}
	logFlow := flag.Bool("logflow", false, "flow log settings to child processes")
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

	host := newHost(engineAddress, *tracing)
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
