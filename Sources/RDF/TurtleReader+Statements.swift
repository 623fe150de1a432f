/// One open `[ … ]`, `( … )` or the statement's own subject. Nesting is kept on an explicit stack
/// (`TurtleReader.frames`), never on the call stack, so deep input cannot overflow it.
struct Frame {
    enum Kind: UInt8 { case top, propertyList, collection }
    enum Expect: UInt8 { case verb, optionalVerb, object, afterObject, listItem }
    var kind: Kind
    /// The subject of the predicate-object list, or the current cell of a collection.
    var subject: Term
    var predicate: Term
    var expect: Expect
    var hasFirst = false

    init(_ kind: Kind, _ subject: Term, _ expect: Expect) {
        self.kind = kind
        self.subject = subject
        self.predicate = TurtleReader.rdfType
        self.expect = expect
    }
}

extension TurtleReader {
    static let rdfType = Term.iri(RDFNS.type)
    static let rdfFirst = Term.iri(RDFNS.first)
    static let rdfRest = Term.iri(RDFNS.rest)
    static let rdfNil = Term.iri(RDFNS.nil)

    /// Reads statements until the buffer ends. Quads are emitted per complete statement; returns the
    /// offset of the first statement not read (the buffer end when `isFinal`).
    mutating func run(emit: (Quad) throws -> Void) throws -> Int {
        let lineBased = state.format.isLineBased
        while true {
            hitEnd = false
            let before = pos
            skipWS()
            if pos >= end { return isFinal ? end : before }
            let start = pos
            let counter = state.blankCounter
            graph = nil
            pending.removeAll(keepingCapacity: true)
            do {
                if lineBased { try readLineStatement() } else { try readStatement() }
                if hitEnd && !isFinal { throw ReaderFailure.needMore }
            } catch ReaderFailure.needMore {
                pos = start
                state.blankCounter = counter
                return start
            }
            for q in pending { try emit(q) }
        }
    }

    // MARK: - N-Triples / N-Quads

    mutating func skipInline() {
        while true {
            let c = peek()
            guard c == 0x20 || c == 0x09 else { return }
            pos += 1
        }
    }

    mutating func readLineTerm(_ role: String) throws -> Term {
        switch peek() {
        case 0x3C: return .iri(try readIRIRef())
        case 0x5F: return try readBlankLabel()
        case 0x22 where role == "object": return try readQuotedLiteral()
        default: throw fail("expected \(role == "object" ? "an IRI, blank node or literal" : "an IRI or blank node") as \(role)")
        }
    }

    mutating func readLineStatement() throws {
        let s = try readLineTerm("subject")
        skipInline()
        guard peek() == 0x3C else { throw fail("expected an IRI as predicate") }
        let p = Term.iri(try readIRIRef())
        skipInline()
        let o = try readLineTerm("object")
        skipInline()
        var g: Term?
        if state.format == .nquads && (peek() == 0x3C || peek() == 0x5F) {
            g = try readLineTerm("graph name")
            skipInline()
        }
        try finishLineStatement()
        pending.append(Quad(s, p, o, graph: g))
    }

    /// After the terms of an N-Triples/N-Quads statement: its '.', an optional comment, the end of the line.
    mutating func finishLineStatement() throws {
        guard peek() == 0x2E else { throw fail("expected '.' at the end of the statement") }
        pos += 1
        skipInline()
        if peek() == 0x23 {
            while pos < end && self.p[pos] != 0x0A && self.p[pos] != 0x0D { pos += 1 }
        }
        let e = peek()
        guard e == 0x0A || e == 0x0D || pos >= end else { throw fail("expected the end of the line") }
    }

    // MARK: - Turtle / TriG statements

