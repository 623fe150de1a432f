import Foundation

/// The text of a query or update given on the command line: the argument, `-` for standard input, or
/// `--file FILE`.
enum RequestText {
    static func read(_ text: String?, file: String?) throws -> String {
        if let file {
            guard let d = FileManager.default.contents(atPath: file) else { throw KGFailure(message: "cannot read \(file)") }
            return String(decoding: d, as: UTF8.self)
        }
        if text == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        return text ?? ""
    }
}
