// Package engineflags reads a language host's command line the way engines of every age write it.
//
// Engines before v3.248 (and the plugin hosts built into pulumi-language-yaml, which embeds an
// older pkg/v3) start a language host with each Pulumi.yaml / PulumiPlugin.yaml runtime option
// as a flag, `-typescript=false`, `-virtualenv=venv`, plus `-root=<project root>`, before the
// engine address. The same values reach every RPC in its ProgramInfo, which is what the hosts
// read, so these flags carry nothing new; but Go's flag package stops the host on any flag it
// does not know, and an engine may forward any option name a user wrote.
package engineflags

import (
	"flag"
	"strings"
)

// DropRuntimeOptions returns args without the `-name=value` (or `--name=value`) flags that fs
// does not define, and the names it dropped. It looks only at the flags before the first
// positional argument or "--", as flag.Parse does; a flag without `=` is left for fs to judge.
func DropRuntimeOptions(fs *flag.FlagSet, args []string) (kept, dropped []string) {
	kept = make([]string, 0, len(args))
	for i, arg := range args {
		if arg == "--" || !strings.HasPrefix(arg, "-") || arg == "-" {
			return append(kept, args[i:]...), dropped
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if hasValue && fs.Lookup(name) == nil {
			dropped = append(dropped, name)
			continue
		}
		kept = append(kept, arg)
	}
	return kept, dropped
}