    mutating func readStatement() throws {
        if peek() == 0x40 {
            if keywordAhead("@prefix") { pos += 7; return try readPrefixDecl(dot: true) }
            if keywordAhead("@base") { pos += 5; return try readBaseDecl(dot: true) }
            throw fail("unknown directive")
        }
        if keywordAhead("PREFIX", caseInsensitive: true) { pos += 6; return try readPrefixDecl(dot: false) }
        if keywordAhead("BASE", caseInsensitive: true) { pos += 4; return try readBaseDecl(dot: false) }
        if state.format == .trig { return try readTriGBlock() }
        try readTriples(subject: nil)
        skipWS()
        try expect(0x2E, "'.' at the end of the statement")
    }

    /// PN_PREFIX? `:` — returns the prefix, pos after the colon.
    mutating func readPrefixLabel() throws -> String {
        let start = pos
        var ascii = true
        if peek() != 0x3A {
            let (c, n) = scalar(at: pos)
            guard n > 0, CharClass.isPNCharsBase(c) else { throw fail("expected a prefixed name") }
            pos += n
            ascii = c < 0x80
            while true {
                let (d, m) = scalar(at: pos)
                guard m > 0, CharClass.isPNChars(d) || d == 0x2E else { break }
                ascii = ascii && d < 0x80
                pos += m
            }
            guard peek() == 0x3A, p[pos - 1] != 0x2E else { throw fail("expected ':' after the prefix", at: start) }
        }
        let prefix = try string(start, pos, ascii: ascii)
        pos += 1
        return prefix
    }

    mutating func readPrefixDecl(dot: Bool) throws {
        skipWS()
        let prefix = try readPrefixLabel()
        skipWS()
        guard peek() == 0x3C else { throw fail("expected a namespace IRI") }
        let iri = try readIRIRef()
        if dot { skipWS(); try expect(0x2E, "'.' after @prefix") }
        if hitEnd && !isFinal { throw ReaderFailure.needMore }
        state.prefixMap[prefix] = iri
        state.prefixList.append((prefix: prefix, namespace: iri))
    }

    mutating func readBaseDecl(dot: Bool) throws {
        skipWS()
        guard peek() == 0x3C else { throw fail("expected a base IRI") }
        let iri = try readIRIRef()
        if dot { skipWS(); try expect(0x2E, "'.' after @base") }
        if hitEnd && !isFinal { throw ReaderFailure.needMore }
        state.base = iri
    }

    mutating func readTriGBlock() throws {
        let c = peek()
        if c == 0x7B { return try readWrappedGraph(nil) }
        if keywordAhead("GRAPH", caseInsensitive: true) {
            pos += 5
            skipWS()
            let g: Term
            if peek() == 0x5B {
                pos += 1
                skipWS()
                try expect(0x5D, "']' (a graph name is an IRI or blank node)")
                g = freshBlank()
            } else {
                g = try readSimpleTerm(role: "graph name")
            }
            skipWS()
            guard peek() == 0x7B else { throw fail("expected '{'") }
            return try readWrappedGraph(g)
        }
        var subject: Term?
        if c == 0x5B {
            let save = pos
            pos += 1
            skipWS()
            if peek() == 0x5D { pos += 1; subject = freshBlank() } else { pos = save }
        } else if c != 0x28 {
            subject = try readSimpleTerm(role: "subject")
        }
        if let subject {
            skipWS()
            if peek() == 0x7B { return try readWrappedGraph(subject) }
        }
        try readTriples(subject: subject)
        skipWS()
        try expect(0x2E, "'.' at the end of the statement")
    }

    /// `{ triples (. triples)* .? }` with pos at `{`.
    mutating func readWrappedGraph(_ name: Term?) throws {
        pos += 1
        graph = name
        defer { graph = nil }
        while true {
            skipWS()
            if peek() == 0x7D { pos += 1; return }
            try readTriples(subject: nil)
            skipWS()
            if peek() == 0x2E { pos += 1; continue }
            if peek() == 0x7D { pos += 1; return }
            throw fail("expected '.' or '}'")
        }
    }

