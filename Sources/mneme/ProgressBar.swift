import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress bar on a terminal: files, megabytes, chunks per second and the time
/// left. Draws at most ten times a second; prints nothing when standard output is not a
/// terminal.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: every access to `lastDraw` happens under `lock`.
    private let lock = NSLock()
    private var lastDraw = ContinuousClock.now - .seconds(1)
    let enabled: Bool

    init() {
        enabled = isatty(STDOUT_FILENO) == 1
    }

    func update(filesDone: Int, filesTotal: Int, bytesDone: Int64, bytesTotal: Int64, chunks: Int, elapsed: Duration) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) || filesDone == filesTotal else { return }
        lastDraw = now
        let fraction =
            bytesTotal > 0 ? Double(bytesDone) / Double(bytesTotal) : Double(filesDone) / Double(max(filesTotal, 1))
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let seconds = max(elapsed.seconds, 0.001)
        let rate = Double(chunks) / seconds
        let remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
        let line = String(
            format: "\r%@ %d/%d files · %.1f/%.1f MB · %.0f chunks/s · ETA %@ ",
            bar, filesDone, filesTotal, Double(bytesDone) / 1e6, Double(bytesTotal) / 1e6, rate,
            Self.clock(remaining)
        )
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}
