import Foundation
import KGCommands

// All of kg's work is done when `run` returns: its files are written and closed, its stores
// closed. The process then ends without the exit handlers of the libraries it loaded (Graphviz,
// pango, glib, the C++ runtime: ~0.2 ms of a 40 ms render), once stdio's buffers are written.
let status = KGCommand.run(Array(CommandLine.arguments.dropFirst()))
fflush(nil)
_exit(status)
