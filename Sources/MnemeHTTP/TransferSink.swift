import Synchronization

/// The state one transfer shares between the event-loop thread (producer) and the awaiting task
/// (consumer): the response head, a bounded queue of body chunks, and the outcome.
///
/// The producer never blocks: when more than `highWater` bytes are queued it asks curl to pause the
/// transfer; the consumer asks the loop to resume it once the queue falls to `lowWater`.
final class TransferSink: Sendable {
    enum WriteDecision {
        case accepted
        case pause
        case abort
    }

    private struct State {
        var head: HTTPResponseHead?
        var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var chunks: [[UInt8]] = []
        var readIndex = 0
        var bufferedBytes = 0
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var outcome: Result<Void, HTTPError>?
        var producerPaused = false
    }

    let id: UInt64
    /// `METHOD url` with secrets redacted, for messages.
    let requestDescription: String
    private let highWater: Int
    private let lowWater: Int
    private let state = Mutex(State())
    private let loop: CurlEventLoop

    init(id: UInt64, requestDescription: String, bufferLimit: Int, loop: CurlEventLoop) {
        self.id = id
        self.requestDescription = requestDescription
        self.highWater = max(bufferLimit, 1)
        self.lowWater = max(bufferLimit / 4, 0)
        self.loop = loop
    }

    // MARK: Consumer side

    /// Waits until the head has arrived (or the transfer failed).
    func waitForHead() async throws -> HTTPResponseHead {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<HTTPResponseHead, any Error>) in
                let ready: Result<HTTPResponseHead, HTTPError>? = state.withLock { state in
                    if let head = state.head { return .success(head) }
                    if case .failure(let error) = state.outcome { return .failure(error) }
                    state.headWaiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel(message: "\(requestDescription): the task was cancelled")
        }
    }

    /// The next body chunk, `nil` at the end; throws the transfer's error once buffered data is consumed.
    func nextChunk() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                var resumeProducer = false
                let ready: Result<[UInt8]?, HTTPError>? = state.withLock { state in
                    if state.readIndex < state.chunks.count {
                        let chunk = state.chunks[state.readIndex]
                        state.chunks[state.readIndex] = []
                        state.readIndex += 1
                        state.bufferedBytes -= chunk.count
                        if state.readIndex == state.chunks.count {
                            state.chunks.removeAll(keepingCapacity: true)
                            state.readIndex = 0
                        }
                        if state.producerPaused && state.bufferedBytes <= lowWater {
                            state.producerPaused = false
                            resumeProducer = true
                        }
                        return .success(chunk)
                    }
                    switch state.outcome {
                    case .success: return .success(nil)
                    case .failure(let error): return .failure(error)
                    case nil:
                        state.bodyWaiter = continuation
                        return nil
                    }
                }
                if resumeProducer { loop.submit(.resume(id)) }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel(message: "\(requestDescription): the task reading the body was cancelled")
        }
    }

    /// Fails the transfer with `.cancelled` (if it has not finished) and tells the loop to abort it.
    func cancel(message: String) {
        let error = HTTPError(code: .cancelled, message: message)
        if finish(.failure(error), discardBuffered: true) {
            loop.submit(.cancel(id))
        }
    }

    // MARK: Producer side (event-loop thread)

    /// Publishes the head; resumes a waiting `stream` call.
    func deliverHead(_ head: HTTPResponseHead) {
        let waiter = state.withLock { state -> CheckedContinuation<HTTPResponseHead, any Error>? in
            guard state.head == nil, state.outcome == nil else { return nil }
            state.head = head
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: head)
    }

    /// Offers body bytes. `.pause` means the bytes were NOT taken (curl delivers them again after resume).
    func offer(_ bytes: UnsafeRawBufferPointer) -> WriteDecision {
        var handOff: (CheckedContinuation<[UInt8]?, any Error>, [UInt8])?
        let decision = state.withLock { state -> WriteDecision in
            if state.outcome != nil { return .abort }
            if let bodyWaiter = state.bodyWaiter {
                state.bodyWaiter = nil
                handOff = (bodyWaiter, Array(bytes))
                return .accepted
            }
            if state.bufferedBytes >= highWater {
                state.producerPaused = true
                return .pause
            }
            state.chunks.append(Array(bytes))
            state.bufferedBytes += bytes.count
            return .accepted
        }
        if let (waiter, chunk) = handOff { waiter.resume(returning: chunk) }
        return decision
    }

    /// Whether the consumer has already given up (the loop then aborts the transfer).
    var isFinished: Bool {
        state.withLock { $0.outcome != nil }
    }

    /// Records the outcome (first call wins) and wakes waiters. Returns whether this call decided the outcome.
    @discardableResult
    func finish(_ outcome: Result<Void, HTTPError>, discardBuffered: Bool = false) -> Bool {
        let (decided, headWaiter, bodyWaiter) = state.withLock {
            state -> (
                Bool, CheckedContinuation<HTTPResponseHead, any Error>?, CheckedContinuation<[UInt8]?, any Error>?
            ) in
            guard state.outcome == nil else { return (false, nil, nil) }
            state.outcome = outcome
            if discardBuffered {
                state.chunks = []
                state.readIndex = 0
                state.bufferedBytes = 0
            }
            defer {
                state.headWaiter = nil
                state.bodyWaiter = nil
            }
            return (true, state.headWaiter, state.bodyWaiter)
        }
        if let headWaiter {
            switch outcome {
            case .failure(let error): headWaiter.resume(throwing: error)
            case .success:
                let error = HTTPError(
                    code: .malformedResponse, message: "\(requestDescription): the response has no status line")
                headWaiter.resume(throwing: error)
            }
        }
        if let bodyWaiter {
            switch outcome {
            case .failure(let error): bodyWaiter.resume(throwing: error)
            case .success: bodyWaiter.resume(returning: nil)
            }
        }
        return decided
    }
}
