package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Entry points inside @pulumi/pulumi that the host hands programs and plugins to.
const (
	runModule       = "@pulumi/pulumi/cmd/run"
	runPluginModule = "@pulumi/pulumi/cmd/run-plugin"
)

// exitUserActionable is the exit code @pulumi/pulumi's cmd/run (and cmd/run-plugin) use after
// they have already reported the error to the engine: the host must "bail" without adding
// a message of its own.
const exitUserActionable = 32

// stopGrace is how long a Node.js process gets between SIGINT and SIGKILL when cancelled.
const stopGrace = 5 * time.Second

func findNode() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	return node, nil
}

// resolveModule asks node where `require` finds module when started in dir, so the program (or
// plugin) runs with the @pulumi/pulumi it depends on, wherever the package manager put it
// (nested node_modules, a hoisted workspace root, pnpm's store).
func resolveModule(ctx context.Context, node, dir, module, hint string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`console.error(e.code === "MODULE_NOT_FOUND" ? %q : e.message); process.exit(1); }`,
		module, fmt.Sprintf("Cannot find %s from %s: %s", module, dir, hint))
	cmd := exec.CommandContext(ctx, node, "-e", script)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", fmt.Errorf("resolving %s with %s: %w", module, node, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// nodeCommand builds a node process that is interrupted (then killed) when ctx is done.
func nodeCommand(ctx context.Context, node string, args []string, dir string, env []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = stopGrace
	return cmd
}

// exitCode returns the exit status of a finished process, and false if it never ran to an exit
// (could not start, I/O failure).
func exitCode(err error) (int, bool) {
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return 0, false
	}
	if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), true
	}
	return exitErr.ExitCode(), true
}
