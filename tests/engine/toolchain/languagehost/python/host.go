package main

import (
	"alexa-app-linking/engine-toolchain/languagehost/internal/programinfo"
	"alexa-app-linking/engine-toolchain/languagehost/internal/session"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// host implements pulumirpc.LanguageRuntimeServer for Python. The session answers Handshake,
// GetPluginInfo and Cancel (every Python process the host starts is bound to it); methods
// neither defines answer codes.Unimplemented.
//
// Implemented: Handshake, GetRequiredPackages, GetRequiredPlugins, Run, GetPluginInfo,
// InstallDependencies, GetProgramDependencies, About, GeneratePackage, Link, Cancel.
// Not implemented: RunPlugin (plugins and policy packs written in Python), Pack (`pulumi package
// publish` of a Python SDK), RuntimeOptionsPrompts, Template (`pulumi new`), GenerateProgram and
// GenerateProject (`pulumi convert`).
type host struct {
	*session.Session

	exec string // pulumi-language-python-exec
}

func newHost(engineAddress, tracing, exec string) *host {
	return &host{Session: session.New(engineAddress, tracing, hostVersion), exec: exec}
}

// programWithOptions checks the program info and reads its runtime options; bad options are the
// caller's error.
func programWithOptions(info *pulumirpc.ProgramInfo, isPlugin bool) (*pulumirpc.ProgramInfo, runtimeOptions, error) {
	return programinfo.WithOptions(info, func(p *pulumirpc.ProgramInfo) (runtimeOptions, error) {
		return parseRuntimeOptions(p.GetRootDirectory(), p.GetProgramDirectory(), p.GetOptions(), isPlugin)
	})
}

// programToolchain is programWithOptions plus the toolchain (pip, poetry, uv) its options name.
func programToolchain(info *pulumirpc.ProgramInfo, isPlugin bool,
) (*pulumirpc.ProgramInfo, runtimeOptions, toolchain.Toolchain, error) {
	program, opts, err := programWithOptions(info, isPlugin)
	if err != nil {
		return nil, runtimeOptions{}, nil, err
	}
	tc, err := toolchain.ResolveToolchain(opts.PythonOptions)
	if err != nil {
		return nil, runtimeOptions{}, nil, err
	}
	return program, opts, tc, nil
}
