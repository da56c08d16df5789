package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"alexa-app-linking/engine-toolchain/languagehost/internal/runner"
)

// Entry points inside @pulumi/pulumi that the host hands programs and plugins to.
const (
	runModule       = "@pulumi/pulumi/cmd/run"
	runPluginModule = "@pulumi/pulumi/cmd/run-plugin"
)

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
	runner.InterruptOnCancel(cmd)
	return cmd
}
