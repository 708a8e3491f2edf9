import Foundation
import Mneme
import MnemeIngest

/// Opening the engine for `ask` and `chat`, and the sample corpus on first start.
enum EngineSetup {
    static func engine(_ global: GlobalOptions, model: String?) throws -> Engine {
        var configuration = try global.configuration()
        if let model { configuration.model = model }
        return try Engine(configuration: configuration)
    }

    /// The sample handbook: `$MNEME_CORPUS`, else `corpora/handbook` in the working folder or
    /// above it, or above the executable (a checkout running `.build/debug/mneme`).
    static func sampleCorpus() -> String? {
        if let path = ProcessInfo.processInfo.environment["MNEME_CORPUS"], !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath), executable.deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("corpora/handbook")
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                    return candidate.path
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// Indexes the sample corpus into the tenant when it has no documents yet. Returns a line
    /// to show, or `nil` when nothing was done.
    static func indexSampleCorpusIfEmpty(_ engine: Engine, tenant: String, progress: Bool) async throws -> String? {
        guard try await engine.store.documents(tenant: tenant).isEmpty, let corpus = sampleCorpus() else { return nil }
        let bar = ProgressBar()
        let report = try await engine.index([corpus], tenant: tenant, collection: "handbook") { p in
            if progress {
                bar.update(
                    filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal,
                    chunks: p.chunks, elapsed: p.elapsed)
            }
        }
        if progress { bar.finish() }
        return
            "Indexed the sample handbook: \(report.added) documents, \(report.chunks) chunks (collection 'handbook')."
    }
}
