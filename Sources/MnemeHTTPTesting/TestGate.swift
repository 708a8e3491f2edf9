import Foundation
import Synchronization

/// A one-shot signal between a test and the server (or any two parties): closed at first, opened
/// once. Used to assert ordering without relying on timing.
///
/// ```swift
/// let sawFirst = TestGate()
/// // server: [.text("a"), .wait(sawFirst, timeout: .seconds(10)), .text("b")]
/// // client: after receiving "a": sawFirst.open()
/// #expect(sawFirst.timedOutWaits == 0)  // the server really waited for the client
/// ```
public final class TestGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var timedOutWaits = 0
    }

    private let state = Mutex(State())

    /// Creates a closed gate.
    public init() {}

    /// Opens the gate and releases every waiter. Idempotent.
    public func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether the gate has been opened.
    public var isOpen: Bool { state.withLock { $0.isOpen } }

    /// How many blocking waits gave up because of their timeout.
    public var timedOutWaits: Int { state.withLock { $0.timedOutWaits } }

    /// Blocks the calling thread until the gate opens or `timeout` passes; returns whether it opened.
    @discardableResult
    public func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if isOpen { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        if isOpen { return true }
        state.withLock { $0.timedOutWaits += 1 }
        return false
    }

    /// Suspends until the gate opens.
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state -> Bool in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}
