import KGCommands

KGCommand.exit(KGCommand.run(Array(CommandLine.arguments.dropFirst())))
