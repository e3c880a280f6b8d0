/// Lets one SQLite write transaction of this process run at a time, the others waiting their
/// turn without holding a connection or a thread.
///
/// SQLite has a single writer per database file. Without the gate, concurrent requests that
/// read and then write inside their transactions can fail with "database is locked" (SQLite
/// refuses a lock upgrade that could deadlock), and a writer waiting in SQLite's busy handler
/// holds one of the few blocking threads that the transaction it waits for needs. Queueing
/// here, before a connection is taken, avoids both; PostgreSQL needs no gate.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