    /// `triples`: a subject (given, or read here) and its predicate-object lists, up to but not
    /// including the final `.`.
    mutating func readTriples(subject preset: Term?) throws {
        frames.removeAll(keepingCapacity: true)
        if let preset {
            frames.append(Frame(.top, preset, .verb))
        } else {
            skipWS()
            let c = peek()
            if c == 0x5B {
                pos += 1
                skipWS()
                if peek() == 0x5D {
                    pos += 1
                    frames.append(Frame(.top, freshBlank(), .verb))
                } else {
                    let b = freshBlank()
                    frames.append(Frame(.top, b, .optionalVerb))
                    frames.append(Frame(.propertyList, b, .verb))
                }
            } else if c == 0x28 {
                pos += 1
                skipWS()
                if peek() == 0x29 {
                    pos += 1
                    frames.append(Frame(.top, Self.rdfNil, .verb))
                } else {
                    let head = freshBlank()
                    frames.append(Frame(.top, head, .verb))
                    frames.append(Frame(.collection, head, .listItem))
                }
            } else {
                frames.append(Frame(.top, try readSimpleTerm(role: "subject"), .verb))
            }
        }
        try runFrames()
    }

    private mutating func runFrames() throws {
        while let i = frames.indices.last {
            skipWS()
            switch frames[i].expect {
            case .optionalVerb:
                let c = peek()
                if c == 0x2E || c == 0x5D || c == 0x7D || pos >= end {
                    if try close(i) { return }
                    continue
                }
                frames[i].predicate = try readVerb()
                frames[i].expect = .object
            case .verb:
                frames[i].predicate = try readVerb()
                frames[i].expect = .object
            case .object, .listItem:
                if frames[i].kind == .collection && peek() == 0x29 {
                    pos += 1
                    add(frames[i].subject, Self.rdfRest, Self.rdfNil)
                    frames.removeLast()
                    continue
                }
                try readObject(into: i)
            case .afterObject:
                let c = peek()
                if c == 0x2C {
                    pos += 1
                    frames[i].expect = .object
                } else if c == 0x3B {
                    pos += 1
                    skipWS()
                    while peek() == 0x3B { pos += 1; skipWS() }
                    frames[i].expect = .optionalVerb
                } else if try close(i) {
                    return
                }
            }
        }
    }

    /// Ends the predicate-object list of frame `i`; true when that finished the statement.
    private mutating func close(_ i: Int) throws -> Bool {
        if frames[i].kind == .top { frames.removeAll(keepingCapacity: true); return true }
        guard peek() == 0x5D else { throw fail("expected ']', ';' or ','") }
        pos += 1
        frames.removeLast()
        return false
    }

    private mutating func readVerb() throws -> Term {
        let c = peek()
        if c == 0x61 && keywordAhead("a") { pos += 1; return Self.rdfType }
        if c == 0x3C { return .iri(try readIRIRef()) }
        if c == 0x5F || c == 0x5B || c == 0x22 || c == 0x27 || CharClass.isDigit(c) {
            throw fail("a predicate must be an IRI")
        }
        if prefixedNameAhead() { return .iri(try readPrefixedName()) }
        throw fail("expected a predicate")
    }

    private mutating func readObject(into i: Int) throws {
        let c = peek()
        if c == 0x5B || c == 0x28 {
            pos += 1
            skipWS()
            let close: UInt8 = c == 0x5B ? 0x5D : 0x29
            if peek() == close {
                pos += 1
                deliver(c == 0x5B ? freshBlank() : Self.rdfNil, to: i)
                return
            }
            guard frames.count < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
            let node = freshBlank()
            deliver(node, to: i)
            frames.append(Frame(c == 0x5B ? .propertyList : .collection, node, c == 0x5B ? .verb : .listItem))
            return
        }
        deliver(try readSimpleTerm(role: "object"), to: i)
    }

    private mutating func deliver(_ o: Term, to i: Int) {
        if frames[i].kind == .collection {
            if frames[i].hasFirst {
                let next = freshBlank()
                add(frames[i].subject, Self.rdfRest, next)
                frames[i].subject = next
            }
            frames[i].hasFirst = true
            add(frames[i].subject, Self.rdfFirst, o)
        } else {
            add(frames[i].subject, frames[i].predicate, o)
            frames[i].expect = .afterObject
        }
    }
}
