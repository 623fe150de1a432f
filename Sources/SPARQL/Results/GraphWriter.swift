import Foundation
import RDF

/// N-Triples and Turtle for CONSTRUCT / DESCRIBE results.
enum GraphWriter {
    static func ntriples(_ triples: [Triple]) -> String {
        triples.map(ntriple).joined()
    }

    /// One N-Triples line.
    static func ntriple(_ t: Triple) -> String {
        "\(t.subject.ntriples) \(t.predicate.ntriples) \(t.object.ntriples) .\n"
    }

    static let prefixes: [(String, String)] = [
        ("kg", KG.ns), ("rdf", RDFNS.ns), ("rdfs", RDFS.ns), ("skos", SKOS.ns), ("xsd", XSD.ns),
    ]

    /// A Turtle/TSV term with integers, decimals, doubles and booleans written bare when they can be.
    static func abbreviated(_ t: Term) -> String {
        guard case .literal(let l) = t else { return t.ntriples }
        let lex = l.lexical
        switch l.datatype {
        case XSD.integer where lex.range(of: #"^[+-]?[0-9]+$"#, options: .regularExpression) != nil: return lex
        case XSD.decimal where lex.range(of: #"^[+-]?[0-9]*\.[0-9]+$"#, options: .regularExpression) != nil: return lex
        case XSD.double where lex.range(of: #"^[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$"#, options: .regularExpression) != nil: return lex
        case XSD.boolean where lex == "true" || lex == "false": return lex
        default: return t.ntriples
        }
    }

    static func turtleTerm(_ t: Term) -> String {
        if case .iri(let v) = t {
            for (p, ns) in prefixes where v.hasPrefix(ns) {
                let local = v.dropFirst(ns.count)
                if !local.isEmpty, local.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                   local.first!.isLetter || local.first == "_" {
                    return p + ":" + local
                }
            }
        }
        if case .literal(let l) = t, l.language == nil, l.datatype != XSD.string {
            let a = abbreviated(t)
            if a != t.ntriples { return a }
            return "\"" + NTriplesEscaping.string(l.lexical) + "\"^^" + turtleTerm(.iri(l.datatype))
        }
        return t.ntriples
    }

    static func turtle(_ triples: [Triple]) -> String {
        var out = ""
        for (p, ns) in prefixes { out += "@prefix \(p): <\(ns)> .\n" }
        if !triples.isEmpty { out += "\n" }
        var order: [Term] = []
        var bySubject: [Term: [Triple]] = [:]
        for t in triples {
            if bySubject[t.subject] == nil { order.append(t.subject) }
            bySubject[t.subject, default: []].append(t)
        }
        for s in order {
            let ts = bySubject[s]!
            out += turtleTerm(s)
            var lastPredicate: Term?
            for (i, t) in ts.enumerated() {
                if t.predicate == lastPredicate {
                    out += ",\n        " + turtleTerm(t.object)
                } else {
                    let p = t.predicate == .iri(RDFNS.type) ? "a" : turtleTerm(t.predicate)
                    out += (i == 0 ? " " : " ;\n    ") + p + " " + turtleTerm(t.object)
                }
                lastPredicate = t.predicate
            }
            out += " .\n"
        }
        return out
    }
}
