import ArrearsCore
import ArrearsStore
import Foundation

/// `arrears worker`: claims the jobs of partitioned days (`DayPartitions.claim`) one after the
/// other and does them (`PartitionedDay.work`), renewing each job's lease every
/// `heartbeatSeconds` while it works. Any number of workers, on any machines that reach the
/// database, share the jobs; a worker killed at any point loses nothing: its job's transaction
/// rolls back and, once its lease has run out, another worker takes the job.
public struct DayWorker: Sendable {
    public let day: PartitionedDay
    /// Who holds the leases: host, process id and a random suffix.
    public let owner: String
    public let leaseSeconds: Int
    public let heartbeatSeconds: Int
    /// How long to wait before looking for work again when none is claimable.
    public var idleSeconds = 1.0

    public init(day: PartitionedDay, leaseSeconds: Int, heartbeatSeconds: Int, owner: String? = nil) {
        self.day = day
        self.leaseSeconds = leaseSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.owner = owner ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    /// Works jobs until none is left to do (`untilIdle`: every job of every planned day done),
    /// or for ever; returns how many jobs this worker did.
    public func run(untilIdle: Bool, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Int {
        var done = 0
        while !Task.isCancelled {
            guard let job = try await DayPartitions.claim(as: owner, leaseSeconds: leaseSeconds, store: day.store) else {
                // Jobs other workers hold may still come back (a lease that runs out), and a final
                // step waits for every partition: idle means nothing is left at all.
                if untilIdle, try await DayPartitions.unfinished(on: day.store.sql) == 0 { return done }
                try await Task.sleep(nanoseconds: UInt64(idleSeconds * 1e9))
                continue
            }
            progress("claimed \(job)")
            let heartbeat = Task { [store = day.store, leaseSeconds, heartbeatSeconds] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(heartbeatSeconds) * 1_000_000_000)
                    if Task.isCancelled { return }
                    guard (try? await DayPartitions.renew(job, leaseSeconds: leaseSeconds, on: store.sql)) != false else { return }
                }
            }
            defer { heartbeat.cancel() }
            do {
                if let summary = try await day.work(job, progress: progress) {
                    progress("published \(job.businessDate)\n" + summary.text)
                } else {
                    progress("finished \(job)")
                }
                done += 1
            } catch let lost as DayPartitions.LeaseLost {
                progress(lost.description)
            }
            heartbeat.cancel()
        }
        return done
    }
}
