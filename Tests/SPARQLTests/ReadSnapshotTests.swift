import Foundation
import RDF
import Testing
import Store
@testable import SPARQL

@Suite struct ReadSnapshotTests {
    /// A query runs several store queries (here one per UNION branch); a writer committing between
    /// them is not seen by the later ones: the whole query reads one snapshot.
    @Test func aQueryDoesNotSeeWhatIsCommittedWhileItRuns() throws {
        try withPeopleStore { store in
            let writer = try TripleStore(path: store.path)
            let query = try Query.parse(prefixes + "SELECT ?x { { ?x :age ?a } UNION { ?x :age ?a } }")
            var rows = 0
            try QueryEngine(store: store).execute(query) { event in
                guard case .solution = event else { return true }
                rows += 1
                if rows == 1 { try writer.insert(Quad(iri("erin"), iri("age"), int(7))) }
                return true
            }
            #expect(rows == 6)
            // the next query sees it
            #expect(try select(store, "SELECT ?x { ?x :age ?a }").count == 4)
        }
    }
}
