import ArgumentParser
public struct KGCommand: ParsableCommand { public init() {} ; public func run() throws {} }
