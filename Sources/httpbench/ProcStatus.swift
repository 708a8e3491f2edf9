import Foundation

/// Figures from `/proc/self/status` (Linux).
struct ProcStatus {
    /// Peak resident set size ("high water mark"), KiB.
    var peakRSSKiB: Int
    /// Current resident set size, KiB.
    var rssKiB: Int
    /// Threads of the process.
    var threads: Int

    static func read() -> ProcStatus {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func value(_ key: String) -> Int {
            for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
                let digits = line.dropFirst(key.count + 1).filter(\.isNumber)
                return Int(digits) ?? 0
            }
            return 0
        }
        return ProcStatus(peakRSSKiB: value("VmHWM"), rssKiB: value("VmRSS"), threads: value("Threads"))
    }
}

/// Summary statistics of a sample of durations.
struct Stats {
    let sorted: [Duration]

    init(_ samples: [Duration]) {
        sorted = samples.sorted()
    }

    func percentile(_ p: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let index = Swift.min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return sorted[index]
    }

    var median: Duration { percentile(0.5) }
    var p90: Duration { percentile(0.9) }
    var min: Duration { sorted.first ?? .zero }
}

extension Duration {
    var microseconds: Double {
        Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12
    }

    var milliseconds: Double { microseconds / 1000 }
}

func format(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value)
}

/// User + system CPU time from `getrusage`.
enum CPUTime {
    static func ofProcess() -> Duration { read(RUSAGE_SELF) }
    /// Of terminated, waited-for children (the `curl` CLI runs; the server child is still running).
    static func ofChildren() -> Duration { read(RUSAGE_CHILDREN) }

    private static func read(_ who: __rusage_who) -> Duration {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        func duration(_ time: timeval) -> Duration {
            .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}
