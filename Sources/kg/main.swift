import Foundation
import KGCommands

// kg runs its command on a thread with a 512 MiB stack (reserved, not used: the system commits pages as
// they are touched), not the main thread's 8 MiB: a query of thousands of chained joins or operators,
// or a document nested thousands deep within the parsers' bounds, is work for recursive code, and it
// must end in a result or an error message, never in a stack overflow.
let arguments = Array(CommandLine.arguments.dropFirst())
let worker = Thread { KGCommand.exit(KGCommand.run(arguments)) }
worker.stackSize = 512 << 20
worker.start()
// the worker ends the process
DispatchSemaphore(value: 0).wait()
