import Foundation

// EmbedOntologyTool ONTOLOGY_DIR OUTPUT.swift — writes every `*.ttl`, `places.tsv` and `names.tsv` file of the folder
// (sorted by path inside it) as Swift static strings: `EmbeddedOntology.files`, path and contents.
// Used by the EmbedOntology build plugin; the text is escaped, not encoded (a 10 MB literal compiles in a second).
// An `@main` type, not top-level code, so that it also builds with `-parse-as-library` (the fuzzers' build).

@main
enum EmbedOntologyTool {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: EmbedOntologyTool ONTOLOGY_DIR OUTPUT.swift\n".utf8))
            exit(2)
        }
        let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
        var paths: [String] = []
        if let walk = FileManager.default.enumerator(atPath: root.path) {
            for case let path as String in walk {
                let name = (path as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                if name.hasSuffix(".ttl") || name == "places.tsv" || name == "names.tsv" { paths.append(path) }
            }
        }
        paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        var swift = """
            // Written by EmbedOntologyTool from Ontology/ at build time; do not edit.

            extension EmbeddedOntology {
                /// Every `*.ttl`, `places.tsv` and `names.tsv` file of the package's `Ontology/` folder: its path inside the
                /// folder, and its text.
                public static let files: [(path: String, text: StaticString)] = [

            """
        for path in paths {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write(Data("EmbedOntologyTool: \(path) is not UTF-8 text\n".utf8))
                exit(1)
            }
            swift += "        (\(literal(path)), \(literal(text))),\n"
        }
        swift += "    ]\n}\n"
        do {
            try swift.write(toFile: arguments[2], atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("EmbedOntologyTool: cannot write \(arguments[2]): \(error)\n".utf8))
            exit(1)
        }
    }

    static func literal(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
