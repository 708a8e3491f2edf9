import CCurl
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One thread driving one libcurl multi handle.
///
/// Design: the multi interface multiplexes every transfer of a client on a single thread with
/// `curl_multi_poll`, so hundreds of concurrent streams cost one thread, their sockets and their
/// buffers. Other threads never touch the multi handle or easy handles: they append a
/// ``Command`` to a mutex-protected queue and call `curl_multi_wakeup` (documented thread-safe),
/// which interrupts `curl_multi_poll`. Cancelling therefore takes effect within one loop turn,
/// whatever the server does, and closes the connection (`curl_multi_remove_handle` +
/// `curl_easy_cleanup`). Idle timeouts are our own millisecond timer, checked every turn.
final class CurlEventLoop: Sendable {
    enum Command: Sendable {
        case add(TransferSink, HTTPRequest, HTTPClient.Configuration)
        case cancel(UInt64)
        case resume(UInt64)
    }

    private struct Queue {
        var commands: [Command] = []
        var isShutdown = false
    }

    private let queue = Mutex(Queue())
    private let multi: CurlMultiHandle
    private let nextID = Atomic<UInt64>(1)

    init() throws(HTTPError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_multi_init() else {
            throw HTTPError(code: .other, message: "libcurl could not create a multi handle")
        }
        multi = CurlMultiHandle(handle)
        try startThread()
    }

    func makeTransferID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Queues `command` for the loop thread and wakes it. After shutdown, additions fail at once.
    func submit(_ command: Command) {
        let accepted = queue.withLock { queue -> Bool in
            guard !queue.isShutdown else { return false }
            queue.commands.append(command)
            return true
        }
        guard accepted else {
            if case .add(let sink, _, _) = command {
                sink.finish(
                    .failure(
                        HTTPError(
                            code: .cancelled, message: "\(sink.requestDescription): the HTTP client was shut down")))
            }
            return
        }
        curl_multi_wakeup(multi.raw)
    }

    /// Stops the loop: running transfers fail with `.cancelled`, the thread exits.
    func shutdown() {
        let changed = queue.withLock { queue -> Bool in
            defer { queue.isShutdown = true }
            return !queue.isShutdown
        }
        if changed { curl_multi_wakeup(multi.raw) }
    }

    // MARK: Thread

    private func startThread() throws(HTTPError) {
        let context = Unmanaged.passRetained(self).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(
            &thread, &attributes,
            { context in
                let loop = Unmanaged<CurlEventLoop>.fromOpaque(context!).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        if result != 0 {
            Unmanaged<CurlEventLoop>.fromOpaque(context).release()
            throw HTTPError(code: .other, message: "could not start the HTTP event-loop thread (error \(result))")
        }
    }

    /// The loop body; runs on the loop thread only.
    private func run() {
        var registry = TransferRegistry()
        while true {
            let (commands, isShutdown) = queue.withLock { queue in
                defer { queue.commands.removeAll(keepingCapacity: true) }
                return (queue.commands, queue.isShutdown)
            }
            for command in commands {
                apply(command, to: &registry)
            }
            if isShutdown {
                for transfer in registry.removeAll() {
                    curl_multi_remove_handle(multi.raw, transfer.easy)
                    let error = HTTPError(
                        code: .cancelled, message: "\(transfer.sink.requestDescription): the HTTP client was shut down")
                    transfer.sink.finish(.failure(error), discardBuffered: true)
                }
                return
            }
            var running: Int32 = 0
            curl_multi_perform(multi.raw, &running)
            collectFinishedTransfers(&registry)
            var waitMilliseconds = 1000
            if let deadline = registry.nextIdleDeadline {
                let now = ContinuousClock.now
                if now >= deadline {
                    enforceIdleTimeouts(&registry, now: now)
                }
                if let next = registry.nextIdleDeadline {
                    waitMilliseconds = min(waitMilliseconds, max(1, (next - now).roundedUpMilliseconds))
                }
            }
            curl_multi_poll(multi.raw, nil, 0, Int32(waitMilliseconds), nil)
        }
    }

    private func apply(_ command: Command, to registry: inout TransferRegistry) {
        switch command {
        case .add(let sink, let request, let configuration):
            guard !sink.isFinished else { return }  // cancelled before it started
            do {
                let transfer = try CurlTransfer(sink: sink, request: request, configuration: configuration)
                let code = curl_multi_add_handle(multi.raw, transfer.easy)
                guard code == CURLM_OK else {
                    let message = String(cString: curl_multi_strerror(code))
                    sink.finish(.failure(HTTPError(code: .other, message: "\(sink.requestDescription): \(message)")))
                    return
                }
                registry.insert(transfer)
            } catch {
                sink.finish(.failure(error))
            }
        case .cancel(let id):
            if let transfer = registry.remove(id: id) {
                curl_multi_remove_handle(multi.raw, transfer.easy)
                // The sink already holds the cancellation error; releasing the transfer closes the socket.
            }
        case .resume(let id):
            if let transfer = registry.transfer(id: id) {
                transfer.resume()
                registry.noteActivity(of: transfer)
            }
        }
    }

    private func collectFinishedTransfers(_ registry: inout TransferRegistry) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = registry.remove(easy: easy) else { continue }
            curl_multi_remove_handle(multi.raw, easy)
            transfer.complete(code)
        }
    }

