// swift-tools-version: 6.1
import PackageDescription

// Layers: each target uses only targets of the layers above it (A ← B: A uses B). RDF (terms and
// syntaxes) is used by every target of layers 2 to 5. Ontology is the domain knowledge loaded from
// Ontology/*.ttl; OntologyData is that folder compiled into kg.
//   1  RDF     Render ← CGraphviz (libgvc: lays out and draws a GraphMap)     OntologyData
//   2  Ontology     Ingest     Store ← CSQLite
//   3  Extract ← Ingest, Ontology     SPARQL ← Store     Timeline ← Ontology, Store
//   4  Pipeline ← Ingest, Extract, Ontology, Store, Timeline   (kg build: reading → extracted → committed)
//      Maps ← Ontology, Store, Timeline, Render                (the relationship and control maps)
//      Serve ← SPARQL, Store                                   (kg serve: the SPARQL 1.1 Protocol over HTTP)
//   5  KGCommands ← every target above                        (the commands' arguments)
//   6  kg ← KGCommands
let package = Package(
    name: "kg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kg", targets: ["kg"]),
        // Used only by the separate libFuzzer package in Fuzz/ (see docs/fuzzing.md).
        .library(name: "KGFuzzSupport", targets: ["RDF", "Store", "Ontology", "SPARQL", "Ingest", "Extract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),

        .target(name: "RDF"),
        .target(name: "Ontology", dependencies: ["RDF"]),
        // Ontology/ compiled into kg (the default ontology of an installed kg), by a build plugin.
        .executableTarget(name: "EmbedOntologyTool"),
        .plugin(name: "EmbedOntology", capability: .buildTool(), dependencies: ["EmbedOntologyTool"]),
        .target(name: "OntologyData", plugins: ["EmbedOntology"]),
        .target(name: "Ingest", dependencies: [
            "RDF",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Extract", dependencies: ["Ingest", "Ontology", "RDF"]),
        .target(name: "Store", dependencies: ["RDF", "CSQLite"]),
        .target(name: "SPARQL", dependencies: [
            "RDF", "Store",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Timeline", dependencies: ["RDF", "Ontology", "Store"]),
        .target(name: "Render", dependencies: ["CGraphviz"]),
        .target(name: "Pipeline", dependencies: ["RDF", "Ontology", "Ingest", "Extract", "Store", "Timeline"]),
        .target(name: "Maps", dependencies: ["RDF", "Ontology", "Store", "Timeline", "Render"]),
        .target(name: "Serve", dependencies: [
            "RDF", "Store", "SPARQL",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "KGCommands", dependencies: [
            "RDF", "Ontology", "OntologyData", "Ingest", "Extract", "Store", "SPARQL", "Timeline", "Render",
            "Pipeline", "Maps", "Serve",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "kg", dependencies: ["KGCommands"]),

        .testTarget(name: "RDFTests", dependencies: ["RDF"]),
        .testTarget(name: "OntologyTests", dependencies: ["Ontology", "RDF"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "RDF"]),
        .testTarget(name: "ExtractTests", dependencies: ["Extract", "Ontology", "Ingest", "RDF"],
                    exclude: ["Unseen"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "RDF"]),
        .testTarget(name: "SPARQLTests", dependencies: ["SPARQL", "Store", "RDF"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "Ontology", "Store", "RDF"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Ontology", "Ingest"]),
        .testTarget(name: "MapsTests", dependencies: ["Maps", "RDF"]),
        .testTarget(name: "ServeTests", dependencies: [
            "Serve", "SPARQL", "Store", "RDF",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "CLITests", dependencies: ["kg", "Store", "KGCommands", "Maps", "Ontology", "OntologyData"]),
    ]
)
