import Synchronization

/// Tasks a turn starts after its reply (the model-based memory extractor), so the engine can wait for them.
final class BackgroundWork: Sendable {
    private let state = Mutex<(next: Int, tasks: [Int: Task<Void, Never>])>((0, [:]))

    /// Starts `body` in a new task.
    func start(_ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.next
            state.next += 1
            // The task removes itself; it cannot before this insertion, which holds the lock.
            state.tasks[id] = Task { [self] in
                await body()
                self.state.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
        }
    }

    /// Waits until no task is running (including tasks started while waiting).
    func wait() async {
        while true {
            let running = state.withLock { Array($0.tasks.values) }
            if running.isEmpty { return }
            for task in running { await task.value }
        }
    }
}
