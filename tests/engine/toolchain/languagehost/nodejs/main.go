// Command pulumi-language-nodejs is this project's own, minimal Node.js language host for the
// Pulumi engine (v3.248.0). The published one cannot be fetched from the Go module proxy here, so
// the engine test layer builds this one instead (see ../../README.md).
//
// Its startup contract (flags, engine address, port on stdout) is the one every host here keeps:
// ../internal/startup.
package main

import (
	"alexa-app-linking/engine-toolchain/languagehost/internal/startup"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// hostVersion is stamped by build.sh (-X main.hostVersion=...). It says which engine protocol
// this host was written against and that it is not Pulumi's own build.
var hostVersion = "v3.248.0+alexa-app-linking"

func main() {
	startup.Serve(startup.Options{
		Version:      hostVersion,
		TracingUsage: "Zipkin-compatible tracing endpoint, passed on to the Node.js runtime",
		NewHost: func(engineAddress, tracing string) (pulumirpc.LanguageRuntimeServer, error) {
			return newHost(engineAddress, tracing), nil
		},
	})
}
