// Package startup is a language host's main(): the startup contract the engine's plugin loader
// expects (sdk/go/common/resource/plugin/plugin.go, newPlugin). The engine starts the binary in
// the program's directory with optional logging/tracing flags followed by one positional
// argument, the engine's gRPC address; the host listens on a free loopback port, writes that port
// and a newline as the first line of stdout, and serves LanguageRuntime until the engine goes
// away. Everything the host writes afterwards to stdout/stderr is shown by the engine as
// diagnostics.
package startup

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

// engineHealthInterval is how often the host checks that the engine is still alive; it exits
// when the engine stops answering, so no host outlives its `pulumi` process.
const engineHealthInterval = 5 * time.Minute

// Options are what one host's startup has of its own. Flags of its own the host defines on
// flag.CommandLine before calling Serve, and reads in NewHost.
type Options struct {
	Version      string // printed by --version
	TracingUsage string // the help text of --tracing: where the endpoint is passed on to
	// NewHost makes the server once the command line is read and logging is set up, before the
	// host serves; an error ends the process (a host that could not run any program should fail
	// at startup, not at the first Run). engineAddress is empty when the engine will attach
	// with Handshake.
	NewHost func(engineAddress, tracing string) (pulumirpc.LanguageRuntimeServer, error)
}

// commandLine is what the engine's arguments say.
type commandLine struct {
	engineAddress string
	tracing       string
	logFlow       bool
	showVersion   bool
	legacyOptions []string // runtime options older engines give as flags (engineflags), dropped
}

// parse defines the engine's flags on fs and reads args. The engine forwards its own logging and
// tracing flags to every plugin (plugin.buildPluginArguments): accept them all, or a verbose
// `pulumi -v=9 --logflow` run would fail to start the host. -v and -logtostderr are usually
// registered on flag.CommandLine already by glog (linked in through a dependency);
// logging.InitLogging reads them by name.
func parse(fs *flag.FlagSet, args []string, tracingUsage string) (commandLine, error) {
	var cl commandLine
	fs.StringVar(&cl.tracing, "tracing", "", tracingUsage)
	if fs.Lookup("v") == nil {
		fs.Int("v", 0, "log verbosity (forwarded by the engine with --logflow)")
	}
	if fs.Lookup("logtostderr") == nil {
		fs.Bool("logtostderr", false, "log to stderr instead of a file")
	}
	fs.BoolVar(&cl.logFlow, "logflow", false, "flow log settings to child processes")
	fs.BoolVar(&cl.showVersion, "version", false, "print the host version and exit")
	args, cl.legacyOptions = engineflags.DropRuntimeOptions(fs, args)
	if err := fs.Parse(args); err != nil {
		return cl, err
	}
	if fs.NArg() > 0 {
		cl.engineAddress = fs.Arg(0)
	}
	return cl, nil
}

// Serve runs the host until the engine goes away or the process is interrupted.
func Serve(o Options) {
	cl, _ := parse(flag.CommandLine, os.Args[1:], o.TracingUsage) // ExitOnError: a bad flag has already ended the process
	if cl.showVersion {
		fmt.Println(o.Version)
		return
	}
	logging.InitLogging(false, 0, cl.logFlow)
	if len(cl.legacyOptions) > 0 {
		logging.V(5).Infof("ignoring runtime options given as flags (read from ProgramInfo instead): %v", cl.legacyOptions)
	}
	host, err := o.NewHost(cl.engineAddress, cl.tracing)
	if err != nil {
		cmdutil.Exit(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopServing := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stopServing)
	}()

	if cl.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, cl.engineAddress, engineHealthInterval, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the engine health check: %w", err))
		}
	}

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
