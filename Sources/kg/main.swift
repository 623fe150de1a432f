import KGCommands
KGCommand.main()
