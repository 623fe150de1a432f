// swift-tools-version: 6.1
// libFuzzer targets for kg. Build and run with Fuzz/run.sh (see docs/fuzzing.md); the build needs
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// because every target exports LLVMFuzzerTestOneInput and libFuzzer supplies main().
import PackageDescription

import Foundation
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
let fuzzers = ["FuzzSPARQL", "FuzzRDF", "FuzzArticle", "FuzzTime", "FuzzEval"]

let package = Package(
    name: "kg-fuzz",
    platforms: [.macOS(.v13)],
    // A path dependency is identified by its folder name: the checkout folder of kg (here "main").
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzEntry")] + fuzzers.map {
        .executableTarget(name: $0, dependencies: ["FuzzEntry", .product(name: "KGFuzzSupport", package: mainPackage)],
                          linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])])
    }
)
