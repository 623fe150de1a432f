import Foundation
import PackagePlugin

/// Compiles the package's `Ontology/` folder into the target it is applied to (`OntologyData`), so that
/// an installed `kg` carries its default ontology. Runs again whenever a file of the folder changes.
@main
struct EmbedOntology: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Ontology")
        var inputs: [URL] = []
        if let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOntologyFiles.swift")
        return [.buildCommand(displayName: "Embedding Ontology/ in \(target.name)",
                              executable: try context.tool(named: "EmbedOntologyTool").url,
                              arguments: [folder.path, output.path],
                              inputFiles: inputs.sorted { $0.path < $1.path }, outputFiles: [output])]
    }
}
