package main

import (
	"alexa-app-linking/engine-toolchain/languagehost/internal/programinfo"
	"alexa-app-linking/engine-toolchain/languagehost/internal/session"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntimeServer for Node.js. The session answers Handshake,
// GetPluginInfo and Cancel (every Node.js process the host starts is bound to it); methods
// neither defines answer codes.Unimplemented.
//
// Implemented: Handshake, GetRequiredPackages, GetRequiredPlugins, Run, GetPluginInfo,
// InstallDependencies, GetProgramDependencies, About, RunPlugin (not for policy packs), Cancel.
// Not implemented: RuntimeOptionsPrompts, Template (`pulumi new`), GenerateProgram,
// GenerateProject, GeneratePackage, Pack, Link (`pulumi convert`, `pulumi package gen-sdk/add`
// into a TypeScript program, which need Pulumi's Node.js code generator).
type host struct {
	*session.Session
}

func newHost(engineAddress, tracing string) *host {
	return &host{Session: session.New(engineAddress, tracing, hostVersion)}
}

// programWithOptions checks the program info and reads its runtime options; bad options are the
// caller's error.
func programWithOptions(info *pulumirpc.ProgramInfo) (*pulumirpc.ProgramInfo, runtimeOptions, error) {
	return programinfo.WithOptions(info, func(p *pulumirpc.ProgramInfo) (runtimeOptions, error) {
		return parseRuntimeOptions(p.GetOptions())
	})
}
