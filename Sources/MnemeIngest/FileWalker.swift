import Foundation

/// Lists the files under a set of paths: regular files, recursively through folders, following
/// symbolic links but visiting every real folder once (so a link loop ends), skipping hidden
/// files and folders (names starting with `.`).
struct FileWalker {
    /// A file found, with what identifies its version cheaply.
    struct File: Hashable {
        /// The absolute, standardized path: the document's URI.
        var path: String
        var size: Int64
        var modifiedAt: Date
    }

    /// A path that could not be listed, and why.
    struct Problem: Hashable {
        var path: String
        var reason: String
    }

    private(set) var files: [File] = []
    private(set) var problems: [Problem] = []
    private var visitedFolders = Set<String>()

    /// Walks `roots` (files or folders).
    init(roots: [String]) {
        for root in roots {
            let path = URL(fileURLWithPath: root).standardizedFileURL.path
            visit(path, explicit: true)
        }
        files.sort { $0.path < $1.path }
    }

    private mutating func visit(_ path: String, explicit: Bool) {
        // Most entries are regular files: one `lstat` tells, and gives size and time.
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            files.append(File(path: path, size: Int64(info.st_size), modifiedAt: Self.modificationDate(info)))
            return
        }
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
            if explicit || (try? fileManager.destinationOfSymbolicLink(atPath: path)) != nil {
                problems.append(
                    Problem(path: path, reason: explicit ? "no such file or folder" : "broken symbolic link"))
            }
            return
        }
        if isFolder.boolValue {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard visitedFolders.insert(real).inserted else { return }
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: path)
            } catch {
                problems.append(Problem(path: path, reason: "folder cannot be read"))
                return
            }
            // Entries are inspected relative to the open folder (`fstatat`): the kernel does not
            // walk the whole path again for every file.
            let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if folder >= 0 { close(folder) } }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = path + "/" + name
                var info = stat()
                if folder >= 0, fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG
                {
                    files.append(File(path: child, size: Int64(info.st_size), modifiedAt: Self.modificationDate(info)))
                } else {
                    visit(child, explicit: false)
                }
            }
            return
        }
        // Not a folder and not a regular file by `lstat` (checked first, as
        // `FileManager.attributesOfItem` would): a link to a file, a device, a socket.
        if explicit { problems.append(Problem(path: path, reason: "not a regular file")) }
    }

    /// The date as Foundation computes it from the same fields.
    private static func modificationDate(_ info: stat) -> Date {
        Date(
            timeIntervalSinceReferenceDate: TimeInterval(info.st_mtim.tv_sec)
                - Date.timeIntervalBetween1970AndReferenceDate
                + 1.0e-9 * TimeInterval(info.st_mtim.tv_nsec))
    }
}
