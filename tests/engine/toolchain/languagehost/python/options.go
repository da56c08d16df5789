package main

import (
	"fmt"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// runtimeOptions are the `runtime.options` of Pulumi.yaml for python, as the SDK's toolchain
// package takes them, plus the one option this host reads but does not act on.
type runtimeOptions struct {
	toolchain.PythonOptions
	// typechecker (mypy or pyright) is accepted so that install, about and package add still work
	// for such projects; Run refuses it rather than skip the check silently.
	typechecker string
}

// parseRuntimeOptions reads virtualenv (relative to the project root), toolchain (pip, poetry,
// uv; unset means detect from uv.lock/poetry.lock, else pip) and typechecker. A plugin with pip
// gets a "venv" virtualenv by default, as with Pulumi's host: plugins never run in the ambient
// Python.
func parseRuntimeOptions(root, programDir string, options *structpb.Struct, isPlugin bool) (runtimeOptions, error) {
	if root == "" {
		root = programDir
	}
	opts := runtimeOptions{PythonOptions: toolchain.PythonOptions{Root: root, ProgramDir: programDir}}
	raw := options.AsMap() // nil-safe

	str := func(key string) (string, bool, error) {
		v, ok := raw[key]
		if !ok {
			return "", false, nil
		}
		s, isString := v.(string)
		if !isString {
			return "", true, fmt.Errorf("runtime option %s must be a string, got %v", key, v)
		}
		return s, true, nil
	}

	if s, ok, err := str("virtualenv"); err != nil {
		return opts, err
	} else if ok {
		opts.Virtualenv = s
	}
	if s, ok, err := str("toolchain"); err != nil {
		return opts, err
	} else if ok {
		switch s {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return opts, fmt.Errorf("runtime option toolchain must be one of pip, poetry, uv; got %q", s)
		}
	}
	if s, ok, err := str("typechecker"); err != nil {
		return opts, err
	} else if ok {
		switch s {
		case "mypy", "pyright":
			opts.typechecker = s
		default:
			return opts, fmt.Errorf("runtime option typechecker must be mypy or pyright; got %q", s)
		}
	}

	if isPlugin && opts.Virtualenv == "" && (opts.Toolchain == toolchain.Auto || opts.Toolchain == toolchain.Pip) {
		opts.Virtualenv = "venv"
	}
	return opts, nil
}
