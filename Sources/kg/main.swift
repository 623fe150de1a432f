import Foundation
import KGCommands

exit(KGCommand.run(Array(CommandLine.arguments.dropFirst())))
