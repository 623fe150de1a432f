import Foundation
import Testing
@testable import RDF

@Suite struct RobustnessTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 20_000
        let brackets = "@prefix : <http://e/> . :s :p " + String(repeating: "[ :p ", count: depth) + ":o" + String(repeating: " ]", count: depth) + " ."
        #expect(syntaxError(brackets)?.message.contains("nesting") == true)
        let parens = "@prefix : <http://e/> . :s :p " + String(repeating: "( ", count: depth) + String(repeating: ") ", count: depth) + "."
        #expect(syntaxError(parens)?.message.contains("nesting") == true)
        let ok = "@prefix : <http://e/> . :s :p " + String(repeating: "( ", count: 500) + String(repeating: ") ", count: 500) + "."
        #expect(syntaxError(ok) == nil)
    }

    @Test(arguments: RDFFormat.allCases)
    func randomBytesOnlyThrow(format: RDFFormat) {
        var rng = SplitMix64(seed: 42 &+ UInt64(format.rawValue.count))
        let alphabet = Array("<>\"'_:.;,[]()@^#\\ \n\tabcpxAE019-+eu{}%~".utf8)
        for round in 0..<3_000 {
            let length = Int(rng.next() % 80)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            if round % 3 == 0 { bytes = Array("@prefix : <http://e/> . :s :p ".utf8) + bytes }
            var parser = RDFParser(format: format, baseIRI: "http://b/")
            do { try parser.parse(bytes) { _ in } } catch {
                #expect(error is RDFSyntaxError)
            }
        }
    }

    @Test func mutatedValidDocumentsOnlyThrow() {
        let valid = Array((prelude + #":s :p ( 1 2.5 -3e4 [ :q "x"@en ] ) ; a :C , _:b ; :r """long\n"""^^ex:dt . "#).utf8)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let i = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(valid[Int(rng.next() % UInt64(valid.count))], at: i)
                }
            }
            for format in [RDFFormat.turtle, .trig] {
                var parser = RDFParser(format: format, baseIRI: "http://b/")
                do { try parser.parse(bytes) { _ in } } catch { #expect(error is RDFSyntaxError) }
            }
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
