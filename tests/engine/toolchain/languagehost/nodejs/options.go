package main

import (
	"fmt"

	"github.com/google/shlex"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
)

// runtimeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPlugin.yaml) for nodejs.
type runtimeOptions struct {
	typescript     bool     // typescript: run .ts through the SDK's ts-node support (default true)
	tsconfig       string   // tsconfig: path handed to the SDK as PULUMI_NODEJS_TSCONFIG_PATH
	nodeargs       []string // nodeargs: extra arguments for `node`, shell-split
	packagemanager npm.PackageManagerType
}

func parseRuntimeOptions(options *structpb.Struct) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true, packagemanager: npm.AutoPackageManager}
	raw := options.AsMap() // nil-safe

	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, fmt.Errorf("runtime option typescript must be a boolean, got %v", v)
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, fmt.Errorf("runtime option tsconfig must be a string, got %v", v)
		}
		opts.tsconfig = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, fmt.Errorf("runtime option nodeargs must be a string, got %v", v)
		}
		args, err := shlex.Split(s)
		if err != nil {
			return opts, fmt.Errorf("runtime option nodeargs %q: %w", s, err)
		}
		opts.nodeargs = args
	}
	if v, ok := raw["packagemanager"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, fmt.Errorf("runtime option packagemanager must be a string, got %v", v)
		}
		switch pm := npm.PackageManagerType(s); pm {
		case npm.AutoPackageManager, npm.NpmPackageManager, npm.YarnPackageManager,
			npm.PnpmPackageManager, npm.BunPackageManager:
			opts.packagemanager = pm
		default:
			return opts, fmt.Errorf("runtime option packagemanager must be one of auto, npm, yarn, pnpm, bun; got %q", s)
		}
	}
	return opts, nil
}

// typescriptEnv is what the SDK's cmd/run and cmd/run-plugin read to register ts-node.
func (o runtimeOptions) typescriptEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}