    /// Fails transfers that have been silent longer than their idle timeout and computes the next
    /// deadline. Activity only moves deadlines later, so a full scan is needed only when the earliest
    /// recorded deadline has passed.
    private func enforceIdleTimeouts(_ registry: inout TransferRegistry, now: ContinuousClock.Instant) {
        var next: ContinuousClock.Instant?
        for transfer in registry.all {
            guard let remaining = transfer.idleTimeRemaining(now: now) else { continue }
            if remaining <= .zero {
                registry.remove(id: transfer.sink.id)
                curl_multi_remove_handle(multi.raw, transfer.easy)
                transfer.failIdle()
            } else {
                next = min(next ?? now + remaining, now + remaining)
            }
        }
        registry.nextIdleDeadline = next
    }
}

/// Owns the multi handle; cleaned up when the loop object goes away (after its thread exited,
/// since the thread holds a reference while running).
final class CurlMultiHandle: @unchecked Sendable {
    // @unchecked: only `curl_multi_wakeup` (thread-safe by contract) is called off the loop thread.
    let raw: UnsafeMutableRawPointer

    init(_ raw: UnsafeMutableRawPointer) {
        self.raw = raw
    }

    deinit {
        curl_multi_cleanup(raw)
    }
}

/// The loop thread's transfers, by id and by easy handle, and the earliest idle deadline.
struct TransferRegistry {
    private var byID: [UInt64: CurlTransfer] = [:]
    private var byEasy: [UnsafeMutableRawPointer: UInt64] = [:]
    /// No transfer can time out for idleness before this instant (`nil`: none has an idle limit).
    var nextIdleDeadline: ContinuousClock.Instant?

    var all: [CurlTransfer] { Array(byID.values) }

    mutating func insert(_ transfer: CurlTransfer) {
        byID[transfer.sink.id] = transfer
        byEasy[transfer.easy] = transfer.sink.id
        noteActivity(of: transfer)
    }

    /// Makes sure the idle deadline of `transfer` (from now) is not later than `nextIdleDeadline`.
    mutating func noteActivity(of transfer: CurlTransfer) {
        guard let remaining = transfer.idleTimeRemaining(now: .now) else { return }
        let deadline = ContinuousClock.now + remaining
        nextIdleDeadline = min(nextIdleDeadline ?? deadline, deadline)
    }

    func transfer(id: UInt64) -> CurlTransfer? { byID[id] }

    @discardableResult
    mutating func remove(id: UInt64) -> CurlTransfer? {
        guard let transfer = byID.removeValue(forKey: id) else { return nil }
        byEasy[transfer.easy] = nil
        return transfer
    }

    mutating func remove(easy: UnsafeMutableRawPointer) -> CurlTransfer? {
        guard let id = byEasy[easy] else { return nil }
        return remove(id: id)
    }

    mutating func removeAll() -> [CurlTransfer] {
        defer {
            byID = [:]
            byEasy = [:]
            nextIdleDeadline = nil
        }
        return Array(byID.values)
    }
}
