import ArgumentParser
import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

struct WorkerCommand: AsyncParsableCommand {
    static let defaultLeaseSeconds = 60
    static let defaultHeartbeatSeconds = 20

    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Work the partitions of days planned with `run-day --partitions N` (PostgreSQL).",
        discussion: """
        Claims a planned partition of the oldest planned date with FOR UPDATE SKIP LOCKED under a lease, renewed by a \
        heartbeat while it works; decides its customers' cases, checks them against the policy pack and writes them in one \
        transaction; then takes the next. Once every partition of a date is done, one worker runs the day's final step: the \
        tasks assigned to agents across the whole day, the summary written and the day published. A job whose lease ran out \
        (its worker died) is claimable again. Any number of workers may run, on any machines that reach the database; they \
        must share the configuration (CONFIG: buckets, teams, policy pack) and the data key. With --until-idle the worker \
        exits 0 once no job is left to do; without it, it waits for more (docs/scale-out.md).
        """
    )

    @Flag(name: .customLong("until-idle"), help: "Exit 0 once every job of every planned day is done.")
    var untilIdle = false

    @Option(name: .customLong("lease-seconds"), help: "How long a claimed job stays this worker's without a heartbeat.")
    var leaseSeconds = WorkerCommand.defaultLeaseSeconds

    @Option(name: .customLong("heartbeat-seconds"), help: "How often the lease is renewed while the worker works.")
    var heartbeatSeconds = WorkerCommand.defaultHeartbeatSeconds

    @OptionGroup var options: StoreOptions

    func validate() throws {
        guard (1...86_400).contains(leaseSeconds) else { throw ValidationError("--lease-seconds must be between 1 and 86400") }
        guard (1...86_400).contains(heartbeatSeconds), heartbeatSeconds < leaseSeconds else {
            throw ValidationError("--heartbeat-seconds must be at least 1 and less than --lease-seconds")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let agents = try options.agents()
            let policy = try options.policy()
            try await options.withStore { store in
                guard store.dialect == .postgres else { throw CLIFailure.rejected(PartitionedDayError.needsPostgres.description) }
                let started = Date()
                let worker = DayWorker(day: PartitionedDay(store: store, buckets: buckets, agents: agents, policy: policy),
                                       leaseSeconds: leaseSeconds, heartbeatSeconds: heartbeatSeconds)
                Terminal.info("worker \(worker.owner): lease \(leaseSeconds) s, heartbeat \(heartbeatSeconds) s")
                do {
                    let done = try await worker.run(untilIdle: untilIdle) { step in
                        Terminal.info(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + step)
                    }
                    Terminal.info("worker \(worker.owner): \(done) jobs done; nothing left")
                } catch let refused as PartitionedDayError {
                    throw CLIFailure.rejected(refused.description)
                }
            }
        }
    }
}
